import { LrScheduler, pyFloorDiv, pyMod, type SchedulerContext } from "../scheduler";
import type { TorchSchedulerSpec } from "../spec";

type Spec = Extract<TorchSchedulerSpec, { kind: "StepLR" }>;

/** `StepLR` (pytorch/pytorch torch/optim/lr_scheduler.py): `lr * gamma` whenever `last_epoch % step_size == 0`. */
export class StepLR extends LrScheduler {
  private readonly stepSize: number;
  private readonly gamma: number;

  constructor(spec: Spec, ctx: SchedulerContext) {
    super(spec.name, ctx, spec.range);
    this.stepSize = spec.stepSize;
    this.gamma = spec.gamma;
  }

  protected getLr(): void {
    const e = this.lastEpoch;
    if (this.stepSize === 0) this.fail("invalid-argument", "step_size=0 (ZeroDivisionError in last_epoch % step_size)");
    if (e === 0 || pyMod(e, this.stepSize) !== 0) return;
    const lr = this.opt.lr;
    for (let g = 0; g < lr.length; g++) lr[g] = lr[g]! * this.gamma;
    this.ctx.events.emit(`${this.name} ×${this.gamma}`);
  }

  protected override closedFormLr(): void {
    if (this.stepSize === 0) this.fail("invalid-argument", "step_size=0 (ZeroDivisionError)");
    const factor = this.gamma ** pyFloorDiv(this.lastEpoch, this.stepSize);
    for (let g = 0; g < this.opt.size; g++) this.opt.lr[g] = this.baseLrs[g]! * factor;
  }
}
