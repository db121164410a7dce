import { LrScheduler, type SchedulerContext } from "../scheduler";
import type { TorchSchedulerSpec } from "../spec";

type Spec = Extract<TorchSchedulerSpec, { kind: "ConstantLR" }>;

/**
 * `ConstantLR` (pytorch/pytorch torch/optim/lr_scheduler.py): `lr * factor` at epoch 0, then
 * `lr * (1.0 / factor)` at `total_iters` — a chained undo, not a reset to the base LR.
 */
export class ConstantLR extends LrScheduler {
  private readonly factor: number;
  private readonly totalIters: number;

  constructor(spec: Spec, ctx: SchedulerContext) {
    super(spec.name, ctx, spec.range);
    if (spec.factor > 1.0 || spec.factor < 0) this.fail("invalid-argument", "Constant multiplicative factor expected to be between 0 and 1.");
    this.factor = spec.factor;
    this.totalIters = spec.totalIters;
  }

  protected getLr(): void {
    const e = this.lastEpoch;
    const lr = this.opt.lr;
    if (e === 0) {
      for (let g = 0; g < lr.length; g++) lr[g] = lr[g]! * this.factor;
      return;
    }
    if (e !== this.totalIters) return;
    if (this.factor === 0) this.fail("invalid-argument", "factor=0 (ZeroDivisionError in 1.0 / factor at total_iters)");
    const undo = 1.0 / this.factor;
    for (let g = 0; g < lr.length; g++) lr[g] = lr[g]! * undo;
    this.ctx.events.emit(`${this.name} ends`);
  }

  protected override closedFormLr(): void {
    // `factor + (last_epoch >= total_iters) * (1 - factor)`: bool × float is 0.0 or the float itself.
    const factor = this.factor + (this.lastEpoch >= this.totalIters ? 1 - this.factor : 0);
    for (let g = 0; g < this.opt.size; g++) this.opt.lr[g] = this.baseLrs[g]! * factor;
  }
}
