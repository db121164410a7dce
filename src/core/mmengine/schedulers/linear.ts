import { ParamScheduler } from "../scheduler";

/** `LinearParamScheduler` (LinearLR, LinearMomentum), mmengine/optim/scheduler/param_scheduler.py. */
export class LinearScheduler extends ParamScheduler {
  private startFactor = 1 / 3;
  private endFactor = 1;
  private totalIters = 0;

  configure(startFactor: number, endFactor: number): this {
    if (startFactor > 1 || startFactor < 0) this.fail("invalid-argument", "Starting multiplicative factor should between 0 and 1.");
    if (endFactor > 1 || endFactor < 0) this.fail("invalid-argument", "Ending multiplicative factor should between 0 and 1.");
    this.startFactor = startFactor;
    this.endFactor = endFactor;
    this.totalIters = this.end - this.begin - 1;
    return this;
  }

  protected value(_g: number, current: number): number {
    if (this.lastStep === 0) return current * this.startFactor;
    return current * (1 + (this.endFactor - this.startFactor) / (this.totalIters * this.startFactor + (this.lastStep - 1) * (this.endFactor - this.startFactor)));
  }
}
