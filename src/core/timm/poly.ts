// PolyLRScheduler (timm/scheduler/poly_lr.py @ aa4b5850): per cycle
// lr_min + (lr_max - lr_min) * (1 - t_curr ** k / t_i ** k) ** power; the factory passes decay_rate as power.
import { cycleOf } from "./cycles";
import { pyPow } from "./pymath";
import { TimmError, type TimmScheduler, warmedUp } from "./scheduler";
import type { TimmSchedulerKind, TimmWarmup } from "./spec";

type Poly = Extract<TimmSchedulerKind, { kind: "poly" }>;

export function createPoly(spec: Poly, warmup: TimmWarmup, base: readonly number[]): TimmScheduler {
  if (!(spec.tInitial > 0)) throw new TimmError("invalid-argument", `PolyLRScheduler: assert t_initial > 0 fails (t_initial = ${spec.tInitial})`);
  if (!(spec.lrMin >= 0)) throw new TimmError("invalid-argument", `PolyLRScheduler: assert lr_min >= 0 fails (lr_min = ${spec.lrMin})`);
  return warmedUp(base, warmup, (t, g) => {
    const { i, tI, tCurr } = cycleOf(t, spec.tInitial, spec.cycleMul);
    if (!(i < spec.cycleLimit)) return spec.lrMin;
    const lrMax = base[g]! * Math.pow(spec.cycleDecay, i);
    const k = spec.kDecay;
    return spec.lrMin + (lrMax - spec.lrMin) * pyPow(1 - tCurr ** k / tI ** k, spec.power);
  });
}
