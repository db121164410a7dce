// MultiStepLRScheduler (timm/scheduler/multistep_lr.py @ aa4b5850): base * decay_rate ** bisect_right(decay_t,
// t + 1) after warmup. The `t + 1` makes each decay take effect one tick before its milestone.
import { bisectRight } from "./pymath";
import { type TimmScheduler, warmedUp } from "./scheduler";
import type { TimmSchedulerKind, TimmWarmup } from "./spec";

type MultiStep = Extract<TimmSchedulerKind, { kind: "multistep" }>;

export function createMultiStep(spec: MultiStep, warmup: TimmWarmup, base: readonly number[]): TimmScheduler {
  return warmedUp(base, warmup, (t, g) => base[g]! * Math.pow(spec.decayRate, bisectRight(spec.decayT, t + 1)));
}
