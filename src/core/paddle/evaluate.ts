import type { Boundary } from "../curve";
import type { Problem } from "../problem";
import type { ParamGroup } from "../schedule";
import { createPaddleScheduler } from "./create";
import { PaddleError, type LRScheduler } from "./scheduler";
import type { PaddleProgram } from "./spec";

export interface PaddleEvaluation {
  groups: Float64Array[];
  momentum?: Float64Array[];
  boundaries: Boundary[];
  problems: Problem[];
}

/**
 * Runs a Paddle suite's schedule: each optimizer's scheduler is built (its constructor steps once), then
 * during tick t the optimizer uses `scheduler.last_lr`, and after every `stepEvery` ticks the trainer calls
 * `scheduler.step()` (PaddleClas / PaddleOCR / PaddleDetection / PaddleSeg all step after `optimizer.step()`).
 * What Paddle would raise becomes an error problem and the last value is held from there.
 */
export function evaluatePaddle(program: PaddleProgram, groups: readonly ParamGroup[], total: number): PaddleEvaluation {
  const problems: Problem[] = [];
  const boundaries: Boundary[] = [];
  const lrs: Float64Array[] = [];
  program.groups.forEach((g, gi) => {
    const xs = new Float64Array(total);
    lrs.push(xs);
    let s: LRScheduler;
    try {
      s = createPaddleScheduler(g.scheduler);
    } catch (e) {
      problems.push(problemOf(e, ` (building the scheduler of optimizer ${gi})`));
      xs.fill(groups[gi]?.lr.value ?? Number.NaN);
      return;
    }
    const every = Math.max(1, g.stepEvery);
    let t = 0;
    try {
      for (; t < total; t++) {
        xs[t] = s.lastLr;
        if ((t + 1) % every === 0) s.step();
      }
    } catch (e) {
      problems.push(problemOf(e, ` — at tick ${t + 1}; held from there`));
      xs.fill(xs[t]!, t + 1);
    }
    if (gi === 0) for (const b of g.boundaries ?? []) if (b.tick > 0 && b.tick < total) boundaries.push({ tick: b.tick, label: b.label });
  });
  lrs.forEach((xs, g) => {
    for (let i = 0; i < xs.length; i++) {
      if (!Number.isFinite(xs[i]!)) {
        problems.push({ severity: "error", code: "not-finite", message: `The learning rate of optimizer ${g} is ${xs[i]} from tick ${i}.` });
        return;
      }
    }
  });
  const result: PaddleEvaluation = { groups: lrs, boundaries: boundaries.sort((a, b) => a.tick - b.tick), problems };
  if (groups.some((g) => g.momentum !== undefined)) result.momentum = groups.map((g) => new Float64Array(total).fill(g.momentum?.value ?? 0));
  return result;
}

function problemOf(e: unknown, where: string): Problem {
  if (e instanceof PaddleError) return { severity: "error", code: e.code, message: e.message + where };
  return { severity: "error", code: "scheduler-error", message: (e instanceof Error ? e.message : String(e)) + where };
}
