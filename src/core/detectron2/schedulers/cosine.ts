import { noPhase, type CompiledScheduler } from "./compiled";

/**
 * fvcore `CosineParamScheduler`: `end + 0.5 * (start - end) * (1 + cos(pi * where))`, in that order
 * (fvcore/common/param_scheduler.py).
 */
export function cosineScheduler(startValue: number, endValue: number): CompiledScheduler {
  const half = 0.5 * (startValue - endValue);
  return { value: (where) => endValue + half * (1 + Math.cos(Math.PI * where)), phase: noPhase };
}
