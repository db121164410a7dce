import { LRScheduler } from "../scheduler";

/** `LambdaDecay`, python/paddle/optimizer/lr.py: `base_lr * lr_lambda(epoch)`. */
export class LambdaScheduler extends LRScheduler {
  constructor(
    learningRate: number,
    private readonly fn: (epoch: number) => number,
  ) {
    super(learningRate);
  }

  getLr(): number {
    return this.baseLr * this.fn(this.lastEpoch);
  }
}
