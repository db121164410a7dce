import { TorchError, type TorchScheduler } from "../scheduler";
import type { SourceRange } from "../../range";

/**
 * `ChainedScheduler` (pytorch/pytorch torch/optim/lr_scheduler.py): construction changes nothing; `step()`
 * calls `step()` of every child in order, each chaining on the LR the previous one left.
 */
export class ChainedScheduler implements TorchScheduler {
  lastEpoch = 0;

  constructor(
    readonly name: string,
    private readonly children: readonly TorchScheduler[],
    private readonly range?: SourceRange,
  ) {
    if (children.length < 1) throw new TorchError("invalid-argument", `${name}: ChainedScheduler expects at least one scheduler to be chained, but got no scheduler.`, range);
  }

  undo(): void {
    for (const child of this.children) child.undo();
  }

  /** `LRScheduler._initial_step()` on a ChainedScheduler (as SequentialLR's first child) is its `step()`. */
  initialStep(): void {
    this.step();
  }

  step(): void {
    for (const child of this.children) child.step();
  }

  stepTo(): void {
    throw new TorchError("not-implemented", `${this.name}: ChainedScheduler has no get_lr() (NotImplementedError when a SequentialLR hands over to it)`, this.range);
  }
}
