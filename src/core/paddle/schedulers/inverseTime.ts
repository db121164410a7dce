import { LRScheduler, pyDiv } from "../scheduler";

/** `InverseTimeDecay`, python/paddle/optimizer/lr.py: `base_lr / (1 + gamma * epoch)`. */
export class InverseTimeScheduler extends LRScheduler {
  constructor(
    learningRate: number,
    private readonly gamma: number,
  ) {
    super(learningRate);
  }

  getLr(): number {
    return pyDiv(this.baseLr, 1 + this.gamma * this.lastEpoch);
  }
}
