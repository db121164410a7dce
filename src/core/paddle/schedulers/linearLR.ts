import { LRScheduler, PaddleError } from "../scheduler";

/** `LinearLR`, python/paddle/optimizer/lr.py: chained factors from `start_factor` to `end_factor`. */
export class LinearLRScheduler extends LRScheduler {
  constructor(
    learningRate: number,
    private readonly totalSteps: number,
    private readonly startFactor: number,
    private readonly endFactor: number,
  ) {
    super(learningRate);
    if (startFactor > 1 || startFactor <= 0) throw new PaddleError("invalid-argument", `\`start_factor\` must be greater than 0 and less or equal to 1, but got ${startFactor}`);
    if (endFactor > 1 || endFactor < 0) throw new PaddleError("invalid-argument", `\`end_factor\` must be greater than 0 and less than 1, but got ${endFactor}`);
    if (totalSteps <= 0) throw new PaddleError("invalid-argument", `\`total_steps\` must be greater than 0, but got ${totalSteps}`);
  }

  getLr(): number {
    if (this.lastEpoch === 0) return this.baseLr * this.startFactor;
    if (this.lastEpoch > this.totalSteps) return this.lastLr;
    const base = this.totalSteps * this.startFactor;
    const cur = this.endFactor - this.startFactor;
    const factor = 1 + cur / (base + (this.lastEpoch - 1) * cur);
    return this.lastLr * factor;
  }
}
