import type { TimmWarmup } from "./spec";

/** What timm raises (an assertion of a constructor, a ZeroDivisionError in `_get_lr`...), as a value. */
export class TimmError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A constructed timm scheduler over the base LRs of the param groups. `initial` is what construction leaves
 * in the optimizer (`Scheduler.__init__` sets the base values, then `warmup_lr_init` when there is a warmup);
 * `lr(t, g)` is group g's LR after `step(t)` / `step_update(t)`, i.e. during tick t ≥ 1.
 */
export interface TimmScheduler {
  readonly initial: readonly number[];
  lr(t: number, g: number): number;
}

/** `self.warmup_steps` of `timm/scheduler/*_lr.py`: `(v - warmup_lr_init) / warmup_t`, or 1 without warmup. */
export function warmupSteps(targets: readonly number[], warmup: TimmWarmup): number[] {
  return targets.map((v) => (warmup.warmupT ? (v - warmup.warmupLrInit) / warmup.warmupT : 1));
}

/** The LRs construction leaves: the base values, or `warmup_lr_init` for every group when `warmup_t` is set. */
export function initialValues(base: readonly number[], warmup: TimmWarmup): number[] {
  return warmup.warmupT ? base.map(() => warmup.warmupLrInit) : [...base];
}

/** `warmup_lr_init + t * s`, the warmup branch of every `_get_lr`. */
export function warmupLr(warmup: TimmWarmup, t: number, step: number): number {
  return warmup.warmupLrInit + t * step;
}

/**
 * The shape of step/multistep/cosine/poly `_get_lr`: the linear warmup below `warmup_t` (towards the base
 * values), then `decay(t, g)` with `t` counted from the warmup's end when `warmup_prefix` is set.
 */
export function warmedUp(base: readonly number[], warmup: TimmWarmup, decay: (t: number, g: number) => number): TimmScheduler {
  const steps = warmupSteps(base, warmup);
  return {
    initial: initialValues(base, warmup),
    lr(t, g) {
      if (t < warmup.warmupT) return warmupLr(warmup, t, steps[g]!);
      return decay(warmup.warmupPrefix ? t - warmup.warmupT : t, g);
    },
  };
}
