import { bisectRight, TorchError, type SchedulerContext, type TorchScheduler } from "../scheduler";
import type { SourceRange } from "../../range";

/**
 * `SequentialLR` (pytorch/pytorch torch/optim/lr_scheduler.py, main). Construction resets every group's LR
 * to `initial_lr`, undoes the construction step of every child (`last_epoch -= 1`, recursively), and
 * re-runs `_initial_step()` of the first child only. `step()` bumps its own epoch; at a milestone the next
 * child gets `_update_lr(0)` (its closed form where it has one, else `get_lr()` at epoch 0 — e.g.
 * MultiplicativeLR applies `lmbda(0)` to whatever LR the previous child left), otherwise a plain `step()`.
 */
export class SequentialLR implements TorchScheduler {
  lastEpoch = 0;

  constructor(
    readonly name: string,
    private readonly ctx: SchedulerContext,
    private readonly children: readonly TorchScheduler[],
    private readonly milestones: readonly number[],
    private readonly range?: SourceRange,
  ) {
    if (children.length < 1) throw new TorchError("invalid-argument", `${name}: SequentialLR expects at least one scheduler, but got no scheduler.`, range);
    if (milestones.length !== children.length - 1) {
      throw new TorchError(
        "invalid-argument",
        `${name}: Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers ${children.length} and the number of milestones to be equal to ${milestones.length}`,
        range,
      );
    }
    const opt = ctx.opt;
    for (let g = 0; g < opt.size; g++) {
      if (Number.isNaN(opt.initialLr[g])) throw new TorchError("invalid-argument", `${name}: KeyError 'initial_lr' in param_groups[${g}]`, range);
      opt.lr[g] = opt.initialLr[g]!;
    }
    this.undo();
    children[0]!.initialStep();
  }

  undo(): void {
    for (const child of this.children) child.undo();
  }

  /** `LRScheduler._initial_step()` on a SequentialLR is its own `step()`. */
  initialStep(): void {
    this.step();
  }

  step(): void {
    this.lastEpoch += 1;
    const idx = bisectRight(this.milestones, this.lastEpoch);
    const child = this.children[idx]!;
    if (idx > 0 && this.milestones[idx - 1] === this.lastEpoch) {
      this.ctx.events.emit(`${this.name} → ${child.name}`);
      child.stepTo(0);
    } else {
      child.step();
    }
  }

  stepTo(): void {
    throw new TorchError("not-implemented", `${this.name}: SequentialLR has no get_lr() (NotImplementedError when another SequentialLR hands over to it)`, this.range);
  }
}
