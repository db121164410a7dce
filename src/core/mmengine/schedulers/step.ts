import { ParamScheduler } from "../scheduler";

/** `StepParamScheduler` (StepLR, StepMomentum), mmengine/optim/scheduler/param_scheduler.py. */
export class StepScheduler extends ParamScheduler {
  private stepSize = 1;
  private gamma = 0.1;

  configure(stepSize: number, gamma: number): this {
    if (stepSize === 0) this.fail("invalid-argument", "step_size 0 divides by zero (ZeroDivisionError)");
    this.stepSize = stepSize;
    this.gamma = gamma;
    return this;
  }

  protected value(_g: number, current: number): number {
    // Python's `%`: the sign of the divisor.
    const r = this.lastStep % this.stepSize;
    const mod = r !== 0 && r < 0 !== this.stepSize < 0 ? r + this.stepSize : r;
    if (this.lastStep === 0 || mod !== 0) return current;
    return current * this.gamma;
  }
}
