import { LRScheduler, PaddleError, pyMod } from "../scheduler";

/**
 * `CosineAnnealingDecay`, python/paddle/optimizer/lr.py: stepped one by one it is the recursive (chainable)
 * form, as torch's CosineAnnealingLR; `step(epoch)` (what LinearWarmup calls) uses the closed form.
 */
export class CosineAnnealingScheduler extends LRScheduler {
  constructor(
    learningRate: number,
    private readonly tMax: number,
    private readonly etaMin: number,
  ) {
    super(learningRate);
    if (!Number.isInteger(tMax)) throw new PaddleError("invalid-argument", `The type of 'T_max' in 'CosineAnnealingDecay' must be 'int', but received ${tMax} (TypeError).`);
    if (!(tMax > 0)) throw new PaddleError("invalid-argument", "'T_max' must be a positive integer (AssertionError).");
  }

  getLr(): number {
    const e = this.lastEpoch;
    const T = this.tMax;
    if (e === 0) return this.baseLr;
    if (pyMod(e - 1 - T, 2 * T) === 0) return this.lastLr + ((this.baseLr - this.etaMin) * (1 - Math.cos(Math.PI / T))) / 2;
    return ((1 + Math.cos((Math.PI * e) / T)) / (1 + Math.cos((Math.PI * (e - 1)) / T))) * (this.lastLr - this.etaMin) + this.etaMin;
  }

  override closedForm(): number {
    return this.etaMin + ((this.baseLr - this.etaMin) * (1 + Math.cos((Math.PI * this.lastEpoch) / this.tMax))) / 2;
  }
}
