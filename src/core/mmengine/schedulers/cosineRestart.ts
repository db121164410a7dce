import { ParamScheduler } from "../scheduler";

/** `CosineRestartParamScheduler` (CosineRestartLR, CosineRestartMomentum), mmengine param_scheduler.py. */
export class CosineRestartScheduler extends ParamScheduler {
  private periods: readonly number[] = [];
  private weights: readonly number[] = [];
  private cumulative: number[] = [];
  private etaMin: number | null = null;
  private etaMinRatio: number | null = null;

  configure(periods: readonly number[], restartWeights: readonly number[], etaMin: number | null, etaMinRatio: number | null): this {
    if ((etaMin === null) === (etaMinRatio === null)) this.fail("invalid-argument", "exactly one of eta_min and eta_min_ratio must be given (AssertionError)");
    if (periods.length !== restartWeights.length) this.fail("invalid-argument", "periods and restart_weights should have the same length.");
    this.periods = periods;
    this.weights = restartWeights;
    this.etaMin = etaMin;
    this.etaMinRatio = etaMinRatio;
    let sum = 0;
    this.cumulative = periods.map((p) => (sum += p));
    return this;
  }

  protected value(g: number, current: number): number {
    const idx = this.cumulative.findIndex((p) => this.lastStep < p);
    if (idx < 0) return current;
    const nearestRestart = idx === 0 ? 0 : this.cumulative[idx - 1]!;
    const period = this.periods[idx]!;
    const step = this.lastStep - nearestRestart;
    const base = this.baseValues[g]!;
    const etaMax = base * this.weights[idx]!;
    const etaMin = this.etaMinRatio === null ? this.etaMin! : base * this.etaMinRatio;
    if (step === 0) return etaMax;
    return ((1 + Math.cos((Math.PI * step) / period)) / (1 + Math.cos((Math.PI * (step - 1)) / period))) * (current - etaMin) + etaMin;
  }
}
