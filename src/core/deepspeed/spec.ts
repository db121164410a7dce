import type { SourceRange } from "../range";
import type { Value } from "../value";

/**
 * A scheduler of DeepSpeed's `deepspeed/runtime/lr_schedules.py`, with its parameters resolved to numbers
 * and the defaults of the class signature filled in. These are not torch `LRScheduler`s: each sets the LR
 * in its constructor (the `last_batch_iteration == -1` branch) and again on every `step()`, from
 * `last_batch_iteration` alone. `args` keeps every parameter's provenance for hovers.
 */
export type DeepSpeedSchedulerSpec = DeepSpeedSchedulerKind & {
  /** The config's `scheduler.type` as written. */
  readonly name: string;
  readonly range?: SourceRange;
  readonly args: Readonly<Record<string, Value>>;
};

export type WarmupType = "log" | "linear";

export type DeepSpeedSchedulerKind =
  | {
      readonly kind: "WarmupLR";
      /** Per param group (a scalar is repeated for every group, as `_format_param` does). */
      readonly warmupMinLr: readonly number[];
      readonly warmupMaxLr: readonly number[];
      /** As written; the class uses `max(2, warmup_num_steps)`. */
      readonly warmupNumSteps: number;
      readonly warmupType: WarmupType;
    }
  | {
      readonly kind: "WarmupDecayLR";
      readonly totalNumSteps: number;
      readonly warmupMinLr: readonly number[];
      readonly warmupMaxLr: readonly number[];
      readonly warmupNumSteps: number;
      readonly warmupType: WarmupType;
    }
  | {
      readonly kind: "WarmupCosineLR";
      readonly totalNumSteps: number;
      readonly warmupMinRatio: number;
      readonly warmupNumSteps: number;
      readonly cosMinRatio: number;
      /** Not validated by the class: any other string fails at the first step during warmup. */
      readonly warmupType: string;
    }
  | {
      readonly kind: "OneCycle";
      readonly cycleMinLr: number;
      readonly cycleMaxLr: number;
      readonly decayLrRate: number;
      readonly cycleFirstStepSize: number;
      /** `null`: equal to the first step size. */
      readonly cycleSecondStepSize: number | null;
      readonly decayStepSize: number;
      readonly cycleMomentum: boolean;
      readonly cycleMinMom: number;
      readonly cycleMaxMom: number;
      readonly decayMomRate: number;
    }
  | {
      readonly kind: "LRRangeTest";
      /** Per param group. */
      readonly minLr: readonly number[];
      readonly stepSize: number;
      readonly stepRate: number;
      readonly staircase: boolean;
    };

/**
 * A DeepSpeed config's schedule as the engine runs it: the scheduler is built on the optimizer (whose
 * param groups are in the description) and `step()`ped once after every optimizer step that was applied.
 */
export interface DeepSpeedProgram {
  readonly family: "deepspeed";
  readonly scheduler: DeepSpeedSchedulerSpec;
}
