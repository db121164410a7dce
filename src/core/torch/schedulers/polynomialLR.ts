import { LrScheduler, pyPow, type SchedulerContext } from "../scheduler";
import type { TorchSchedulerSpec } from "../spec";

type Spec = Extract<TorchSchedulerSpec, { kind: "PolynomialLR" }>;

/**
 * `PolynomialLR` (pytorch/pytorch torch/optim/lr_scheduler.py): chained
 * `((1 - e / T) / (1 - (e - 1) / T)) ** power`, held after `total_iters` (at 0 when it reaches the end).
 */
export class PolynomialLR extends LrScheduler {
  private readonly totalIters: number;
  private readonly power: number;

  constructor(spec: Spec, ctx: SchedulerContext) {
    super(spec.name, ctx, spec.range);
    this.totalIters = spec.totalIters;
    this.power = spec.power;
  }

  protected getLr(): void {
    const e = this.lastEpoch;
    const T = this.totalIters;
    if (this.atStart || e > T) return;
    if (T === 0) this.fail("invalid-argument", "total_iters=0 (ZeroDivisionError)");
    const decay = pyPow((1.0 - e / T) / (1.0 - (e - 1) / T), this.power, this.name, this.range);
    const lr = this.opt.lr;
    for (let g = 0; g < lr.length; g++) lr[g] = lr[g]! * decay;
    if (e === T) this.ctx.events.emit(`${this.name} ends`);
  }

  protected override closedFormLr(): void {
    const T = this.totalIters;
    if (T === 0) this.fail("invalid-argument", "total_iters=0 (ZeroDivisionError)");
    const factor = pyPow(1.0 - Math.min(T, this.lastEpoch) / T, this.power, this.name, this.range);
    for (let g = 0; g < this.opt.size; g++) this.opt.lr[g] = this.baseLrs[g]! * factor;
  }
}
