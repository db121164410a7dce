import type { Boundary } from "../curve";
import type { Problem } from "../problem";
import type { ParamGroup } from "../schedule";
import { createCosine } from "./cosine";
import { cycleEnds } from "./cycles";
import { createMultiStep } from "./multistep";
import { createPlateau } from "./plateau";
import { createPoly } from "./poly";
import { TimmError, type TimmScheduler } from "./scheduler";
import type { TimmProgram } from "./spec";
import { createStep } from "./step";
import { createTanh } from "./tanh";

/** At most this many boundaries are returned (a step schedule decaying every 2.4 epochs marks hundreds). */
export const MAX_TIMM_BOUNDARIES = 500;

export interface TimmEvaluation {
  groups: Float64Array[];
  boundaries: Boundary[];
  problems: Problem[];
}

/** The scheduler `create_scheduler_v2` constructs for a program (timm/scheduler/scheduler_factory.py). */
export function createTimmScheduler(program: TimmProgram, base: readonly number[]): TimmScheduler {
  const s = program.scheduler;
  switch (s.kind) {
    case "cosine":
      return createCosine(s, program.warmup, base);
    case "tanh":
      return createTanh(s, program.warmup, base);
    case "poly":
      return createPoly(s, program.warmup, base);
    case "step":
      return createStep(s, program.warmup, base);
    case "multistep":
      return createMultiStep(s, program.warmup, base);
    case "plateau":
      return createPlateau(s, { ...program.warmup, warmupPrefix: false }, base);
    case "none":
      return { initial: [...base], lr: (_t, g) => base[g]! };
  }
}

/**
 * Runs a timm schedule as train.py does: tick 0 has what construction leaves in the optimizer; after each
 * tick t the loop calls `step(t + 1)` (per epoch) or `step_update(t + 1)` (per update, `num_updates` counted
 * first), so tick t ≥ 1 has `_get_lr(t)`. Noise is random and left out (the reader says so). An exception timm
 * would raise becomes an error problem and the last value is held.
 */
export function evaluateTimm(program: TimmProgram, groups: readonly ParamGroup[], total: number): TimmEvaluation {
  const base = groups.map((g) => g.lr.value);
  const n = base.length;
  const lrs = Array.from({ length: n }, () => new Float64Array(total));
  const problems: Problem[] = [];
  let scheduler: TimmScheduler;
  try {
    scheduler = createTimmScheduler(program, base);
  } catch (e) {
    problems.push(problemOf(e, "constructing the scheduler"));
    lrs.forEach((xs, g) => xs.fill(base[g]!));
    return { groups: lrs, boundaries: [], problems };
  }
  let t = 0;
  try {
    for (let g = 0; g < n && total > 0; g++) lrs[g]![0] = scheduler.initial[g]!;
    for (t = 1; t < total; t++) for (let g = 0; g < n; g++) lrs[g]![t] = scheduler.lr(t, g);
  } catch (e) {
    // step(t) raised after tick t - 1: the run stops, tick t - 1's values are the last ones.
    problems.push(problemOf(e, `step(${t})`, ` — at tick ${t}; held from there`));
    for (const xs of lrs) xs.fill(xs[t - 1]!, t);
  }
  checkFinite(lrs, problems);
  return { groups: lrs, boundaries: boundaries(program, lrs[0], total), problems };
}

function problemOf(e: unknown, context: string, where = ""): Problem {
  if (e instanceof TimmError) return { severity: "error", code: e.code, message: e.message + where };
  return { severity: "error", code: "scheduler-error", message: `${context}: ${e instanceof Error ? e.message : String(e)}` };
}

function checkFinite(series: readonly Float64Array[], problems: Problem[]): void {
  series.forEach((xs, g) => {
    for (let t = 0; t < xs.length; t++) {
      const x = xs[t]!;
      if (x - x !== 0) {
        problems.push({ severity: "error", code: "not-finite", message: `The learning rate of param group ${g} is ${x} from tick ${t}: timm would compute it the same way, but it is not a usable value.` });
        return;
      }
    }
  });
}

/** Warmup end, restarts and the start of the cooldown, decays of step schedules, the noise window. */
function boundaries(program: TimmProgram, lr: Float64Array | undefined, total: number): Boundary[] {
  const out: Boundary[] = [];
  const { warmup, scheduler: s } = program;
  if (warmup.warmupT > 0 && s.kind !== "none") out.push({ tick: Math.ceil(warmup.warmupT), label: "warmup ends" });
  if (s.kind === "cosine" || s.kind === "tanh" || s.kind === "poly") {
    const ends = cycleEnds(s.tInitial, s, warmup, total);
    const cycles = Math.max(1, s.cycleLimit || 0);
    ends.forEach((tick, i) => out.push({ tick, label: i + 1 < cycles ? `restart (cycle ${i + 2})` : "cycles end: min_lr (cooldown)" }));
  } else if ((s.kind === "step" || s.kind === "multistep") && lr) {
    const from = Math.max(1, Math.ceil(warmup.warmupT) + 1);
    for (let t = from; t < total && out.length < MAX_TIMM_BOUNDARIES; t++) if (lr[t] !== lr[t - 1]) out.push({ tick: t, label: `× ${s.decayRate} (decay)` });
  }
  const noise = program.noise;
  if (noise) {
    const [start, end] = typeof noise.rangeT === "number" ? [noise.rangeT, undefined] : noise.rangeT;
    out.push({ tick: Math.ceil(start), label: `noise on (±${noise.pct * 100}%)` });
    if (end !== undefined) out.push({ tick: Math.ceil(end), label: "noise off" });
  }
  const seen = new Set<string>();
  return out
    .filter((b) => b.tick > 0 && b.tick < total && !seen.has(`${b.tick}:${b.label}`) && (seen.add(`${b.tick}:${b.label}`), true))
    .sort((a, b) => a.tick - b.tick)
    .slice(0, MAX_TIMM_BOUNDARIES);
}
