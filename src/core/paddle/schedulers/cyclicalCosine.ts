import { LRScheduler, pyMod } from "../scheduler";

/** PaddleOCR `CyclicalCosineDecay` (ppocr/optimizer/lr_scheduler.py): a cosine restarting every `cycle` steps. */
export class CyclicalCosineScheduler extends LRScheduler {
  constructor(
    learningRate: number,
    private readonly cycle: number,
    private readonly etaMin: number,
  ) {
    super(learningRate);
  }

  getLr(): number {
    if (this.lastEpoch === 0) return this.baseLr;
    const relative = pyMod(this.lastEpoch, this.cycle);
    return this.etaMin + 0.5 * (this.baseLr - this.etaMin) * (1 + Math.cos((Math.PI * relative) / this.cycle));
  }
}
