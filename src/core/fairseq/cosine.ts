/**
 * `CosineLRSchedule` (cosine_lr_scheduler.py): warmup from `warmup_init_lr` (default `min_lr`), then cosine
 * periods of `lr_period_updates` (default `max_update - warmup_updates`) growing by `t_mult`, each shrunk by
 * `lr_shrink ** i`.
 */
export function cosine(p: { readonly lr: number; readonly warmupUpdates: number; readonly warmupInitLr: number; readonly minLr: number; readonly tMult: number; readonly lrPeriodUpdates: number; readonly lrShrink: number; readonly maxUpdate: number }): (n: number) => number {
  const maxLr = p.lr;
  const minLr = maxLr < p.minLr ? maxLr : p.minLr;
  const init = p.warmupInitLr < 0 ? minLr : p.warmupInitLr;
  let period = p.lrPeriodUpdates;
  if (period <= 0) {
    if (!(p.maxUpdate > 0)) throw new Error("Either --max_update or --lr-period-updates must be set");
    period = p.maxUpdate - p.warmupUpdates;
  }
  const lrStep = p.warmupUpdates > 0 ? (maxLr - init) / p.warmupUpdates : 1;
  const tMult = p.tMult;
  return (n) => {
    if (n < p.warmupUpdates) return init + n * lrStep;
    const curr = n - p.warmupUpdates;
    let i: number;
    let tI: number;
    let tCurr: number;
    if (tMult !== 1) {
      // math.log(x, base) is log(x) / log(base)
      i = Math.floor(Math.log(1 - (curr / period) * (1 - tMult)) / Math.log(tMult));
      tI = tMult ** i * period;
      tCurr = curr - ((1 - tMult ** i) / (1 - tMult)) * period;
    } else {
      i = Math.floor(curr / period);
      tI = period;
      tCurr = curr - period * i;
    }
    const shrink = p.lrShrink ** i;
    const lo = minLr * shrink;
    const hi = maxLr * shrink;
    return lo + 0.5 * (hi - lo) * (1 + Math.cos((Math.PI * tCurr) / tI));
  };
}
