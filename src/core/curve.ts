import type { Problem } from "./problem";
import type { Unit } from "./schedule";

/** A tick where the schedule changes phase: end of warmup, a milestone, a restart. Drawn on charts. */
export interface Boundary {
  readonly tick: number;
  readonly label: string;
}

/** The evaluated schedule: values in effect during each tick `t` (0 ≤ t < total). */
export interface Curve {
  readonly unit: Unit;
  readonly total: number;
  /** `groups[g][t]`: learning rate of param group g during tick t. Group 0 is "the" LR. */
  readonly groups: readonly Float64Array[];
  /** Momentum (or β1) of each group, where the schedule drives or the optimizer has one. */
  readonly momentum?: readonly Float64Array[];
  readonly boundaries: readonly Boundary[];
  readonly problems: readonly Problem[];
}
