import { ParamScheduler } from "../scheduler";

/** `ConstantParamScheduler` (ConstantLR, ConstantMomentum), mmengine/optim/scheduler/param_scheduler.py. */
export class ConstantScheduler extends ParamScheduler {
  private factor = 1 / 3;
  private totalIters = 0;

  configure(factor: number): this {
    if (factor > 1 || factor < 0) this.fail("invalid-argument", "Constant multiplicative factor should between 0 and 1.");
    this.factor = factor;
    this.totalIters = this.end - this.begin - 1;
    return this;
  }

  protected value(_g: number, current: number): number {
    if (this.lastStep === 0) return current * this.factor;
    if (this.lastStep > this.totalIters || this.lastStep !== this.totalIters) return current;
    return current * (1 / this.factor);
  }
}
