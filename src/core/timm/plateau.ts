// PlateauLRScheduler (timm/scheduler/plateau_lr.py @ aa4b5850) overrides step(epoch): warmup while
// epoch <= warmup_t (note: <=, so epoch warmup_t itself is warmup_lr_init + warmup_t * s), then the wrapped
// torch ReduceLROnPlateau, which only moves on the validation metric. Without a metric the LR is held.
import { initialValues, warmupLr, warmupSteps, type TimmScheduler } from "./scheduler";
import type { TimmSchedulerKind, TimmWarmup } from "./spec";

type Plateau = Extract<TimmSchedulerKind, { kind: "plateau" }>;

export function createPlateau(_spec: Plateau, warmup: TimmWarmup, base: readonly number[]): TimmScheduler {
  const steps = warmupSteps(base, warmup);
  const initial = initialValues(base, warmup);
  return {
    initial,
    lr(t, g) {
      if (!warmup.warmupT) return initial[g]!;
      return warmupLr(warmup, Math.min(t, Math.floor(warmup.warmupT)), steps[g]!);
    },
  };
}
