// StepLRScheduler (timm/scheduler/step_lr.py @ aa4b5850): base * decay_rate ** (t // decay_t) after warmup,
// with Python's floor division (decay_t may be a float: EfficientNet's 2.4 epochs).
import { pyFloorDiv } from "./pymath";
import { type TimmScheduler, warmedUp } from "./scheduler";
import type { TimmSchedulerKind, TimmWarmup } from "./spec";

type Step = Extract<TimmSchedulerKind, { kind: "step" }>;

export function createStep(spec: Step, warmup: TimmWarmup, base: readonly number[]): TimmScheduler {
  return warmedUp(base, warmup, (t, g) => base[g]! * Math.pow(spec.decayRate, pyFloorDiv(t, spec.decayT)));
}
