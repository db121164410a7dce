import { LRScheduler } from "../scheduler";

/** `NoamDecay`, python/paddle/optimizer/lr.py. */
export class NoamScheduler extends LRScheduler {
  constructor(
    private readonly dModel: number,
    private readonly warmupSteps: number,
    learningRate: number,
  ) {
    super(learningRate);
  }

  getLr(): number {
    const a = this.lastEpoch === 0 ? 1 : this.lastEpoch ** -0.5;
    const b = this.warmupSteps ** -1.5 * this.lastEpoch;
    return this.baseLr * this.dModel ** -0.5 * Math.min(a, b);
  }
}
