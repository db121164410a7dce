// CosineLRScheduler (timm/scheduler/cosine_lr.py @ aa4b5850): warmup, then per cycle
// lr_min + 0.5 * (lr_max - lr_min) * (1 + cos(pi * t_curr ** k / t_i ** k)), lr_max = base * cycle_decay ** i;
// lr_min from cycle_limit on.
import { cycleOf } from "./cycles";
import { TimmError, type TimmScheduler, warmedUp } from "./scheduler";
import type { TimmSchedulerKind, TimmWarmup } from "./spec";

type Cosine = Extract<TimmSchedulerKind, { kind: "cosine" }>;

export function createCosine(spec: Cosine, warmup: TimmWarmup, base: readonly number[]): TimmScheduler {
  if (!(spec.tInitial > 0)) throw new TimmError("invalid-argument", `CosineLRScheduler: assert t_initial > 0 fails (t_initial = ${spec.tInitial})`);
  if (!(spec.lrMin >= 0)) throw new TimmError("invalid-argument", `CosineLRScheduler: assert lr_min >= 0 fails (lr_min = ${spec.lrMin})`);
  // `cycle_decay ** i` and `t_i ** k` change once per cycle: kept for the last cycle seen (same values).
  let lastI = NaN;
  let lastTI = NaN;
  let gamma = 1;
  let tIk = 1;
  return warmedUp(base, warmup, (t, g) => {
    const { i, tI, tCurr } = cycleOf(t, spec.tInitial, spec.cycleMul);
    if (!(i < spec.cycleLimit)) return spec.lrMin;
    const k = spec.kDecay;
    if (i !== lastI || tI !== lastTI) {
      gamma = Math.pow(spec.cycleDecay, i);
      tIk = tI ** k;
      lastI = i;
      lastTI = tI;
    }
    const lrMax = base[g]! * gamma;
    return spec.lrMin + 0.5 * (lrMax - spec.lrMin) * (1 + Math.cos((Math.PI * tCurr ** k) / tIk));
  });
}
