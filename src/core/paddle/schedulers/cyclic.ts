import { LRScheduler, PaddleError } from "../scheduler";

/** `CyclicLR`, python/paddle/optimizer/lr.py (modes triangular, triangular2, exp_range). */
export class CyclicScheduler extends LRScheduler {
  private readonly cycleSize: number;
  private readonly stepUpPct: number;
  private readonly amplitude: number;

  constructor(
    baseLearningRate: number,
    maxLearningRate: number,
    stepSizeUp: number,
    stepSizeDown: number | null,
    private readonly mode: "triangular" | "triangular2" | "exp_range",
    private readonly expGamma: number,
  ) {
    super(baseLearningRate);
    if (maxLearningRate < 0) throw new PaddleError("invalid-argument", `'max_learning_rate' must be a positive integer, but received ${maxLearningRate}`);
    if (!Number.isInteger(stepSizeUp) || stepSizeUp <= 0) throw new PaddleError("invalid-argument", `'step_size_up' must be a positive integer, but received ${stepSizeUp}`);
    if (stepSizeDown !== null && (!Number.isInteger(stepSizeDown) || stepSizeDown <= 0)) throw new PaddleError("invalid-argument", `'step_size_down' must be a positive integer, but received ${stepSizeDown}`);
    const down = stepSizeDown ?? stepSizeUp;
    this.cycleSize = stepSizeUp + down;
    this.stepUpPct = stepSizeUp / this.cycleSize;
    this.amplitude = maxLearningRate - baseLearningRate;
  }

  private scale(cycle: number, iterations: number): number {
    if (this.mode === "triangular") return 1;
    if (this.mode === "triangular2") return 1 / 2 ** (cycle - 1);
    return this.expGamma ** iterations;
  }

  getLr(): number {
    const iterations = this.lastEpoch;
    const cycle = 1 + Math.floor(iterations / this.cycleSize);
    const pct = 1 + iterations / this.cycleSize - cycle;
    const scaleFactor = pct <= this.stepUpPct ? pct / this.stepUpPct : (1 - pct) / (1 - this.stepUpPct);
    const baseHeight = this.amplitude * scaleFactor;
    return this.baseLr + baseHeight * this.scale(cycle, iterations);
  }
}
