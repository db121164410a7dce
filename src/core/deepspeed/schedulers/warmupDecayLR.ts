import { WarmupLR } from "./warmupLR";
import type { BoundaryEvent } from "../scheduler";

/**
 * `WarmupDecayLR` of deepspeed/runtime/lr_schedules.py: WarmupLR's warmup, then a linear decay
 * `(total_num_steps - i) / max(1, total_num_steps - W)`, clamped at 0 (`warmup_min_lr` is not a floor
 * there: the LR ends at `warmup_min_lr` only because `min_lr + delta × 0`).
 */
export class WarmupDecayLR extends WarmupLR {
  override boundaries(): BoundaryEvent[] {
    const total = this.spec.kind === "WarmupDecayLR" ? this.spec.totalNumSteps : 0;
    return [...super.boundaries(), { tick: total + 1, label: "decay ends" }];
  }

  protected override getGamma(): number {
    if (this.lastBatchIteration < this.warmupNumSteps) return super.getGamma();
    const total = this.spec.kind === "WarmupDecayLR" ? this.spec.totalNumSteps : 0;
    return Math.max(0.0, (total - this.lastBatchIteration) / Math.max(1.0, total - this.warmupNumSteps));
  }
}
