import type { SourceRange } from "../range";
import type { Value } from "../value";

/** `mmengine.optim.scheduler.param_scheduler.INF`: the default `end`, "never stops". */
export const MM_INF = 1e9;

/** What a scheduler drives: `LinearLR` the LR, `LinearMomentum` SGD's momentum or Adam's β1. */
export type MmParam = "lr" | "momentum";

/**
 * One entry of `param_scheduler` as the config gives it, before `Runner._build_param_scheduler` fills in
 * the default `end` and `build_iter_from_epoch` converts it (those are framework semantics, done by the
 * evaluator). `args` keeps every argument's provenance for hovers.
 */
export type MmSchedulerSpec = MmSchedulerKind & {
  /** The config's `type` as written (`LinearLR`, `CosineAnnealingMomentum`). */
  readonly name: string;
  readonly param: MmParam;
  readonly begin: number;
  /** `undefined`: not in the config (the runner uses max_epochs or max_iters). */
  readonly end?: number;
  readonly byEpoch: boolean;
  readonly convertToIterBased: boolean;
  readonly range?: SourceRange;
  readonly args: Readonly<Record<string, Value>>;
};

export type MmSchedulerKind =
  | { readonly kind: "Linear"; readonly startFactor: number; readonly endFactor: number }
  | { readonly kind: "Constant"; readonly factor: number }
  | { readonly kind: "Step"; readonly stepSize: number; readonly gamma: number }
  | { readonly kind: "MultiStep"; readonly milestones: readonly number[]; readonly gamma: number }
  | { readonly kind: "Exponential"; readonly gamma: number }
  /** `tMax` null: `end - begin`. Exactly one of `etaMin` / `etaMinRatio` is set (both null → eta_min 0). */
  | { readonly kind: "CosineAnnealing"; readonly tMax: number | null; readonly etaMin: number | null; readonly etaMinRatio: number | null }
  | { readonly kind: "Poly"; readonly etaMin: number; readonly power: number }
  | {
      readonly kind: "OneCycle";
      /** One value for every group, or one per group. */
      readonly etaMax: readonly number[];
      readonly totalSteps: number | null;
      readonly pctStart: number;
      readonly annealStrategy: "cos" | "linear";
      readonly divFactor: number;
      readonly finalDivFactor: number;
      readonly threePhase: boolean;
    }
  | { readonly kind: "CosineRestart"; readonly periods: readonly number[]; readonly restartWeights: readonly number[]; readonly etaMin: number | null; readonly etaMinRatio: number | null }
  /** mmdet / mmpose / mmyolo `QuadraticWarmupLR`. */
  | { readonly kind: "QuadraticWarmup" }
  /** Depends on validation metrics: held flat, and said so. */
  | { readonly kind: "ReduceOnPlateau" };

/** The warmup of an mmcv 1.x `LrUpdaterHook` (`warmup`, `warmup_iters`, `warmup_ratio`, `warmup_by_epoch`). */
export interface MmcvWarmup {
  readonly kind: "constant" | "linear" | "exp";
  /** In iterations, or in epochs when `byEpoch` (then × iterations per epoch, as `before_train_epoch` does). */
  readonly iters: number;
  readonly ratio: number;
  readonly byEpoch: boolean;
}

/** An mmcv 1.x `lr_config` policy (mmcv/runner/hooks/lr_updater.py): a closed form of the epoch or iteration. */
export type MmcvPolicy =
  | { readonly policy: "Fixed" }
  | { readonly policy: "Step"; readonly step: number | readonly number[]; readonly gamma: number; readonly minLr: number | null }
  | { readonly policy: "Exp"; readonly gamma: number }
  | { readonly policy: "Poly"; readonly power: number; readonly minLr: number }
  | { readonly policy: "Inv"; readonly gamma: number; readonly power: number }
  | { readonly policy: "CosineAnnealing"; readonly minLr: number | null; readonly minLrRatio: number | null }
  | { readonly policy: "FlatCosineAnnealing"; readonly startPercent: number; readonly minLr: number | null; readonly minLrRatio: number | null }
  | { readonly policy: "CosineRestart"; readonly periods: readonly number[]; readonly restartWeights: readonly number[]; readonly minLr: number | null; readonly minLrRatio: number | null };

export type MmcvLrUpdater = MmcvPolicy & {
  readonly byEpoch: boolean;
  readonly warmup: MmcvWarmup | null;
  readonly range?: SourceRange;
  readonly args: Readonly<Record<string, Value>>;
};

/**
 * An OpenMMLab config's schedule as the runner runs it: one tick per training iteration. MMEngine
 * (`param_scheduler`): the schedulers are built in list order on one optimizer, then `ParamSchedulerHook`
 * steps the iteration-based ones after every iteration and the epoch-based ones after every epoch.
 * mmcv 1.x (`lr_config`): the `LrUpdaterHook` sets the LR before every iteration from its closed form.
 */
export interface MmengineProgram {
  readonly family: "mmengine";
  readonly schedulers: readonly MmSchedulerSpec[];
  readonly legacy?: MmcvLrUpdater;
  /** `EpochBasedTrainLoop` (epoch hooks run every `epochLength` iterations) or `IterBasedTrainLoop` (one big epoch). */
  readonly loop: "epoch" | "iter";
  /** `runner.max_epochs` (1 for an iteration-based loop, as MMEngine says). */
  readonly maxEpochs: number;
  /** `runner.max_iters`: max_epochs × epochLength for an epoch-based loop; NaN when that is unknown. */
  readonly maxIters: number;
  /** `len(train_dataloader)`; NaN when unknown (then only schedules that do not need it evaluate). */
  readonly epochLength: number;
}
