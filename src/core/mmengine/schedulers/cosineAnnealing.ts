import { ParamScheduler } from "../scheduler";

/**
 * `CosineAnnealingParamScheduler` (CosineAnnealingLR, CosineAnnealingMomentum): the chainable form of
 * mmengine/optim/scheduler/param_scheduler.py, with `T_max = T_max or (end - begin)` and `eta_min_ratio`
 * (a fraction of each group's base value).
 */
export class CosineAnnealingScheduler extends ParamScheduler {
  private tMax = 1;
  private etaMin: number | null = 0;
  private etaMinRatio: number | null = null;

  configure(tMax: number | null, etaMin: number | null, etaMinRatio: number | null): this {
    if (etaMin === null && etaMinRatio === null) etaMin = 0;
    if ((etaMin === null) === (etaMinRatio === null)) this.fail("invalid-argument", "Either `eta_min` or `eta_min_ratio should be specified");
    // `T_max or (end - begin)`: 0 and None both fall back.
    this.tMax = tMax || this.end - this.begin;
    this.etaMin = etaMin;
    this.etaMinRatio = etaMinRatio;
    return this;
  }

  private minOf(g: number): number {
    return this.etaMinRatio === null ? this.etaMin! : this.baseValues[g]! * this.etaMinRatio;
  }

  protected value(g: number, current: number): number {
    const t = this.lastStep;
    const tMax = this.tMax;
    if (t === 0) return current;
    const base = this.baseValues[g]!;
    const etaMin = this.minOf(g);
    const k = t - 1 - tMax;
    const period = 2 * tMax;
    if ((((k % period) + period) % period) === 0) return current + ((base - etaMin) * (1 - Math.cos(Math.PI / tMax))) / 2;
    return ((1 + Math.cos((Math.PI * t) / tMax)) / (1 + Math.cos((Math.PI * (t - 1)) / tMax))) * (current - etaMin) + etaMin;
  }
}
