import { ParamScheduler } from "../scheduler";

/**
 * `QuadraticWarmupParamScheduler` of mmdet/engine/schedulers/quadratic_warmup.py (also in mmpose, mmyolo):
 * adds `base × (2t + 1) / (end - begin)²` each step, starting from 0.
 */
export class QuadraticWarmupScheduler extends ParamScheduler {
  private totalIters = 1;

  configure(): this {
    if (this.end >= 1e9) this.fail("invalid-argument", "``end`` must be less than infinity, Please set ``end`` parameter of ``QuadraticWarmupScheduler`` as the number of warmup end.");
    this.totalIters = this.end - this.begin;
    return this;
  }

  protected value(g: number, current: number): number {
    const base = this.baseValues[g]!;
    const add = (base * (2 * this.lastStep + 1)) / this.totalIters ** 2;
    return this.lastStep === 0 ? add : current + add;
  }
}
