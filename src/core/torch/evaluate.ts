import type { Boundary } from "../curve";
import type { Problem } from "../problem";
import type { ParamGroup } from "../schedule";
import { createScheduler } from "./create";
import { OptimizerState } from "./optimizer";
import { BoundarySink, TorchError, type SchedulerContext, type TorchScheduler } from "./scheduler";
import type { TorchProgram } from "./spec";

/** At most this many boundaries are returned (a CyclicLR over a long run would otherwise mark every peak). */
export const MAX_BOUNDARIES = 500;

export interface TorchEvaluation {
  /** `groups[g][t]`: LR of param group g during tick t. */
  groups: Float64Array[];
  /** Momentum (or β1) per group, when a group has one or a scheduler cycles it. */
  momentum?: Float64Array[];
  boundaries: Boundary[];
  problems: Problem[];
}

/**
 * Runs a PyTorch script's schedule as PyTorch does: constructs `program.schedulers` in script order on one
 * optimizer state (construction itself changes the LR), then for each tick records every group's LR and
 * momentum — the values in effect while that tick trains — and calls `step()` on `program.stepped` in
 * order. An exception PyTorch would raise becomes an error problem and the last value is held.
 */
export function evaluateTorch(program: TorchProgram, groups: readonly ParamGroup[], total: number): TorchEvaluation {
  const opt = new OptimizerState(groups);
  const events = new BoundarySink();
  const ctx: SchedulerContext = { opt, events, legacyInitial: /^1\./.test(program.torchVersion ?? "") };
  const problems: Problem[] = [];

  const built: (TorchScheduler | undefined)[] = [];
  program.schedulers.forEach((spec, index) => {
    try {
      built.push(createScheduler(spec, index, built, ctx, problems));
    } catch (e) {
      built.push(undefined);
      problems.push(problemOf(e, `${spec.name}: ${spec.kind}(...) raises`));
    }
  });
  const stepped: TorchScheduler[] = [];
  for (const i of program.stepped) {
    const scheduler = built[i];
    if (scheduler !== undefined) stepped.push(scheduler);
    else if (i < 0 || i >= built.length) problems.push({ severity: "error", code: "invalid-program", message: `The training loop steps scheduler #${i}, which the script does not construct.` });
  }

  // `scheduler.step(epoch)`: one scheduler, stepped to the epoch the loop passes after each tick.
  const epochScheduler = program.stepEpoch ? stepped[0] : undefined;
  let stepEpoch = epochScheduler?.stepEpoch?.bind(epochScheduler);
  const stepEpochAt = program.stepEpoch?.at;
  if (program.stepEpoch && (stepped.length !== 1 || !stepEpoch)) {
    // The reader never asks for this; held at the constructor's values rather than drawn as step().
    problems.push({ severity: "error", code: "invalid-program", message: `${program.stepEpoch.text}: step(epoch) is evaluated for one scheduler with a closed form or CosineAnnealingWarmRestarts only.`, range: program.stepEpoch.range });
    stepped.length = 0;
    stepEpoch = undefined;
  }

  const n = opt.size;
  // A group without a momentum of its own, next to groups that have one, has SGD's default: 0.
  if (opt.tracksMomentum) for (let g = 0; g < n; g++) if (Number.isNaN(opt.momentum[g])) opt.momentum[g] = 0;
  const lrs = Array.from({ length: n }, () => new Float64Array(total));
  const moms = opt.tracksMomentum ? Array.from({ length: n }, () => new Float64Array(total)) : [];
  const m = moms.length;
  let t = 0;
  try {
    const lr = opt.lr;
    const mom = opt.momentum;
    const count = stepped.length;
    const every = Math.max(1, Math.floor(program.stepEvery ?? 1));
    for (; t < total; t++) {
      for (let g = 0; g < n; g++) lrs[g]![t] = lr[g]!;
      for (let g = 0; g < m; g++) moms[g]![t] = mom[g]!;
      events.tick = t + 1;
      if (every !== 1 && (t + 1) % every !== 0) continue;
      if (stepEpoch && stepEpochAt) stepEpoch(stepEpochAt(t));
      else for (let k = 0; k < count; k++) stepped[k]!.step();
    }
  } catch (e) {
    // The run stops here: tick t was trained, the ones after it never are. Hold tick t's values.
    problems.push(problemOf(e, `scheduler.step() after tick ${t} raises`, ` — after tick ${t}; held from there`));
    for (const xs of [...lrs, ...moms]) xs.fill(xs[t]!, t + 1);
  }

  checkFinite(lrs, "learning rate", problems);
  const result: TorchEvaluation = { groups: lrs, boundaries: boundaries(events, total), problems };
  if (opt.tracksMomentum) {
    checkFinite(moms, "momentum", problems);
    result.momentum = moms;
  }
  return result;
}

function problemOf(e: unknown, context: string, where = ""): Problem {
  if (e instanceof TorchError) return { severity: "error", code: e.code, message: e.message + where, range: e.range };
  return { severity: "error", code: "scheduler-error", message: `${context}: ${e instanceof Error ? e.message : String(e)}` };
}

function checkFinite(series: readonly Float64Array[], what: string, problems: Problem[]): void {
  series.forEach((xs, g) => {
    for (let t = 0; t < xs.length; t++) {
      const x = xs[t]!;
      // x - x is 0 for finite x, NaN for NaN and ±Infinity: one comparison per tick.
      if (x - x !== 0) {
        problems.push({ severity: "error", code: "not-finite", message: `The ${what} of param group ${g} is ${x} from tick ${t}: PyTorch would compute it the same way, but it is not a usable value.` });
        return;
      }
    }
  });
}

/** Boundaries inside (0, total), one per tick and label, in tick order, capped. */
function boundaries(events: BoundarySink, total: number): Boundary[] {
  const seen = new Set<string>();
  const out: Boundary[] = [];
  for (let i = 0; i < events.ticks.length && out.length < MAX_BOUNDARIES; i++) {
    const tick = events.ticks[i]!;
    const label = events.labels[i]!;
    if (tick <= 0 || tick >= total) continue;
    const key = `${tick}\u0000${label}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ tick, label });
  }
  return out.sort((a, b) => a.tick - b.tick);
}
