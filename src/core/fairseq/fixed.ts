/**
 * `FixedLRSchedule` (fixed_schedule.py): epoch e (from 1) sets `lr[min(e - 1, len - 1)]`, or after
 * `force_anneal` the last one times `lr_shrink ** (e + 1 - force_anneal)`; during the warmup update n
 * trains with `(n + 1) / W` of it.
 */
export function fixed(p: { readonly lrs: readonly number[]; readonly forceAnneal: number | null; readonly lrShrink: number; readonly warmupUpdates: number; readonly updatesPerEpoch: number }): (n: number) => number {
  const epochLr = (epoch: number): number => {
    if (p.forceAnneal === null || epoch < p.forceAnneal) return p.lrs[Math.min(epoch - 1, p.lrs.length - 1)]!;
    return p.lrs[p.lrs.length - 1]! * p.lrShrink ** (epoch + 1 - p.forceAnneal);
  };
  return (n) => {
    const lr = epochLr(Math.floor(n / p.updatesPerEpoch) + 1);
    if (p.warmupUpdates > 0 && n < p.warmupUpdates) return ((n + 1) / p.warmupUpdates) * lr;
    return lr;
  };
}
