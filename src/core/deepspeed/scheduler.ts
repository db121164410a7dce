import type { SourceRange } from "../range";
import type { ParamGroup } from "../schedule";

/**
 * The part of the torch optimizer that DeepSpeed's schedulers read and write: `param_groups[g]["lr"]` and,
 * for optimizers whose defaults have `betas` (Adam, AdamW, Lamb...), `betas[0]`. SGD's `momentum` is
 * kept for display only: no DeepSpeed scheduler changes it.
 */
export class DeepSpeedOptimizerState {
  readonly size: number;
  readonly lr: Float64Array;
  /** `group["momentum"]` or `group["betas"][0]`; NaN where the group has neither. */
  readonly momentum: Float64Array;
  /** `"betas" in optimizer.defaults`: OneCycle cycles momentum only then. */
  readonly hasBetas: boolean;
  readonly tracksMomentum: boolean;

  constructor(groups: readonly ParamGroup[]) {
    this.size = groups.length;
    this.lr = Float64Array.from(groups, (g) => g.lr.value);
    this.momentum = Float64Array.from(groups, (g) => g.momentum?.value ?? NaN);
    this.hasBetas = groups.some((g) => g.momentumKind === "beta1");
    this.tracksMomentum = groups.some((g) => g.momentum !== undefined);
  }

  /** `update_lr(param_groups, lrs)`: `zip` stops at the shorter list, as in Python. */
  updateLr(lrs: readonly number[]): void {
    const n = Math.min(this.size, lrs.length);
    for (let g = 0; g < n; g++) this.lr[g] = lrs[g]!;
  }
}

/** One of lr_schedules.py's classes, constructed on the optimizer state. */
export interface DeepSpeedScheduler {
  /** `scheduler.step()` with no argument: `last_batch_iteration += 1`, then the LR (and momentum) of that index. */
  step(): void;
}

/** Where each phase ends, in ticks (the first tick that trains with the new phase's values). */
export interface BoundaryEvent {
  readonly tick: number;
  readonly label: string;
}

/** What the Python code would raise; becomes an error problem and the last value is held. */
export class DeepSpeedError extends Error {
  constructor(
    message: string,
    readonly code: string = "scheduler-error",
    readonly range?: SourceRange,
  ) {
    super(message);
  }
}

/**
 * `_format_param` of WarmupLR: one value per param group; a list must have exactly one per group
 * (`ValueError` otherwise).
 */
export function perGroup(values: readonly number[], size: number, name: string): number[] {
  if (values.length === 1) return new Array<number>(size).fill(values[0]!);
  if (values.length !== size) throw new DeepSpeedError(`expected ${size} value for ${name}, got ${values.length} (ValueError)`, "param-groups-mismatch");
  return [...values];
}
