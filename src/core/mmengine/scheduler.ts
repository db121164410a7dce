import type { SourceRange } from "../range";
import type { MmParam } from "./spec";

/** What MMEngine raises (ValueError, AssertionError...), carried as a stable problem code. */
export class MmError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly range?: SourceRange,
  ) {
    super(message);
    this.name = "MmError";
  }
}

/**
 * The part of the optimizer's `param_groups` the schedulers read and write: `group[key]` per group, NaN
 * where the group has no such key (`initial_lr` before the first scheduler sets it).
 */
export class GroupState {
  private readonly keys = new Map<string, Float64Array>();

  constructor(readonly size: number) {}

  get(key: string): Float64Array {
    let xs = this.keys.get(key);
    if (!xs) {
      xs = new Float64Array(this.size).fill(NaN);
      this.keys.set(key, xs);
    }
    return xs;
  }
}

/**
 * `_ParamScheduler` of mmengine/optim/scheduler/param_scheduler.py: `step()` counts every call in
 * `_global_step` but changes the value (and counts `last_step`) only while `begin <= _global_step < end`;
 * the constructor calls `step()` once. Subclasses give `_get_value()` for one group: every MMEngine
 * formula reads only its own group, so the values are written in place.
 */
export abstract class ParamScheduler {
  lastStep = -1;
  globalStep = -1;
  protected baseValues: Float64Array = new Float64Array(0);
  protected readonly values: Float64Array;

  constructor(
    readonly name: string,
    readonly param: MmParam,
    readonly begin: number,
    readonly end: number,
    readonly byEpoch: boolean,
    protected readonly groups: GroupState,
    protected readonly range?: SourceRange,
  ) {
    this.values = groups.get(param);
  }

  /** `_ParamScheduler.__init__` with `last_step=-1`: `initial_<param>` set where unset, then one `step()`. */
  init(): void {
    if (this.end <= this.begin) this.fail("invalid-argument", `end should be larger than begin, but got begin=${this.begin}, end=${this.end}`);
    const initial = this.groups.get(`initial_${this.param}`);
    for (let g = 0; g < this.groups.size; g++) if (Number.isNaN(initial[g])) initial[g] = this.values[g]!;
    this.baseValues = Float64Array.from(initial);
    this.step();
  }

  step(): void {
    this.globalStep += 1;
    if (this.begin <= this.globalStep && this.globalStep < this.end) {
      this.lastStep += 1;
      this.update();
    }
  }

  /** `_get_value()` assigned to every group. */
  protected update(): void {
    for (let g = 0; g < this.groups.size; g++) this.values[g] = this.value(g, this.values[g]!);
  }

  /** The new value of group g, whose current value is `current`. */
  protected abstract value(g: number, current: number): number;

  protected fail(code: string, message: string): never {
    throw new MmError(code, `${this.name}: ${message}`, this.range);
  }
}
