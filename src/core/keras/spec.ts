import type { SourceRange } from "../range";
import type { Value } from "../value";

/**
 * A `keras.optimizers.schedules.LearningRateSchedule` as constructed in a script, arguments resolved
 * (keras-team/keras keras/src/optimizers/schedules/learning_rate_schedule.py, Keras 3). The optimizer
 * calls it with `optimizer.iterations` before each update, so step t trains with `schedule(t)`.
 */
export type KerasScheduleKind =
  | { readonly kind: "ExponentialDecay"; readonly initialLearningRate: number; readonly decaySteps: number; readonly decayRate: number; readonly staircase: boolean }
  | { readonly kind: "PiecewiseConstantDecay"; readonly boundaries: readonly number[]; readonly values: readonly number[] }
  | { readonly kind: "PolynomialDecay"; readonly initialLearningRate: number; readonly decaySteps: number; readonly endLearningRate: number; readonly power: number; readonly cycle: boolean }
  | { readonly kind: "InverseTimeDecay"; readonly initialLearningRate: number; readonly decaySteps: number; readonly decayRate: number; readonly staircase: boolean }
  | { readonly kind: "CosineDecay"; readonly initialLearningRate: number; readonly decaySteps: number; readonly alpha: number; readonly warmupTarget: number | null; readonly warmupSteps: number }
  | { readonly kind: "CosineDecayRestarts"; readonly initialLearningRate: number; readonly firstDecaySteps: number; readonly tMul: number; readonly mMul: number; readonly alpha: number };

export type KerasScheduleSpec = KerasScheduleKind & {
  readonly name: string;
  readonly range?: SourceRange;
  readonly args: Readonly<Record<string, Value>>;
};

/**
 * `keras.callbacks.LearningRateScheduler(schedule)`: at the start of epoch e it reads the optimizer's
 * learning rate (a float32 variable), calls `schedule(e, lr)` (or `schedule(e)`), and assigns the result.
 */
export interface KerasCallbackSpec {
  readonly kind: "LearningRateScheduler";
  readonly name: string;
  /** The optimizer's learning rate before the first epoch. */
  readonly initialLr: number;
  /** `schedule(epoch, lr)`; a one-argument function ignores `lr`. NaN where Python would raise. */
  readonly fn: (epoch: number, lr: number) => number;
  readonly text: string;
  readonly range?: SourceRange;
  readonly args: Readonly<Record<string, Value>>;
}

export interface KerasProgram {
  readonly family: "keras";
  readonly schedule: KerasScheduleSpec | KerasCallbackSpec;
  /** One line per schedule, for hovers and the CLI. */
  readonly summary: readonly string[];
}
