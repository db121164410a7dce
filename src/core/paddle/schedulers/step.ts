import { LRScheduler, PaddleError, pyFloorDiv } from "../scheduler";

/** `StepDecay`, python/paddle/optimizer/lr.py: `base_lr * gamma ** (epoch // step_size)`. */
export class StepScheduler extends LRScheduler {
  constructor(
    learningRate: number,
    private readonly stepSize: number,
    private readonly gamma: number,
  ) {
    super(learningRate);
    if (!Number.isInteger(stepSize)) throw new PaddleError("invalid-argument", `The type of 'step_size' must be 'int', but received ${stepSize} (TypeError).`);
    if (gamma >= 1) throw new PaddleError("invalid-argument", "gamma should be < 1.0.");
    if (!(stepSize > 0)) throw new PaddleError("invalid-argument", "'step_size' must be a positive integer (AssertionError).");
  }

  getLr(): number {
    return this.baseLr * this.gamma ** pyFloorDiv(this.lastEpoch, this.stepSize);
  }
}
