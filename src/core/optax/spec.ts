import type { SourceRange } from "../range";
import type { Value } from "../value";

/**
 * An optax schedule (google-deepmind/optax optax/schedules/_schedule.py, _join.py) with its arguments
 * resolved. The composite constructors (`warmup_cosine_decay_schedule`, `warmup_exponential_decay_schedule`,
 * `warmup_constant_schedule`, `sgdr_schedule`, `linear_schedule`) are built from these exactly as optax
 * builds them, so their float32 arithmetic is the same.
 */
export type OptaxScheduleKind =
  | { readonly kind: "constant"; readonly value: number }
  | {
      readonly kind: "polynomial";
      readonly initValue: number;
      readonly endValue: number;
      readonly power: number;
      /** A Python int power is `lax.integer_pow` (repeated float32 products); a float is `lax.pow`. */
      readonly powerIsInt: boolean;
      readonly transitionSteps: number;
      readonly transitionBegin: number;
    }
  | { readonly kind: "exponential"; readonly initValue: number; readonly transitionSteps: number; readonly decayRate: number; readonly transitionBegin: number; readonly staircase: boolean; readonly endValue: number | null }
  | { readonly kind: "cosine"; readonly initValue: number; readonly decaySteps: number; readonly alpha: number; readonly exponent: number; readonly exponentIsInt: boolean }
  /** `boundaries_and_scales` sorted by boundary; `null` when not given. */
  | { readonly kind: "piecewiseConstant"; readonly initValue: number; readonly boundariesAndScales: readonly (readonly [number, number])[] | null }
  | { readonly kind: "join"; readonly schedules: readonly OptaxSchedule[]; readonly boundaries: readonly number[] };

export type OptaxSchedule = OptaxScheduleKind & {
  /** The optax function that built it (`warmup_cosine_decay_schedule`...). */
  readonly name: string;
  readonly range?: SourceRange;
  readonly args?: Readonly<Record<string, Value>>;
};

/** An optax schedule as the optimizer uses it: update t (the `count` of its state before it) gets `schedule(t)`. */
export interface OptaxProgram {
  readonly family: "optax";
  readonly schedule: OptaxSchedule;
  readonly summary: readonly string[];
}
