import type { Boundary } from "../curve";
import type { Problem } from "../problem";
import type { ParamGroup } from "../schedule";
import { buildNemoScheduler, NemoError } from "./schedulers";
import type { NemoProgram } from "./spec";

export interface NemoEvaluation {
  groups: Float64Array[];
  boundaries: Boundary[];
  problems: Problem[];
}

/**
 * `_LRScheduler.__init__` steps once (`last_epoch = 0`), and Lightning calls `scheduler.step()` after every
 * optimizer step (`interval: 'step'`, `frequency: 1`), so optimizer step t runs with `get_lr()` at
 * `last_epoch = t`. A Python exception ends the curve where it is raised (at construction: no curve).
 */
export function evaluateNemo(program: NemoProgram, groups: readonly ParamGroup[], total: number): NemoEvaluation {
  const s = program.scheduler;
  const base = groups.map((g) => g.lr.value);
  const out = base.map(() => new Float64Array(total));
  const problems: Problem[] = [];
  let sched;
  try {
    sched = buildNemoScheduler(s, base);
    sched.lrs(0);
  } catch (e) {
    if (!(e instanceof NemoError)) throw e;
    problems.push({ severity: "error", code: "scheduler-error", message: `${s.name}: ${e.message}` });
    return { groups: base.map(() => new Float64Array(0)), boundaries: [], problems };
  }
  let t = 0;
  try {
    for (; t < total; t++) {
      const lrs = sched.lrs(t);
      for (let g = 0; g < out.length; g++) out[g]![t] = lrs[g]!;
    }
  } catch (e) {
    if (!(e instanceof NemoError)) throw e;
    problems.push({ severity: "error", code: "scheduler-error", message: `${s.name}.get_lr raises at step ${t}: ${e.message}` });
    return { groups: out.map((g) => g.slice(0, t)), boundaries: [], problems };
  }
  const { warmupSteps: W, holdSteps: H, constantSteps: C, maxSteps: max } = sched.resolved;
  const boundaries: Boundary[] = [];
  // Warmup runs while step <= warmup_steps.
  if (W > 0) boundaries.push({ tick: Math.floor(W) + 1, label: "warmup end" });
  if (H > W) boundaries.push({ tick: Math.ceil(H), label: "hold end" });
  if (C > 0 && s.name === "CosineAnnealing") boundaries.push({ tick: Math.floor(max - C) + 1, label: "min_lr (constant)" });
  return { groups: out, boundaries: boundaries.filter((b) => b.tick > 0 && b.tick < total), problems };
}
