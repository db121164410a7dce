import { LRScheduler, PaddleError } from "../scheduler";

/** `ExponentialDecay`, python/paddle/optimizer/lr.py: `base_lr * gamma ** epoch` (a closed form, not chained). */
export class ExponentialScheduler extends LRScheduler {
  constructor(
    learningRate: number,
    private readonly gamma: number,
  ) {
    super(learningRate);
    if (!(gamma > 0 && gamma < 1)) throw new PaddleError("invalid-argument", "'gamma' must be in interval (0.0, 1.0) so that the learning rate will decay (AssertionError).");
  }

  getLr(): number {
    return this.baseLr * this.gamma ** this.lastEpoch;
  }
}
