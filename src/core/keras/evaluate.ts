import type { Boundary } from "../curve";
import type { Problem } from "../problem";
import { learningRateScheduler } from "./callback";
import { cosineDecay } from "./cosineDecay";
import { cosineDecayRestarts } from "./cosineDecayRestarts";
import { exponentialDecay } from "./exponentialDecay";
import { inverseTimeDecay } from "./inverseTimeDecay";
import { piecewiseConstantDecay } from "./piecewiseConstantDecay";
import { polynomialDecay } from "./polynomialDecay";
import type { KerasProgram, KerasScheduleSpec } from "./spec";

export interface KerasEvaluation {
  groups: Float64Array[];
  boundaries: Boundary[];
  problems: Problem[];
}

/** The schedule's value at optimizer step `step` (`optimizer.iterations` before the update). */
export function kerasLrAt(spec: KerasScheduleSpec, step: number): number {
  switch (spec.kind) {
    case "ExponentialDecay":
      return exponentialDecay(step, spec);
    case "PiecewiseConstantDecay":
      return piecewiseConstantDecay(step, spec);
    case "PolynomialDecay":
      return polynomialDecay(step, spec);
    case "InverseTimeDecay":
      return inverseTimeDecay(step, spec);
    case "CosineDecay":
      return cosineDecay(step, spec);
    case "CosineDecayRestarts":
      return cosineDecayRestarts(step, spec);
  }
}

function boundariesOf(spec: KerasScheduleSpec): Boundary[] {
  switch (spec.kind) {
    case "PiecewiseConstantDecay":
      return spec.boundaries.map((b, i) => ({ tick: Math.trunc(b) + 1, label: `> ${b}: ${spec.values[i + 1]}` }));
    case "CosineDecay":
      return spec.warmupTarget !== null && spec.warmupSteps > 0 ? [{ tick: spec.warmupSteps, label: "warmup end" }, { tick: spec.warmupSteps + spec.decaySteps, label: "decay end" }] : [{ tick: spec.decaySteps, label: "decay end" }];
    case "PolynomialDecay":
      return spec.cycle ? [] : [{ tick: spec.decaySteps, label: "decay end" }];
    default:
      return [];
  }
}

/**
 * The learning rate during each tick: for a schedule object, tick t is optimizer step t and trains with
 * `schedule(t)` in float32; for a `LearningRateScheduler` callback, tick e is epoch e.
 */
export function evaluateKeras(program: KerasProgram, total: number): KerasEvaluation {
  const spec = program.schedule;
  const problems: Problem[] = [];
  let lr: Float64Array;
  let boundaries: Boundary[] = [];
  if (spec.kind === "LearningRateScheduler") {
    lr = learningRateScheduler(spec, total);
  } else {
    lr = new Float64Array(total);
    for (let t = 0; t < total; t++) lr[t] = kerasLrAt(spec, t);
    boundaries = boundariesOf(spec).filter((b) => b.tick > 0 && b.tick < total);
  }
  const bad = lr.findIndex((x) => !Number.isFinite(x));
  if (bad >= 0) problems.push({ severity: "error", code: "not-finite", message: `${spec.name}: the learning rate is ${lr[bad]} from tick ${bad} (Python would raise or Keras would compute it so); not a usable value.`, range: spec.range });
  return { groups: [lr], boundaries, problems };
}
