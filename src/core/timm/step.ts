// StepLRScheduler (timm/scheduler/step_lr.py @ aa4b5850): base * decay_rate ** (t // decay_t) after warmup,
// with Python's floor division (decay_t may be a float: EfficientNet's 2.4 epochs).
import { pyFloorDiv } from "./pymath";
import { initialValues, warmupLr, warmupSteps, type TimmScheduler } from "./scheduler";
import type { TimmSchedulerKind, TimmWarmup } from "./spec";

type Step = Extract<TimmSchedulerKind, { kind: "step" }>;

export function createStep(spec: Step, warmup: TimmWarmup, base: readonly number[]): TimmScheduler {
  const steps = warmupSteps(base, warmup);
  return {
    initial: initialValues(base, warmup),
    lr(t0, g) {
      let t = t0;
      if (t < warmup.warmupT) return warmupLr(warmup, t, steps[g]!);
      if (warmup.warmupPrefix) t = t - warmup.warmupT;
      return base[g]! * Math.pow(spec.decayRate, pyFloorDiv(t, spec.decayT));
    },
  };
}
