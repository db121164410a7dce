/** What Paddle would raise (ValueError, TypeError, AssertionError), as an error the evaluator reports. */
export class PaddleError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Python's `%` (the result has the divisor's sign). */
export function pyMod(a: number, b: number): number {
  if (b === 0) throw new PaddleError("zero-division", "integer division or modulo by zero (ZeroDivisionError)");
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}

/** Python's `//`. */
export function pyFloorDiv(a: number, b: number): number {
  if (b === 0) throw new PaddleError("zero-division", "integer division or modulo by zero (ZeroDivisionError)");
  return Math.floor(a / b);
}

/** Python's `/` of floats: division by zero raises. */
export function pyDiv(a: number, b: number): number {
  if (b === 0) throw new PaddleError("zero-division", "float division by zero (ZeroDivisionError)");
  return a / b;
}

/**
 * `paddle.optimizer.lr.LRScheduler`: `base_lr` and `last_lr` start at the learning rate, `last_epoch` at -1,
 * and the constructor ends with `self.step()` (here `init()`, called once the subclass has its fields, as
 * Python's subclasses set them before `super().__init__`). `step()` counts `last_epoch` up and computes
 * `get_lr()`; `step(epoch)` jumps to `epoch` and uses `_get_closed_form_lr()` where the class has one.
 */
export abstract class LRScheduler {
  baseLr: number;
  lastLr: number;
  lastEpoch = -1;

  constructor(learningRate = 0.1) {
    if (typeof learningRate !== "number" || Number.isNaN(learningRate)) throw new PaddleError("invalid-argument", `The type of learning rate must be float, but received ${String(learningRate)}`);
    if (learningRate < 0) throw new PaddleError("invalid-argument", `Invalid learning rate: ${learningRate}`);
    this.baseLr = learningRate;
    this.lastLr = learningRate;
  }

  init(): this {
    this.step();
    return this;
  }

  /** The learning rate in effect (`scheduler()`, what the optimizer reads). */
  call(): number {
    return this.lastLr;
  }

  step(epoch?: number): void {
    if (epoch === undefined) {
      this.lastEpoch += 1;
      this.lastLr = this.getLr();
    } else {
      this.lastEpoch = epoch;
      this.lastLr = this.closedForm ? this.closedForm() : this.getLr();
    }
  }

  /** `step(metrics)` of ReduceOnPlateau, which LinearWarmup calls positionally; the others take it as `epoch`. */
  stepPositional(arg: number): void {
    this.step(arg);
  }

  abstract getLr(): number;
  closedForm?(): number;
}
