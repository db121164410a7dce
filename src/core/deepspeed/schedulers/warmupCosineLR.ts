import { DeepSpeedError, type BoundaryEvent, type DeepSpeedOptimizerState, type DeepSpeedScheduler } from "../scheduler";
import type { DeepSpeedSchedulerKind } from "../spec";

type Spec = DeepSpeedSchedulerKind & { kind: "WarmupCosineLR" };

/**
 * `WarmupCosineLR` of deepspeed/runtime/lr_schedules.py: a ratio of each group's own LR (`org_lrs`, read
 * from the optimizer at construction). Warmup from `warmup_min_ratio` to 1 over `max(2, warmup_num_steps)`
 * steps, then `cos_min_ratio + (1 - cos_min_ratio) × (1 + cos(π × s / (total - W))) / 2` with
 * `s = i - W + 1`. Construction sets group 0 alone to 0.0 (`get_lr` returns `[0.0]` before the first step
 * and `update_lr` zips it with the groups), so the other groups start at their own LR for one step. The
 * cosine is not clamped at `total_num_steps`: past it the LR rises again.
 */
export class WarmupCosineLR implements DeepSpeedScheduler {
  private lastBatchIteration = -1;
  private readonly warmupNumSteps: number;
  private readonly inverseLogWarmUp: number;
  private readonly orgLrs: number[];

  constructor(
    private readonly spec: Spec,
    private readonly opt: DeepSpeedOptimizerState,
  ) {
    this.warmupNumSteps = Math.max(2, spec.warmupNumSteps);
    this.inverseLogWarmUp = 1.0 / Math.log(this.warmupNumSteps);
    this.orgLrs = Array.from(opt.lr);
    opt.updateLr(this.getLr());
  }

  step(): void {
    this.lastBatchIteration += 1;
    this.opt.updateLr(this.getLr());
  }

  boundaries(): BoundaryEvent[] {
    return [
      { tick: this.warmupNumSteps + 1, label: "warmup ends" },
      { tick: this.spec.totalNumSteps + 1, label: "cosine ends" },
    ];
  }

  private getLr(): number[] {
    if (this.lastBatchIteration < 0) return [0.0];
    const ratio = this.getLrRatio();
    return this.orgLrs.map((orgLr) => orgLr * ratio);
  }

  private getLrRatio(): number {
    const i = this.lastBatchIteration;
    const { warmupMinRatio, cosMinRatio, totalNumSteps, warmupType } = this.spec;
    if (i < this.warmupNumSteps) {
      let ratio: number;
      if (warmupType === "log") ratio = this.inverseLogWarmUp * Math.log(i + 1);
      else if (warmupType === "linear") ratio = i / this.warmupNumSteps;
      else throw new DeepSpeedError(`warmup_type ${JSON.stringify(warmupType)} is neither "log" nor "linear": WarmupCosineLR raises UnboundLocalError at its first step`, "unknown-warmup-type");
      const ratioDelta = 1 - warmupMinRatio;
      return warmupMinRatio + ratio * ratioDelta;
    }
    const realLastStep = i - this.warmupNumSteps + 1;
    const realTotalSteps = totalNumSteps - this.warmupNumSteps;
    if (realTotalSteps === 0) throw new DeepSpeedError(`total_num_steps equals the warmup steps (${totalNumSteps}): WarmupCosineLR divides by zero after the warmup (ZeroDivisionError)`, "zero-division");
    const ratioDelta = 1 - cosMinRatio;
    const ratio = (1 + Math.cos((Math.PI * realLastStep) / realTotalSteps)) / 2;
    return Math.max(0.0, cosMinRatio + ratioDelta * ratio);
  }
}
