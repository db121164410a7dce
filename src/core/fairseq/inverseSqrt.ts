/** `InverseSquareRootSchedule` (inverse_square_root_schedule.py): linear warmup, then `lr × sqrt(W) / sqrt(n)`. */
export function inverseSqrt(p: { readonly lr: number; readonly warmupUpdates: number; readonly warmupInitLr: number }): (n: number) => number {
  const init = p.warmupInitLr < 0 ? (p.warmupUpdates > 0 ? 0 : p.lr) : p.warmupInitLr;
  if (p.warmupUpdates === 0) throw new Error("ZeroDivisionError: (lr - warmup_init_lr) / warmup_updates with --warmup-updates 0");
  const lrStep = (p.lr - init) / p.warmupUpdates;
  const decayFactor = p.lr * p.warmupUpdates ** 0.5;
  return (n) => (n < p.warmupUpdates ? init + n * lrStep : decayFactor * n ** -0.5);
}
