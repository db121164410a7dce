import { ParamScheduler } from "../scheduler";

/** `PolyParamScheduler` (PolyLR, PolyMomentum): `total_iters = end - begin - 1`, chainable form. */
export class PolyScheduler extends ParamScheduler {
  private etaMin = 0;
  private power = 1;
  private totalIters = 0;

  configure(etaMin: number, power: number): this {
    this.etaMin = etaMin;
    this.power = power;
    this.totalIters = this.end - this.begin - 1;
    return this;
  }

  protected value(_g: number, current: number): number {
    if (this.lastStep === 0) return current;
    return (current - this.etaMin) * (1 - 1 / (this.totalIters - this.lastStep + 1)) ** this.power + this.etaMin;
  }
}
