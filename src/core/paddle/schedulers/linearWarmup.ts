import { LRScheduler, PaddleError } from "../scheduler";

/**
 * `LinearWarmup`, python/paddle/optimizer/lr.py: from `start_lr` to `end_lr` over `warmup_steps`, then the
 * wrapped learning rate. A wrapped scheduler is driven by `step(last_epoch - warmup_steps)` (its closed form
 * where it has one: CosineAnnealingDecay's is not its recursive `get_lr`), a float is returned as is.
 */
export class LinearWarmupScheduler extends LRScheduler {
  constructor(
    private readonly inner: LRScheduler | number,
    private readonly warmupSteps: number,
    private readonly startLr: number,
    private readonly endLr: number,
  ) {
    super(startLr);
    if (!(warmupSteps > 0) || !Number.isInteger(warmupSteps)) throw new PaddleError("invalid-argument", "'warmup_steps' must be a positive integer (AssertionError).");
    if (!(endLr > startLr)) throw new PaddleError("invalid-argument", `end_lr ${endLr} must be greater than start_lr ${startLr} (AssertionError).`);
  }

  getLr(): number {
    if (this.lastEpoch < this.warmupSteps) return ((this.endLr - this.startLr) * this.lastEpoch) / this.warmupSteps + this.startLr;
    if (typeof this.inner === "number") return this.inner;
    this.inner.stepPositional(this.lastEpoch - this.warmupSteps);
    return this.inner.call();
  }
}
