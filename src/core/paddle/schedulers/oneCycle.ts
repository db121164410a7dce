import { LRScheduler, PaddleError } from "../scheduler";

/** `OneCycleLR`, python/paddle/optimizer/lr.py (its own phase table, not torch's). */
export class OneCycleScheduler extends LRScheduler {
  private readonly stepConfig: number[];
  private readonly stepsSize: number[];
  private readonly lrConfig: number[];

  constructor(
    maxLearningRate: number,
    private readonly totalSteps: number,
    divideFactor: number,
    endLearningRate: number,
    phasePct: number,
    private readonly annealStrategy: "cos" | "linear",
    threePhase: boolean,
  ) {
    const initialLr = maxLearningRate / divideFactor;
    super(initialLr);
    if (maxLearningRate < 0) throw new PaddleError("invalid-argument", "'max_learning_rate' must be a positive integer.");
    if (endLearningRate < 0) throw new PaddleError("invalid-argument", "'end_learning_rate' must be a positive integer.");
    if (!Number.isInteger(totalSteps)) throw new PaddleError("invalid-argument", `'total_step' must be 'int', but received ${totalSteps} (TypeError)`);
    if (totalSteps <= 0) throw new PaddleError("invalid-argument", "'total_step' must be a positive integer.");
    if (phasePct < 0 || phasePct > 1) throw new PaddleError("invalid-argument", `'phase_pct' must be between 0 and 1, but received ${phasePct}`);
    const minLr = endLearningRate;
    if (threePhase) {
      if (phasePct >= 0.5) throw new PaddleError("invalid-argument", "When three_phase is True, 'phase_pct' must be less than 0.5");
      this.stepConfig = [0, phasePct * totalSteps - 1, 2 * phasePct * totalSteps - 2, totalSteps - 1, totalSteps - 1];
      const c = this.stepConfig as [number, number, number, number, number];
      this.stepsSize = [c[1] - c[0], c[2] - c[1], c[3] - c[2], c[3] - c[2]];
      this.lrConfig = [initialLr, maxLearningRate, initialLr, minLr];
    } else {
      this.stepConfig = [0, phasePct * totalSteps - 1, totalSteps - 1, totalSteps - 1];
      const c = this.stepConfig as [number, number, number, number];
      this.stepsSize = [c[1] - c[0], c[2] - c[1], c[2] - c[1]];
      this.lrConfig = [initialLr, maxLearningRate, minLr];
    }
  }

  private anneal(start: number, end: number, pct: number): number {
    if (this.annealStrategy === "cos") return end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1);
    return (end - start) * pct + start;
  }

  getLr(): number {
    const current = this.lastEpoch;
    if (current > this.totalSteps) throw new PaddleError("onecycle-overrun", `Tried to step ${current} times. However the number of total steps is ${this.totalSteps}`);
    // zip(step_config[1:], steps_size): as many phases as steps_size has entries.
    for (let i = 0; i < this.stepsSize.length; i++) {
      const endStep = this.stepConfig[i + 1]!;
      if (current <= endStep || i === this.lrConfig.length - 2) {
        const pct = (current - this.stepConfig[i]!) / this.stepsSize[i]!;
        return this.anneal(this.lrConfig[i]!, this.lrConfig[i + 1]!, pct);
      }
    }
    // Python's loop falls through and returns None, which the optimizer cannot use.
    throw new PaddleError("onecycle-none", "OneCycleLR.get_lr returned None");
  }
}
