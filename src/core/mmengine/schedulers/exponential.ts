import { ParamScheduler } from "../scheduler";

/** `ExponentialParamScheduler` (ExponentialLR, ExponentialMomentum). */
export class ExponentialScheduler extends ParamScheduler {
  private gamma = 1;

  configure(gamma: number): this {
    this.gamma = gamma;
    return this;
  }

  protected value(_g: number, current: number): number {
    if (this.lastStep === 0) return current;
    return current * this.gamma;
  }
}
