import { LRScheduler, PaddleError, pyMod } from "../scheduler";

/** PaddleOCR `TwoStepCosineDecay` (ppocr/optimizer/lr_scheduler.py): the recursive cosine over T_max1, then over T_max2. */
export class TwoStepCosineScheduler extends LRScheduler {
  constructor(
    learningRate: number,
    private readonly tMax1: number,
    private readonly tMax2: number,
    private readonly etaMin: number,
  ) {
    super(learningRate);
    if (!Number.isInteger(tMax1) || !(tMax1 > 0)) throw new PaddleError("invalid-argument", `'T_max1' must be a positive integer, got ${tMax1}`);
    if (!Number.isInteger(tMax2) || !(tMax2 > 0)) throw new PaddleError("invalid-argument", `'T_max2' must be a positive integer, got ${tMax2}`);
  }

  getLr(): number {
    const e = this.lastEpoch;
    if (e <= this.tMax1) {
      const T = this.tMax1;
      if (e === 0) return this.baseLr;
      if (pyMod(e - 1 - T, 2 * T) === 0) return this.lastLr + ((this.baseLr - this.etaMin) * (1 - Math.cos(Math.PI / T))) / 2;
      return ((1 + Math.cos((Math.PI * e) / T)) / (1 + Math.cos((Math.PI * (e - 1)) / T))) * (this.lastLr - this.etaMin) + this.etaMin;
    }
    const T = this.tMax2;
    if (pyMod(e - 1 - T, 2 * T) === 0) return this.lastLr + ((this.baseLr - this.etaMin) * (1 - Math.cos(Math.PI / T))) / 2;
    return ((1 + Math.cos((Math.PI * e) / T)) / (1 + Math.cos((Math.PI * (e - 1)) / T))) * (this.lastLr - this.etaMin) + this.etaMin;
  }

  override closedForm(): number {
    const T = this.lastEpoch <= this.tMax1 ? this.tMax1 : this.tMax2;
    return this.etaMin + ((this.baseLr - this.etaMin) * (1 + Math.cos((Math.PI * this.lastEpoch) / T))) / 2;
  }
}
