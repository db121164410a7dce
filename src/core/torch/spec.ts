import type { SourceRange } from "../range";
import type { Value } from "../value";

/**
 * A learning-rate scheduler of `torch.optim.lr_scheduler`, with its arguments resolved to numbers and the
 * defaults of PyTorch filled in. `args` keeps every argument's provenance for hovers.
 */
export type TorchSchedulerSpec = TorchSchedulerKind & {
  /** Variable name in the script (`scheduler`, `warmup`). */
  readonly name: string;
  readonly range?: SourceRange;
  readonly args: Readonly<Record<string, Value>>;
};

/** A learning-rate function of the scheduler's step count, read statically from a lambda or small `def`. */
export interface LrLambda {
  /** The Python text as written (`lambda epoch: 0.95 ** epoch`). */
  readonly text: string;
  readonly range?: SourceRange;
  readonly fn: (epoch: number) => number;
}

export type TorchSchedulerKind =
  | { readonly kind: "StepLR"; readonly stepSize: number; readonly gamma: number }
  | { readonly kind: "MultiStepLR"; readonly milestones: readonly number[]; readonly gamma: number }
  | { readonly kind: "ConstantLR"; readonly factor: number; readonly totalIters: number }
  | { readonly kind: "LinearLR"; readonly startFactor: number; readonly endFactor: number; readonly totalIters: number }
  | { readonly kind: "ExponentialLR"; readonly gamma: number }
  | { readonly kind: "PolynomialLR"; readonly totalIters: number; readonly power: number }
  | { readonly kind: "CosineAnnealingLR"; readonly tMax: number; readonly etaMin: number }
  | { readonly kind: "CosineAnnealingWarmRestarts"; readonly t0: number; readonly tMult: number; readonly etaMin: number }
  | {
      readonly kind: "CyclicLR";
      /** Per param group (a scalar argument is repeated for every group, as PyTorch does). */
      readonly baseLr: readonly number[];
      readonly maxLr: readonly number[];
      readonly stepSizeUp: number;
      /** `null` means equal to `stepSizeUp`. */
      readonly stepSizeDown: number | null;
      readonly mode: "triangular" | "triangular2" | "exp_range";
      readonly gamma: number;
      /** Set only when the script passes a readable `scale_fn`; then `mode` is ignored, as in PyTorch. */
      readonly scaleFn?: LrLambda;
      readonly scaleMode: "cycle" | "iterations";
      readonly cycleMomentum: boolean;
      readonly baseMomentum: readonly number[];
      readonly maxMomentum: readonly number[];
    }
  | {
      readonly kind: "OneCycleLR";
      readonly maxLr: readonly number[];
      readonly totalSteps: number;
      readonly pctStart: number;
      readonly annealStrategy: "cos" | "linear";
      readonly cycleMomentum: boolean;
      readonly baseMomentum: readonly number[];
      readonly maxMomentum: readonly number[];
      readonly divFactor: number;
      readonly finalDivFactor: number;
      readonly threePhase: boolean;
    }
  /** One lambda per param group (a single lambda is repeated for every group). */
  | { readonly kind: "LambdaLR"; readonly lambdas: readonly LrLambda[] }
  | { readonly kind: "MultiplicativeLR"; readonly lambdas: readonly LrLambda[] }
  /** `schedulers` are indices into `TorchProgram.schedulers` (constructed earlier, as in the script). */
  | { readonly kind: "SequentialLR"; readonly schedulers: readonly number[]; readonly milestones: readonly number[] }
  | { readonly kind: "ChainedScheduler"; readonly schedulers: readonly number[] }
  /** Depends on the validation metric: held flat, and said so. */
  | { readonly kind: "ReduceLROnPlateau" };

/**
 * A PyTorch training script's schedule as PyTorch runs it: the optimizer's param groups (in the
 * description), the schedulers constructed on it in script order (construction itself changes the LR), and
 * the schedulers whose `step()` the loop calls once per tick, in call order.
 */
export interface TorchProgram {
  readonly family: "torch";
  readonly schedulers: readonly TorchSchedulerSpec[];
  readonly stepped: readonly number[];
  /**
   * The loop steps them only after every `stepEvery`-th tick (Lightning's `frequency`: after ticks
   * n-1, 2n-1...); absent means after every tick.
   */
  readonly stepEvery?: number;
  /**
   * `scheduler.step(epoch)` (the single scheduler of `stepped`): the epoch the loop passes after tick t,
   * its expression evaluated with the loop variables of that tick. Absent: `step()` without an argument.
   */
  readonly stepEpoch?: StepEpoch;
  /** Exactly which PyTorch release's semantics to follow, when the workspace pins one. */
  readonly torchVersion?: string;
}

/** The argument of `scheduler.step(epoch + i / iters)`, as a function of the tick just trained. */
export interface StepEpoch {
  /** The Python text as written. */
  readonly text: string;
  readonly range?: SourceRange;
  readonly at: (tick: number) => number;
}
