import { LRScheduler, PaddleError } from "../scheduler";

interface Phase {
  readonly endStep: number;
  readonly startLr: number;
  readonly endLr: number;
}

/** PaddleOCR `OneCycleDecay` (ppocr/optimizer/lr_scheduler.py), a port of torch's OneCycleLR for one group. */
export class OneCycleDecayScheduler extends LRScheduler {
  private readonly totalSteps: number;
  private readonly phases: Phase[];

  constructor(maxLr: number, epochs: number, stepsPerEpoch: number, pctStart: number, private readonly annealStrategy: "cos" | "linear", divFactor: number, finalDivFactor: number, threePhase: boolean) {
    super(maxLr);
    if (epochs <= 0 || !Number.isInteger(epochs)) throw new PaddleError("invalid-argument", `Expected positive integer epochs, but got ${epochs}`);
    if (stepsPerEpoch <= 0 || !Number.isInteger(stepsPerEpoch)) throw new PaddleError("invalid-argument", `Expected positive integer steps_per_epoch, but got ${stepsPerEpoch}`);
    this.totalSteps = epochs * stepsPerEpoch;
    const initialLr = maxLr / divFactor;
    const minLr = initialLr / finalDivFactor;
    this.phases = threePhase
      ? [
          { endStep: pctStart * this.totalSteps - 1, startLr: initialLr, endLr: maxLr },
          { endStep: 2 * pctStart * this.totalSteps - 2, startLr: maxLr, endLr: initialLr },
          { endStep: this.totalSteps - 1, startLr: initialLr, endLr: minLr },
        ]
      : [
          { endStep: pctStart * this.totalSteps - 1, startLr: initialLr, endLr: maxLr },
          { endStep: this.totalSteps - 1, startLr: maxLr, endLr: minLr },
        ];
    if (pctStart < 0 || pctStart > 1) throw new PaddleError("invalid-argument", `Expected float between 0 and 1 pct_start, but got ${pctStart}`);
  }

  getLr(): number {
    const stepNum = this.lastEpoch;
    if (stepNum > this.totalSteps) throw new PaddleError("onecycle-overrun", `Tried to step ${stepNum + 1} times. The specified number of total steps is ${this.totalSteps}`);
    let startStep = 0;
    for (let i = 0; i < this.phases.length; i++) {
      const phase = this.phases[i]!;
      if (stepNum <= phase.endStep || i === this.phases.length - 1) {
        const pct = (stepNum - startStep) / (phase.endStep - startStep);
        if (this.annealStrategy === "cos") return phase.endLr + ((phase.startLr - phase.endLr) / 2) * (Math.cos(Math.PI * pct) + 1);
        return (phase.endLr - phase.startLr) * pct + phase.startLr;
      }
      startStep = phase.endStep;
    }
    return 0;
  }
}
