// MultiStepLRScheduler (timm/scheduler/multistep_lr.py @ aa4b5850): base * decay_rate ** bisect_right(decay_t,
// t + 1) after warmup. The `t + 1` makes each decay take effect one tick before its milestone.
import { bisectRight } from "./pymath";
import { initialValues, warmupLr, warmupSteps, type TimmScheduler } from "./scheduler";
import type { TimmSchedulerKind, TimmWarmup } from "./spec";

type MultiStep = Extract<TimmSchedulerKind, { kind: "multistep" }>;

export function createMultiStep(spec: MultiStep, warmup: TimmWarmup, base: readonly number[]): TimmScheduler {
  const steps = warmupSteps(base, warmup);
  return {
    initial: initialValues(base, warmup),
    lr(t0, g) {
      let t = t0;
      if (t < warmup.warmupT) return warmupLr(warmup, t, steps[g]!);
      if (warmup.warmupPrefix) t = t - warmup.warmupT;
      return base[g]! * Math.pow(spec.decayRate, bisectRight(spec.decayT, t + 1));
    },
  };
}
