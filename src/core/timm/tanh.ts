// TanhLRScheduler (timm/scheduler/tanh_lr.py @ aa4b5850): per cycle
// lr_min + 0.5 * (lr_max - lr_min) * (1 - tanh(lb * (1 - tr) + ub * tr)), tr = t_curr / t_i. Unlike the
// others its warmup climbs to the LR at t = warmup_t (not to the base LR) unless warmup_prefix.
import { cycleOf } from "./cycles";
import { initialValues, TimmError, warmupLr, warmupSteps, type TimmScheduler } from "./scheduler";
import type { TimmSchedulerKind, TimmWarmup } from "./spec";

type Tanh = Extract<TimmSchedulerKind, { kind: "tanh" }>;

export function createTanh(spec: Tanh, warmup: TimmWarmup, base: readonly number[]): TimmScheduler {
  const fail = (what: string): never => {
    throw new TimmError("invalid-argument", `TanhLRScheduler: assert ${what} fails`);
  };
  if (!(spec.tInitial > 0)) fail(`t_initial > 0 (t_initial = ${spec.tInitial})`);
  if (!(spec.lrMin >= 0)) fail(`lr_min >= 0 (lr_min = ${spec.lrMin})`);
  if (!(spec.lb < spec.ub)) fail(`lb < ub`);
  if (!(spec.cycleLimit >= 0)) fail(`cycle_limit >= 0 (cycle_limit = ${spec.cycleLimit})`);
  if (!(warmup.warmupT >= 0)) fail(`warmup_t >= 0 (warmup_t = ${warmup.warmupT})`);
  if (!(warmup.warmupLrInit >= 0)) fail(`warmup_lr_init >= 0 (warmup_lr_init = ${warmup.warmupLrInit})`);

  const main = (t0: number, g: number): number => {
    let t = t0;
    if (warmup.warmupPrefix) t = t - warmup.warmupT;
    const { i, tI, tCurr } = cycleOf(t, spec.tInitial, spec.cycleMul);
    if (!(i < spec.cycleLimit)) return spec.lrMin;
    const lrMax = base[g]! * Math.pow(spec.cycleDecay, i);
    const tr = tCurr / tI;
    return spec.lrMin + 0.5 * (lrMax - spec.lrMin) * (1 - Math.tanh(spec.lb * (1 - tr) + spec.ub * tr));
  };
  // `t_v = self.base_values if self.warmup_prefix else self._get_lr(self.warmup_t)`
  const targets = warmup.warmupT ? (warmup.warmupPrefix ? base : base.map((_, g) => main(warmup.warmupT, g))) : base;
  const steps = warmupSteps(targets, warmup);
  return {
    initial: initialValues(base, warmup),
    lr(t, g) {
      if (t < warmup.warmupT) return warmupLr(warmup, t, steps[g]!);
      return main(t, g);
    },
  };
}
