import type { Boundary } from "../curve";
import type { Problem } from "../problem";
import { checkScheduler, MegatronError, megatronLr } from "./getLr";
import type { MegatronProgram } from "./spec";

export interface MegatronEvaluation {
  groups: Float64Array[];
  boundaries: Boundary[];
  problems: Problem[];
}

/**
 * The constructor calls `step(0)`, so iteration 0 trains with `get_lr()` at 0 samples; after each iteration
 * `step(increment)` adds the global batch size, so iteration t trains with `get_lr()` at t × increment.
 */
export function evaluateMegatron(program: MegatronProgram, total: number): MegatronEvaluation {
  const s = program.scheduler;
  const lr = new Float64Array(total);
  const problems: Problem[] = [];
  try {
    checkScheduler(s);
  } catch (e) {
    problems.push({ severity: "error", code: "scheduler-error", message: `OptimizerParamScheduler: ${(e as Error).message}` });
    return { groups: [new Float64Array(0)], boundaries: [], problems };
  }
  let t = 0;
  try {
    for (; t < total; t++) lr[t] = megatronLr(s, t * program.increment);
  } catch (e) {
    if (!(e instanceof MegatronError)) throw e;
    problems.push({ severity: "error", code: "scheduler-error", message: `OptimizerParamScheduler.get_lr raises at iteration ${t}: ${e.message}` });
    return { groups: [lr.slice(0, t)], boundaries: [], problems };
  }
  const inc = program.increment;
  const boundaries: Boundary[] = [];
  if (s.warmupSteps > 0) boundaries.push({ tick: Math.floor(s.warmupSteps / inc) + 1, label: "warmup end" });
  if (s.decayStyle === "WSD" && s.wsdDecaySteps !== null) boundaries.push({ tick: Math.floor((s.decaySteps - s.wsdDecaySteps) / inc) + 1, label: "WSD decay" });
  if (s.decayStyle !== "constant") boundaries.push({ tick: Math.floor(s.decaySteps / inc) + 1, label: "min_lr" });
  return { groups: [lr], boundaries: boundaries.filter((b) => b.tick > 0 && b.tick < total), problems };
}
