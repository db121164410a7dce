import type { Boundary } from "../curve";
import type { Problem } from "../problem";
import type { ParamGroup } from "../schedule";
import { createParamScheduler } from "./create";
import { iterationScheduler } from "./schedulers/legacy";
import { Detectron2Error, type Detectron2Program } from "./spec";

export const MAX_BOUNDARIES = 500;

export interface Detectron2Evaluation {
  groups: Float64Array[];
  momentum?: Float64Array[];
  boundaries: Boundary[];
  problems: Problem[];
}

/**
 * detectron2's loop: `LRMultiplier` (a torch `LRScheduler`) is built before training (its initial step sets
 * `last_epoch = 0`), and the `LRScheduler` hook calls `step()` after every iteration. So during iteration t
 * each group's LR is `base_lr * multiplier(t / max_iter)` (`LRMultiplier.get_lr`), or the legacy
 * scheduler's `get_lr()` at `last_epoch = t`. Momentum is constant (SGD's, or Adam's β1).
 */
export function evaluateDetectron2(program: Detectron2Program, groups: readonly ParamGroup[], total: number): Detectron2Evaluation {
  const problems: Problem[] = [];
  const bases = groups.map((g) => g.lr.value);
  const lrs = bases.map(() => new Float64Array(total));
  const hasMomentum = groups.some((g) => g.momentum !== undefined);
  const momentum = hasMomentum ? groups.map((g) => new Float64Array(total).fill(g.momentum?.value ?? 0)) : undefined;
  const boundaries: Boundary[] = [];

  let lrAt: (g: number, t: number) => number;
  let phaseAt: (t: number) => string;
  let endTick: number;
  try {
    if (program.schedule.type === "multiplier") {
      const { maxIter } = program.schedule;
      const m = createParamScheduler(program.schedule.multiplier);
      // LRMultiplier.get_lr: `self._multiplier(self.last_epoch / self._max_iter)`, times each base LR.
      if (maxIter === 0) throw new Detectron2Error("zero-division", "LRMultiplier raises ZeroDivisionError: max_iter is 0");
      let cachedT = -1;
      let cached = 0;
      lrAt = (g, t) => {
        if (t !== cachedT) {
          cached = m.value(t / maxIter);
          cachedT = t;
        }
        return bases[g]! * cached;
      };
      phaseAt = (t) => m.phase(t / maxIter);
      endTick = maxIter;
    } else {
      const s = iterationScheduler(program.schedule.scheduler);
      lrAt = (g, t) => s.lr(bases[g]!, t);
      phaseAt = (t) => s.phase(t);
      endTick = Number.NaN;
    }
  } catch (e) {
    problems.push(problemOf(e, "The scheduler cannot be built"));
    for (let g = 0; g < lrs.length; g++) lrs[g]!.fill(bases[g]!);
    return { groups: lrs, momentum, boundaries, problems };
  }

  let t = 0;
  let previous = "";
  try {
    for (; t < total; t++) {
      for (let g = 0; g < lrs.length; g++) lrs[g]![t] = lrAt(g, t);
      const phase = phaseAt(t);
      if (t > 0 && phase !== previous && boundaries.length < MAX_BOUNDARIES) boundaries.push({ tick: t, label: phase || "start" });
      previous = phase;
    }
  } catch (e) {
    problems.push(problemOf(e, `scheduler.step() after iteration ${t - 1} raises`, t === 0 ? " — before the first iteration" : ` — after iteration ${t - 1}; the training stops there (held from there)`));
    lrs.forEach((xs, g) => xs.fill(t > 0 ? xs[t - 1]! : bases[g]!, t));
    return { groups: lrs, momentum, boundaries, problems };
  }
  // The hook steps once more after the last iteration; fvcore raises there for some schedulers.
  if (total === endTick && total > 0) {
    try {
      lrAt(0, total);
    } catch (e) {
      const p = problemOf(e, "");
      problems.push({ severity: "warning", code: "raises-after-last-iteration", message: `The LRScheduler hook steps once more after the last iteration, and there ${p.message.replace(/^.*?raises/, "the scheduler raises")}: training ends with an exception (detectron2's own tests expect it for WarmupStepWithFixedGammaLR).`, range: p.range });
    }
  }
  return { groups: lrs, momentum, boundaries, problems };
}

function problemOf(e: unknown, context: string, where = ""): Problem {
  if (e instanceof Detectron2Error) return { severity: "error", code: e.code, message: e.message + where, range: e.range };
  return { severity: "error", code: "scheduler-error", message: `${context}: ${e instanceof Error ? e.message : String(e)}${where}` };
}
