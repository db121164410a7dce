import type { SourceRange } from "../range";
import type { OptimizerState } from "./optimizer";

/**
 * What stepping a scheduler raises in PyTorch (ValueError, ZeroDivisionError...), carried as a stable
 * problem code. The evaluator turns it into a `Problem` and holds the last value, as a crashed run would.
 */
export class TorchError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly range?: SourceRange,
  ) {
    super(message);
    this.name = "TorchError";
  }
}

/** Collects phase changes while the evaluator steps; `tick` is the tick whose value the current step sets. */
export class BoundarySink {
  tick = 0;
  readonly ticks: number[] = [];
  readonly labels: string[] = [];

  emit(label: string): void {
    this.ticks.push(this.tick);
    this.labels.push(label);
  }
}

/** What every scheduler shares: the optimizer it mutates, where boundaries go, and version switches. */
export interface SchedulerContext {
  readonly opt: OptimizerState;
  readonly events: BoundarySink;
  /**
   * PyTorch 1.x semantics: `get_lr()` tests `last_epoch == 0` (MultiplicativeLR: `last_epoch > 0`) where
   * current main tests the `_is_initial` flag of `_initial_step()`. The two differ only when `get_lr()` runs
   * at epoch 0 outside construction (SequentialLR handing over to a scheduler without a closed form).
   */
  readonly legacyInitial: boolean;
}

/**
 * One `torch.optim.lr_scheduler` object, reduced to the entry points that scripts and composite schedulers
 * call (torch/optim/lr_scheduler.py in pytorch/pytorch).
 */
export interface TorchScheduler {
  readonly name: string;
  /** `last_epoch`. */
  lastEpoch: number;
  /** `LRScheduler._initial_step()`: `_step_count = 0`, then `step()` in initial mode. */
  initialStep(): void;
  /** `step()` without an epoch: the chainable (recursive) form. */
  step(): void;
  /** `step(epoch)`, the deprecated form; absent where LR Scope does not evaluate it. */
  stepEpoch?(epoch: number): void;
  /** `LRScheduler._update_lr(epoch)`: `_get_closed_form_lr()` where the class has one, else `get_lr()`. */
  stepTo(epoch: number): void;
  /** `SequentialLR.recursive_undo()`: `last_epoch -= 1` on leaves, recursion into composites. */
  undo(): void;
}

/**
 * `LRScheduler`: subclasses set their fields in the constructor (as PyTorch does before
 * `super().__init__`), then the factory calls `init()`, which runs `LRScheduler.__init__`'s body.
 * `getLr()` writes the new LRs straight into `opt.lr`: every PyTorch `get_lr()` reads only its own
 * group, so computing in place equals computing the list first and assigning after.
 */
export abstract class LrScheduler implements TorchScheduler {
  lastEpoch = -1;
  /** `_step_count`. */
  protected stepCount = 0;
  /** `_is_initial`. */
  protected isInitial = false;
  /** `base_lrs`. */
  protected baseLrs: Float64Array;
  protected readonly opt: OptimizerState;

  constructor(
    readonly name: string,
    protected readonly ctx: SchedulerContext,
    protected readonly range?: SourceRange,
  ) {
    this.opt = ctx.opt;
    this.baseLrs = new Float64Array(ctx.opt.size);
  }

  /** `LRScheduler.__init__(optimizer, last_epoch=-1)`. */
  init(): void {
    this.opt.setDefaultInitialLr();
    this.baseLrs = Float64Array.from(this.opt.initialLr);
    this.lastEpoch = -1;
    this.initialStep();
  }

  initialStep(): void {
    this.stepCount = 0;
    this.isInitial = true;
    try {
      this.step();
    } finally {
      this.isInitial = false;
    }
  }

  step(): void {
    this.stepCount++;
    this.lastEpoch++;
    this.getLr();
  }

  /**
   * `LRScheduler.step(epoch)`: `_step_count += 1`, EPOCH_DEPRECATION_WARNING, then `_update_lr(epoch)`
   * (1.x: the same inline) — `last_epoch = epoch` and the closed form, or `get_lr()` without one.
   */
  stepEpoch(epoch: number): void {
    this.stepCount++;
    this.stepTo(epoch);
  }

  stepTo(epoch: number): void {
    this.lastEpoch = epoch;
    this.closedFormLr();
  }

  undo(): void {
    this.lastEpoch -= 1;
  }

  /** The chainable `get_lr()`, at `this.lastEpoch`, written into `opt.lr`. */
  protected abstract getLr(): void;

  /** `_get_closed_form_lr()`; classes without one fall back to `get_lr()`, as `_update_lr` does. */
  protected closedFormLr(): void {
    this.getLr();
  }

  /** The "leave the LR alone on construction" test: `_is_initial` in main, `last_epoch == 0` in 1.x. */
  protected get atStart(): boolean {
    return this.ctx.legacyInitial ? this.lastEpoch === 0 : this.isInitial;
  }

  protected fail(code: string, message: string): never {
    throw new TorchError(code, `${this.name}: ${message}`, this.range);
  }
}

export { pyFloorDiv, pyMod } from "../pymath";

/**
 * Python's `float ** float`: `0.0 ** negative` raises ZeroDivisionError and a negative base with a
 * fractional exponent gives a complex number, where JavaScript returns Infinity or NaN.
 */
export function pyPow(base: number, exponent: number, scheduler: string, range?: SourceRange): number {
  if (base === 0 && exponent < 0) throw new TorchError("invalid-argument", `${scheduler}: 0.0 cannot be raised to a negative power (ZeroDivisionError)`, range);
  if (base < 0 && !Number.isInteger(exponent)) throw new TorchError("invalid-argument", `${scheduler}: a negative number raised to a fractional power is complex`, range);
  return base ** exponent;
}

/** `bisect.bisect_right(sorted, x)`: how many elements are ≤ x. */
export function bisectRight(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x < sorted[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** `_format_param`: a per-group list, a scalar repeated for every group; wrong lengths raise ValueError. */
export function perGroup(name: string, values: readonly number[], groups: number, scheduler: string, range?: SourceRange): Float64Array {
  if (values.length === 1) return new Float64Array(groups).fill(values[0]!);
  if (values.length !== groups) {
    throw new TorchError(
      "invalid-argument",
      `${scheduler}: ${name} must have the same length as optimizer.param_groups. ${name} has ${values.length} values, param_groups has ${groups}.`,
      range,
    );
  }
  return Float64Array.from(values);
}
