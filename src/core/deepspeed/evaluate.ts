import type { Boundary } from "../curve";
import type { Problem } from "../problem";
import type { ParamGroup } from "../schedule";
import { DeepSpeedError, DeepSpeedOptimizerState, type BoundaryEvent, type DeepSpeedScheduler } from "./scheduler";
import { LRRangeTest } from "./schedulers/lrRangeTest";
import { OneCycle } from "./schedulers/oneCycle";
import { WarmupCosineLR } from "./schedulers/warmupCosineLR";
import { WarmupDecayLR } from "./schedulers/warmupDecayLR";
import { WarmupLR } from "./schedulers/warmupLR";
import type { DeepSpeedProgram, DeepSpeedSchedulerSpec } from "./spec";

export interface DeepSpeedEvaluation {
  /** `groups[g][t]`: LR of param group g during tick t. */
  groups: Float64Array[];
  /** Momentum (SGD) or β1 (Adam-like) per group, where the optimizer has one. */
  momentum?: Float64Array[];
  boundaries: Boundary[];
  problems: Problem[];
}

type Built = DeepSpeedScheduler & { boundaries(): BoundaryEvent[] };

function build(spec: DeepSpeedSchedulerSpec, opt: DeepSpeedOptimizerState): Built {
  switch (spec.kind) {
    case "WarmupLR":
      return new WarmupLR(spec, opt);
    case "WarmupDecayLR":
      return new WarmupDecayLR(spec, opt);
    case "WarmupCosineLR":
      return new WarmupCosineLR(spec, opt);
    case "OneCycle":
      return new OneCycle(spec, opt);
    case "LRRangeTest":
      return new LRRangeTest(spec, opt);
  }
}

/**
 * Runs a DeepSpeed config's schedule as the engine does (deepspeed/runtime/engine.py `_take_model_step`):
 * the scheduler is constructed on the optimizer (which sets the LR of tick 0), then after every optimizer
 * step it is stepped once. So tick t trains with the LR of `last_batch_iteration = t - 1`. What Python
 * would raise becomes an error problem, and the last value is held from there.
 */
export function evaluateDeepSpeed(program: DeepSpeedProgram, groups: readonly ParamGroup[], total: number): DeepSpeedEvaluation {
  const opt = new DeepSpeedOptimizerState(groups);
  const problems: Problem[] = [];
  const n = opt.size;
  const lrs = Array.from({ length: n }, () => new Float64Array(total));
  const moms = opt.tracksMomentum ? Array.from({ length: n }, () => new Float64Array(total)) : [];
  const spec = program.scheduler;
  let scheduler: Built;
  try {
    scheduler = build(spec, opt);
  } catch (e) {
    problems.push(problemOf(e, `${spec.name}(...) raises`, spec));
    return { groups: lrs.map(() => new Float64Array(0)), boundaries: [], problems };
  }
  let t = 0;
  try {
    for (; t < total; t++) {
      for (let g = 0; g < n; g++) lrs[g]![t] = opt.lr[g]!;
      for (let g = 0; g < moms.length; g++) moms[g]![t] = opt.momentum[g]!;
      scheduler.step();
    }
  } catch (e) {
    problems.push(problemOf(e, `${spec.name}.step() after tick ${t} raises`, spec, ` — after tick ${t}; held from there`));
    for (const xs of [...lrs, ...moms]) xs.fill(xs[t]!, t + 1);
  }
  for (const [g, xs] of lrs.entries()) {
    const bad = xs.findIndex((x) => !Number.isFinite(x));
    if (bad >= 0) problems.push({ severity: "error", code: "not-finite", message: `The learning rate of param group ${g} is ${xs[bad]} from tick ${bad}: DeepSpeed would compute it the same way, but it is not a usable value.`, range: spec.range });
  }
  const boundaries: Boundary[] = scheduler
    .boundaries()
    .filter((b) => b.tick > 0 && b.tick < total)
    .sort((a, b) => a.tick - b.tick);
  const result: DeepSpeedEvaluation = { groups: lrs, boundaries, problems };
  if (opt.tracksMomentum) result.momentum = moms;
  return result;
}

function problemOf(e: unknown, context: string, spec: DeepSpeedSchedulerSpec, where = ""): Problem {
  if (e instanceof DeepSpeedError) return { severity: "error", code: e.code, message: `${spec.name}: ${e.message}${where}`, range: e.range ?? spec.range };
  return { severity: "error", code: "scheduler-error", message: `${context}: ${e instanceof Error ? e.message : String(e)}`, range: spec.range };
}
