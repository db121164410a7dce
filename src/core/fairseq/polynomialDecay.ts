/**
 * `PolynomialDecayLRSchedule` (polynomial_decay_schedule.py): warmup `n / W × lr` while `n <= W`, then
 * `(lr - end) × (1 - (n - W) / (T - W)) ** power + end`, and `end` from `T = total_num_update` on.
 */
export function polynomialDecay(p: { readonly lr: number; readonly warmupUpdates: number; readonly endLearningRate: number; readonly power: number; readonly totalNumUpdate: number }): (n: number) => number {
  if (!(p.totalNumUpdate > 0)) throw new Error("total_num_update must be > 0 (assert cfg.total_num_update > 0): set --max-update or --total-num-update");
  const W = p.warmupUpdates;
  return (n) => {
    if (W > 0 && n <= W) return (n / W) * p.lr;
    if (n >= p.totalNumUpdate) return p.endLearningRate;
    const lrRange = p.lr - p.endLearningRate;
    const pctRemaining = 1 - (n - W) / (p.totalNumUpdate - W);
    return lrRange * pctRemaining ** p.power + p.endLearningRate;
  };
}
