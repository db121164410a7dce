import type { SourceRange } from "../range";

/**
 * An fvcore `ParamScheduler` (fvcore/common/param_scheduler.py) or detectron2's `WarmupParamScheduler`
 * (detectron2/solver/lr_scheduler.py), with the arguments its constructor receives. The constructor's own
 * checks and adjustments (MultiStep's `num_updates` from the last milestone, Composite's `lengths[-1]`) are
 * made by the evaluator, as fvcore makes them.
 */
export type ParamSchedulerSpec = (
  | { readonly kind: "ConstantParamScheduler"; readonly value: number }
  | { readonly kind: "CosineParamScheduler"; readonly startValue: number; readonly endValue: number }
  | { readonly kind: "ExponentialParamScheduler"; readonly startValue: number; readonly decay: number }
  | { readonly kind: "LinearParamScheduler"; readonly startValue: number; readonly endValue: number }
  | { readonly kind: "MultiStepParamScheduler"; readonly values: readonly number[]; readonly numUpdates: number | null; readonly milestones: readonly number[] | null }
  | { readonly kind: "PolynomialDecayParamScheduler"; readonly baseValue: number; readonly power: number }
  | { readonly kind: "StepParamScheduler"; readonly numUpdates: number; readonly values: readonly number[] }
  | { readonly kind: "StepWithFixedGammaParamScheduler"; readonly baseValue: number; readonly numDecays: number; readonly gamma: number; readonly numUpdates: number }
  | { readonly kind: "CompositeParamScheduler"; readonly schedulers: readonly ParamSchedulerSpec[]; readonly lengths: readonly number[]; readonly intervalScaling: readonly string[] }
  | {
      readonly kind: "WarmupParamScheduler";
      readonly scheduler: ParamSchedulerSpec;
      readonly warmupFactor: number;
      readonly warmupLength: number;
      readonly warmupMethod: string;
      readonly rescaleInterval: boolean;
    }
) & { readonly range?: SourceRange };

/**
 * detectron2 before v0.4 (detectron2/solver/lr_scheduler.py @ v0.3), and the DeepLab project's
 * `WarmupPolyLR`: `_LRScheduler`s whose `get_lr()` is a formula of the iteration (`last_epoch`).
 */
export type IterationSchedulerSpec = (
  | { readonly kind: "WarmupMultiStepLR"; readonly milestones: readonly number[]; readonly gamma: number; readonly warmupFactor: number; readonly warmupIters: number; readonly warmupMethod: string }
  | { readonly kind: "WarmupCosineLR"; readonly maxIters: number; readonly warmupFactor: number; readonly warmupIters: number; readonly warmupMethod: string }
  | { readonly kind: "WarmupPolyLR"; readonly maxIters: number; readonly warmupFactor: number; readonly warmupIters: number; readonly warmupMethod: string; readonly power: number; readonly constantEnding: number }
) & { readonly range?: SourceRange };

/**
 * A detectron2 training run's LR schedule: the trainer's `LRScheduler` hook steps the scheduler after every
 * iteration, so during iteration `t` each group's LR is its initial LR × `multiplier(t / maxIter)`
 * (`LRMultiplier.get_lr`), or the legacy scheduler's formula at `last_epoch = t`.
 */
export interface Detectron2Program {
  readonly family: "detectron2";
  readonly schedule: { readonly type: "multiplier"; readonly multiplier: ParamSchedulerSpec; readonly maxIter: number } | { readonly type: "iteration"; readonly scheduler: IterationSchedulerSpec };
  /** The detectron2 release whose semantics are followed (`0.6`, or `main`). */
  readonly version: string;
}

/** What Python would raise: the training stops there. */
export class Detectron2Error extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly range?: SourceRange,
  ) {
    super(message);
  }
}
