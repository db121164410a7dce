import { perGroup, type BoundaryEvent, type DeepSpeedOptimizerState, type DeepSpeedScheduler } from "../scheduler";
import type { DeepSpeedSchedulerKind } from "../spec";

type Spec = DeepSpeedSchedulerKind & { kind: "LRRangeTest" };

/**
 * `LRRangeTest` of deepspeed/runtime/lr_schedules.py: `min_lr × (1 + step_rate × n)` with
 * `n = (i + 1) / step_size`, or its floor when `lr_range_test_staircase`; it grows without end.
 */
export class LRRangeTest implements DeepSpeedScheduler {
  private lastBatchIteration = -1;
  private readonly minLr: number[];

  constructor(
    private readonly spec: Spec,
    private readonly opt: DeepSpeedOptimizerState,
  ) {
    this.minLr = perGroup(spec.minLr, opt.size, "lr_range_test_min_lr");
    opt.updateLr(this.minLr);
  }

  step(): void {
    this.lastBatchIteration += 1;
    const interval = (this.lastBatchIteration + 1) / this.spec.stepSize;
    const increase = 1 + this.spec.stepRate * (this.spec.staircase ? Math.floor(interval) : interval);
    this.opt.updateLr(this.minLr.map((lr) => lr * increase));
  }

  boundaries(): BoundaryEvent[] {
    return [];
  }
}
