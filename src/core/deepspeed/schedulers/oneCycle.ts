import type { BoundaryEvent, DeepSpeedOptimizerState, DeepSpeedScheduler } from "../scheduler";
import type { DeepSpeedSchedulerKind } from "../spec";

type Spec = DeepSpeedSchedulerKind & { kind: "OneCycle" };

/**
 * `OneCycle` of deepspeed/runtime/lr_schedules.py: a triangle from `cycle_min_lr` up to `cycle_max_lr`
 * over `cycle_first_step_size` steps and back over `cycle_second_step_size`, then (when both
 * `decay_step_size` and `decay_lr_rate` are non-zero) `cycle_min_lr / (1 + rate × n / decay_step_size)`.
 * The scale factor is computed from `last_batch_iteration + 1` and repeats with the cycle length, but the
 * decay takes over after one cycle. Momentum (β1) cycles inversely only when the optimizer has `betas`
 * (SGD's momentum is left alone); construction sets β1 to `cycle_min_mom`, the first step to about
 * `cycle_max_mom`. The stair-count parameters are stored by the class and never used.
 */
export class OneCycle implements DeepSpeedScheduler {
  private lastBatchIteration = -1;
  private readonly totalSize: number;
  private readonly stepRatio: number;
  private readonly firstStepSize: number;
  private readonly skipLrDecay: boolean;
  private readonly skipMomDecay: boolean;
  private readonly cycleMomentum: boolean;

  constructor(
    private readonly spec: Spec,
    private readonly opt: DeepSpeedOptimizerState,
  ) {
    // _initialize_cycle: the step sizes become floats.
    this.firstStepSize = spec.cycleFirstStepSize;
    const second = spec.cycleSecondStepSize ?? spec.cycleFirstStepSize;
    this.totalSize = this.firstStepSize + second;
    this.stepRatio = this.firstStepSize / this.totalSize;
    // math.isclose(x, 0) with the default tolerances is x == 0.
    let skipLr = spec.decayStepSize === 0;
    let skipMom = spec.decayStepSize === 0;
    // _initialize_lr
    opt.updateLr(new Array<number>(opt.size).fill(spec.cycleMinLr));
    if (spec.decayLrRate === 0) skipLr = true;
    // _initialize_momentum: only for optimizers with betas.
    this.cycleMomentum = spec.cycleMomentum && opt.hasBetas;
    if (this.cycleMomentum) {
      opt.momentum.fill(spec.cycleMinMom);
      if (spec.decayMomRate === 0) skipMom = true;
    }
    this.skipLrDecay = skipLr;
    this.skipMomDecay = skipMom;
  }

  step(): void {
    this.lastBatchIteration += 1;
    const i = this.lastBatchIteration;
    const { cycleMinLr, cycleMaxLr, cycleMinMom, cycleMaxMom } = this.spec;
    if (i < this.totalSize) {
      const scale = this.scaleFactor();
      this.opt.lr.fill(cycleMinLr + (cycleMaxLr - cycleMinLr) * scale);
      if (this.cycleMomentum) this.opt.momentum.fill(cycleMaxMom - (cycleMaxMom - cycleMinMom) * scale);
      return;
    }
    const decayIteration = i - this.totalSize + 1;
    if (this.skipLrDecay) this.opt.lr.fill(cycleMinLr);
    else this.opt.lr.fill(cycleMinLr / (1 + this.spec.decayLrRate * (decayIteration / this.spec.decayStepSize)));
    if (this.cycleMomentum) {
      if (this.skipMomDecay) this.opt.momentum.fill(cycleMaxMom);
      else this.opt.momentum.fill(cycleMaxMom * (1 + this.spec.decayMomRate * (decayIteration / this.spec.decayStepSize)));
    }
  }

  boundaries(): BoundaryEvent[] {
    return [
      { tick: Math.ceil(this.firstStepSize), label: "peak" },
      { tick: Math.ceil(this.totalSize), label: "cycle ends" },
    ];
  }

  /** `_get_scale_factor` */
  private scaleFactor(): number {
    const batchIteration = this.lastBatchIteration + 1;
    const cycle = Math.floor(1 + batchIteration / this.totalSize);
    const x = 1 + batchIteration / this.totalSize - cycle;
    return x <= this.stepRatio ? x / this.stepRatio : (x - 1) / (this.stepRatio - 1);
  }
}
