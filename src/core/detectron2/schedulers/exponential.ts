import { noPhase, type CompiledScheduler } from "./compiled";

/** fvcore `ExponentialParamScheduler`: `start_value * decay ** where`. */
export function exponentialScheduler(startValue: number, decay: number): CompiledScheduler {
  return { value: (where) => startValue * decay ** where, phase: noPhase };
}
