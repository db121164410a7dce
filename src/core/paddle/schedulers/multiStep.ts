import { LRScheduler, PaddleError } from "../scheduler";

/** `MultiStepDecay`, python/paddle/optimizer/lr.py: `base_lr * gamma ** (milestones passed)`. */
export class MultiStepScheduler extends LRScheduler {
  constructor(
    learningRate: number,
    private readonly milestones: readonly number[],
    private readonly gamma: number,
  ) {
    super(learningRate);
    if (!milestones.every((m, i) => i === 0 || milestones[i - 1]! < m)) throw new PaddleError("invalid-argument", "The elements of milestones must be incremented");
    if (gamma >= 1) throw new PaddleError("invalid-argument", "gamma should be < 1.0.");
  }

  getLr(): number {
    for (let i = 0; i < this.milestones.length; i++) if (this.lastEpoch < this.milestones[i]!) return this.baseLr * this.gamma ** i;
    return this.baseLr * this.gamma ** this.milestones.length;
  }
}
