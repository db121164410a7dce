import { LRScheduler, PaddleError } from "../scheduler";

/**
 * `PolynomialDecay`, python/paddle/optimizer/lr.py: `(base_lr - end_lr) * (1 - epoch / decay_steps) ** power
 * + end_lr`, the epoch held at `decay_steps`, or with `cycle` the period stretched to the next multiple.
 */
export class PolynomialScheduler extends LRScheduler {
  constructor(
    learningRate: number,
    private readonly decaySteps: number,
    private readonly endLr: number,
    private readonly power: number,
    private readonly cycle: boolean,
  ) {
    super(learningRate);
    if (!(decaySteps > 0) || !Number.isInteger(decaySteps)) throw new PaddleError("invalid-argument", "'decay_steps' must be a positive integer (AssertionError).");
    if (!(power > 0)) throw new PaddleError("invalid-argument", "'power' must be greater than 0.0 so that the learning rate will decay (AssertionError).");
  }

  getLr(): number {
    let epoch = this.lastEpoch;
    let decaySteps = this.decaySteps;
    if (this.cycle) {
      let div = Math.ceil(this.lastEpoch / this.decaySteps);
      if (this.lastEpoch === 0) div = 1;
      decaySteps = this.decaySteps * div;
    } else epoch = Math.min(this.lastEpoch, this.decaySteps);
    return (this.baseLr - this.endLr) * (1 - epoch / decaySteps) ** this.power + this.endLr;
  }
}
