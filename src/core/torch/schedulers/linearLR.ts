import { LrScheduler, type SchedulerContext } from "../scheduler";
import type { TorchSchedulerSpec } from "../spec";

type Spec = Extract<TorchSchedulerSpec, { kind: "LinearLR" }>;

/**
 * `LinearLR` (pytorch/pytorch torch/optim/lr_scheduler.py). The chainable form multiplies the current LR
 * by the ratio of consecutive factors, `1 + (end - start) / (total_iters * start + (e - 1) * (end - start))`,
 * which is not bit-equal to the closed form: the recursion is what a plain `step()` produces.
 */
export class LinearLR extends LrScheduler {
  private readonly startFactor: number;
  private readonly endFactor: number;
  private readonly totalIters: number;

  constructor(spec: Spec, ctx: SchedulerContext) {
    super(spec.name, ctx, spec.range);
    if (spec.startFactor > 1.0 || spec.startFactor <= 0) {
      this.fail("invalid-argument", "Starting multiplicative factor expected to be greater than 0 and less or equal to 1.");
    }
    if (spec.endFactor > 1.0 || spec.endFactor < 0) this.fail("invalid-argument", "Ending multiplicative factor expected to be between 0 and 1.");
    this.startFactor = spec.startFactor;
    this.endFactor = spec.endFactor;
    this.totalIters = spec.totalIters;
  }

  protected getLr(): void {
    const e = this.lastEpoch;
    const lr = this.opt.lr;
    if (e === 0) {
      for (let g = 0; g < lr.length; g++) lr[g] = lr[g]! * this.startFactor;
      return;
    }
    if ((!this.ctx.legacyInitial && this.isInitial) || e > this.totalIters) return;
    const delta = this.endFactor - this.startFactor;
    const ratio = 1.0 + delta / (this.totalIters * this.startFactor + (e - 1) * delta);
    for (let g = 0; g < lr.length; g++) lr[g] = lr[g]! * ratio;
    if (e === this.totalIters) this.ctx.events.emit(`${this.name} ends`);
  }

  protected override closedFormLr(): void {
    if (this.totalIters === 0) this.fail("invalid-argument", "total_iters=0 (ZeroDivisionError)");
    const factor = this.startFactor + ((this.endFactor - this.startFactor) * Math.min(this.totalIters, this.lastEpoch)) / this.totalIters;
    for (let g = 0; g < this.opt.size; g++) this.opt.lr[g] = this.baseLrs[g]! * factor;
  }
}
