import { LrScheduler, type SchedulerContext } from "../scheduler";
import type { TorchSchedulerSpec } from "../spec";

type Spec = Extract<TorchSchedulerSpec, { kind: "ExponentialLR" }>;

/** `ExponentialLR` (pytorch/pytorch torch/optim/lr_scheduler.py): `group["lr"] * gamma` on every step. */
export class ExponentialLR extends LrScheduler {
  private readonly gamma: number;

  constructor(spec: Spec, ctx: SchedulerContext) {
    super(spec.name, ctx, spec.range);
    this.gamma = spec.gamma;
  }

  protected getLr(): void {
    if (this.atStart) return;
    const lr = this.opt.lr;
    for (let g = 0; g < lr.length; g++) lr[g] = lr[g]! * this.gamma;
  }

  protected override closedFormLr(): void {
    const factor = this.gamma ** this.lastEpoch;
    for (let g = 0; g < this.opt.size; g++) this.opt.lr[g] = this.baseLrs[g]! * factor;
  }
}
