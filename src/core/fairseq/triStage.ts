/** `TriStageLRSchedule` (tri_stage_lr_scheduler.py): linear warmup, hold, exponential decay, final. */
export function triStage(p: { readonly lr: number; readonly warmupSteps: number; readonly holdSteps: number; readonly decaySteps: number; readonly phaseRatio: readonly number[] | null; readonly initLrScale: number; readonly finalLrScale: number; readonly maxUpdate: number }): (n: number) => number {
  const peak = p.lr;
  const init = p.initLrScale * p.lr;
  const final = p.finalLrScale * p.lr;
  let [warmup, hold, decay] = [p.warmupSteps, p.holdSteps, p.decaySteps];
  if (p.phaseRatio !== null) {
    if (!(p.maxUpdate > 0)) throw new Error("phase_ratio needs --max-update (assert cfg.max_update > 0)");
    if (p.phaseRatio.reduce((a, b) => a + b, 0) !== 1) throw new Error("phase ratios must add up to 1");
    [warmup, hold, decay] = p.phaseRatio.map((r) => Math.trunc(p.maxUpdate * r)) as [number, number, number];
  }
  if (!(warmup + hold + decay > 0)) throw new Error("please specify steps or phase_ratio");
  const warmupRate = warmup !== 0 ? (peak - init) / warmup : 0;
  if (decay === 0) throw new Error("ZeroDivisionError: -log(final_lr_scale) / decay_steps with decay_steps 0");
  const decayFactor = -Math.log(p.finalLrScale) / decay;
  return (n) => {
    if (n < warmup) return init + warmupRate * n;
    if (n < warmup + hold) return peak;
    if (n <= warmup + hold + decay) return peak * Math.exp(-decayFactor * (n - warmup - hold));
    return final;
  };
}
