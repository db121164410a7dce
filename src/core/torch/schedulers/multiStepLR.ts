import { bisectRight, LrScheduler, type SchedulerContext } from "../scheduler";
import type { TorchSchedulerSpec } from "../spec";

type Spec = Extract<TorchSchedulerSpec, { kind: "MultiStepLR" }>;

/**
 * `MultiStepLR` (pytorch/pytorch torch/optim/lr_scheduler.py): milestones are a `Counter`, so a milestone
 * listed twice multiplies by `gamma ** 2` at once.
 */
export class MultiStepLR extends LrScheduler {
  private readonly counts = new Map<number, number>();
  private readonly sorted: number[];
  private readonly gamma: number;

  constructor(spec: Spec, ctx: SchedulerContext) {
    super(spec.name, ctx, spec.range);
    for (const m of spec.milestones) this.counts.set(m, (this.counts.get(m) ?? 0) + 1);
    this.sorted = [...spec.milestones].sort((a, b) => a - b);
    this.gamma = spec.gamma;
  }

  protected getLr(): void {
    const count = this.counts.get(this.lastEpoch);
    if (count === undefined) return;
    const factor = this.gamma ** count;
    const lr = this.opt.lr;
    for (let g = 0; g < lr.length; g++) lr[g] = lr[g]! * factor;
    this.ctx.events.emit(`${this.name} ×${this.gamma}${count > 1 ? `^${count}` : ""}`);
  }

  protected override closedFormLr(): void {
    const factor = this.gamma ** bisectRight(this.sorted, this.lastEpoch);
    for (let g = 0; g < this.opt.size; g++) this.opt.lr[g] = this.baseLrs[g]! * factor;
  }
}
