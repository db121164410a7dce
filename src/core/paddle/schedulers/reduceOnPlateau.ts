import { LRScheduler, PaddleError } from "../scheduler";

/**
 * `ReduceOnPlateau`, python/paddle/optimizer/lr.py. Its constructor does not step (`last_epoch` starts at 0)
 * and `step(metrics)` lowers the LR after `patience` epochs without improvement. A trainer steps it with a
 * validation metric (drawn flat); LinearWarmup after its warmup steps it with `epoch - warmup_steps` as the
 * metric, which is a rising number, so that case is exact.
 */
export class ReduceOnPlateauScheduler extends LRScheduler {
  private cooldownCounter = 0;
  private best: number | null = null;
  private numBadEpochs = 0;

  constructor(
    learningRate: number,
    private readonly mode: "min" | "max",
    private readonly factor: number,
    private readonly patience: number,
    private readonly threshold: number,
    private readonly thresholdMode: "rel" | "abs",
    private readonly cooldown: number,
    private readonly minLr: number,
    private readonly epsilon: number,
  ) {
    super(learningRate);
    if (factor >= 1) throw new PaddleError("invalid-argument", "new_lr = origin_lr * gamma and gamma should be < 1.0.");
    this.lastEpoch = 0;
  }

  /** Not stepped at construction. */
  override init(): this {
    return this;
  }

  /** Without a metric the trainer's `step()` would raise; the flat curve is what the reader explains. */
  override step(): void {}

  override stepPositional(metrics: number): void {
    this.lastEpoch += 1;
    if (this.cooldownCounter > 0) this.cooldownCounter -= 1;
    else {
      if (this.best === null || this.isBetter(metrics, this.best)) {
        this.best = metrics;
        this.numBadEpochs = 0;
      } else this.numBadEpochs += 1;
      if (this.numBadEpochs > this.patience) {
        this.cooldownCounter = this.cooldown;
        this.numBadEpochs = 0;
        const newLr = Math.max(this.lastLr * this.factor, this.minLr);
        if (this.lastLr - newLr > this.epsilon) this.lastLr = newLr;
      }
    }
  }

  private isBetter(current: number, best: number): boolean {
    if (this.mode === "min" && this.thresholdMode === "rel") return current < best - best * this.threshold;
    if (this.mode === "min" && this.thresholdMode === "abs") return current < best - this.threshold;
    if (this.mode === "max" && this.thresholdMode === "rel") return current > best + best * this.threshold;
    return current > best + this.threshold;
  }

  getLr(): number {
    return this.lastLr;
  }
}
