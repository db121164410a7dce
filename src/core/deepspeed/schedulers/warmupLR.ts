import { DeepSpeedOptimizerState, perGroup, type BoundaryEvent, type DeepSpeedScheduler } from "../scheduler";
import type { DeepSpeedSchedulerKind } from "../spec";

type Spec = DeepSpeedSchedulerKind & { kind: "WarmupLR" | "WarmupDecayLR" };

/**
 * `WarmupLR` of deepspeed/runtime/lr_schedules.py: from `warmup_min_lr` to `warmup_max_lr` over
 * `max(2, warmup_num_steps)` steps (`log`: log(i + 1) / log(W); `linear`: i / W, with i the
 * `last_batch_iteration`), then flat. The constructor sets `min_lrs` (index -1), and index 0 gives
 * `min_lr` again, so the first two steps both train at `warmup_min_lr`.
 */
export class WarmupLR implements DeepSpeedScheduler {
  protected lastBatchIteration = -1;
  protected readonly minLrs: number[];
  protected readonly deltaLrs: number[];
  protected readonly warmupNumSteps: number;
  protected readonly inverseLogWarmUp: number;

  constructor(
    protected readonly spec: Spec,
    protected readonly opt: DeepSpeedOptimizerState,
  ) {
    this.minLrs = perGroup(spec.warmupMinLr, opt.size, "min_lr");
    const maxLrs = perGroup(spec.warmupMaxLr, opt.size, "max_lr");
    this.deltaLrs = maxLrs.map((big, i) => big - this.minLrs[i]!);
    this.warmupNumSteps = Math.max(2, spec.warmupNumSteps);
    this.inverseLogWarmUp = 1.0 / Math.log(this.warmupNumSteps);
    opt.updateLr(this.getLr());
  }

  step(): void {
    this.lastBatchIteration += 1;
    this.opt.updateLr(this.getLr());
  }

  boundaries(): BoundaryEvent[] {
    return [{ tick: this.warmupNumSteps + 1, label: "warmup ends" }];
  }

  private getLr(): number[] {
    if (this.lastBatchIteration < 0) return this.minLrs;
    const gamma = this.getGamma();
    return this.minLrs.map((minLr, i) => minLr + this.deltaLrs[i]! * gamma);
  }

  protected getGamma(): number {
    if (this.lastBatchIteration < this.warmupNumSteps) {
      if (this.spec.warmupType === "log") return this.inverseLogWarmUp * Math.log(this.lastBatchIteration + 1);
      return this.lastBatchIteration / this.warmupNumSteps;
    }
    return 1.0;
  }
}
