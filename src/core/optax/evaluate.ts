import type { Boundary } from "../curve";
import { f32 } from "../float32";
import type { Problem } from "../problem";
import { cosineDecaySchedule } from "./cosineDecay";
import { exponentialDecay } from "./exponentialDecay";
import { piecewiseConstantSchedule } from "./piecewiseConstant";
import { polynomialSchedule } from "./polynomial";
import type { OptaxProgram, OptaxSchedule } from "./spec";

export interface OptaxEvaluation {
  groups: Float64Array[];
  boundaries: Boundary[];
  problems: Problem[];
}

/**
 * The schedule at step count `t`. `join_schedules` (_join.py) hands step `t - boundary` to the schedule
 * of the last boundary `t` has reached.
 */
export function optaxValueAt(s: OptaxSchedule, t: number): number {
  switch (s.kind) {
    case "constant":
      return s.value;
    case "polynomial":
      return polynomialSchedule(t, s);
    case "exponential":
      return exponentialDecay(t, s);
    case "cosine":
      return cosineDecaySchedule(t, s);
    case "piecewiseConstant":
      return piecewiseConstantSchedule(t, s);
    case "join": {
      // Each boundary in order replaces the output when t has reached it (`jnp.where(step < b, out, ...)`).
      let k = 0;
      for (let i = 0; i < s.boundaries.length && i + 1 < s.schedules.length; i++) if (t >= s.boundaries[i]!) k = i + 1;
      const child = s.schedules[k];
      return child ? optaxValueAt(child, k === 0 ? t : t - s.boundaries[k - 1]!) : NaN;
    }
  }
}

/** How many steps the schedule takes to reach its final value; `undefined` when it has no end. */
export function optaxNaturalLength(s: OptaxSchedule): number | undefined {
  switch (s.kind) {
    case "polynomial":
      return s.transitionSteps > 0 ? Math.max(0, s.transitionBegin) + s.transitionSteps : undefined;
    case "cosine":
      return s.decaySteps;
    case "join": {
      const last = s.schedules.at(-1);
      const tail = last ? optaxNaturalLength(last) : undefined;
      return tail === undefined ? undefined : (s.boundaries.at(-1) ?? 0) + tail;
    }
    default:
      return undefined;
  }
}

function boundariesOf(s: OptaxSchedule, offset: number, out: Boundary[]): void {
  if (s.kind === "join") {
    s.schedules.forEach((c, i) => {
      const start = i === 0 ? offset : offset + s.boundaries[i - 1]!;
      if (i > 0) out.push({ tick: start, label: s.schedules[i]!.name });
      boundariesOf(c, start, out);
    });
  } else if (s.kind === "piecewiseConstant" && s.boundariesAndScales) {
    for (const [b, scale] of s.boundariesAndScales) out.push({ tick: offset + b, label: `× ${scale}` });
  }
}

/**
 * Tick t is update t: optax's `scale_by_learning_rate` / `inject_hyperparams` call the schedule with the
 * state's `count` before incrementing it. The result is a float32 array, recorded as its value.
 */
export function evaluateOptax(program: OptaxProgram, total: number): OptaxEvaluation {
  const s = program.schedule;
  const lr = new Float64Array(total);
  for (let t = 0; t < total; t++) lr[t] = f32(optaxValueAt(s, t));
  const problems: Problem[] = [];
  const bad = lr.findIndex((x) => !Number.isFinite(x));
  if (bad >= 0) problems.push({ severity: "error", code: "not-finite", message: `${s.name}: the learning rate is ${lr[bad]} from step ${bad}; not a usable value.`, range: s.range });
  const boundaries: Boundary[] = [];
  boundariesOf(s, 0, boundaries);
  return { groups: [lr], boundaries: boundaries.filter((b) => b.tick > 0 && b.tick < total).sort((a, b) => a.tick - b.tick), problems };
}
