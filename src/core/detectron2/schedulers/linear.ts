import { noPhase, type CompiledScheduler } from "./compiled";

/** fvcore `LinearParamScheduler`: `end_value * where + start_value * (1 - where)`, in that order. */
export function linearScheduler(startValue: number, endValue: number): CompiledScheduler {
  return { value: (where) => endValue * where + startValue * (1 - where), phase: noPhase };
}
