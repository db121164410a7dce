import { LRScheduler, PaddleError } from "../scheduler";

/** `NaturalExpDecay`, python/paddle/optimizer/lr.py: `base_lr * exp(-gamma * epoch)`. */
export class NaturalExpScheduler extends LRScheduler {
  constructor(
    learningRate: number,
    private readonly gamma: number,
  ) {
    super(learningRate);
    if (!(gamma > 0)) throw new PaddleError("invalid-argument", "'gamma' must be a positive number so that the learning rate will decay (AssertionError).");
  }

  getLr(): number {
    return this.baseLr * Math.exp(-1 * this.gamma * this.lastEpoch);
  }
}
