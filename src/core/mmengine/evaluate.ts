import type { Boundary } from "../curve";
import type { Problem } from "../problem";
import type { ParamGroup } from "../schedule";
import { evaluateMmcv } from "./legacy";
import { GroupState, MmError, type ParamScheduler } from "./scheduler";
import { ConstantScheduler } from "./schedulers/constant";
import { CosineAnnealingScheduler } from "./schedulers/cosineAnnealing";
import { CosineRestartScheduler } from "./schedulers/cosineRestart";
import { ExponentialScheduler } from "./schedulers/exponential";
import { LinearScheduler } from "./schedulers/linear";
import { MultiStepScheduler } from "./schedulers/multiStep";
import { OneCycleScheduler } from "./schedulers/oneCycle";
import { PolyScheduler } from "./schedulers/poly";
import { QuadraticWarmupScheduler } from "./schedulers/quadraticWarmup";
import { ReduceOnPlateauScheduler } from "./schedulers/reduceOnPlateau";
import { StepScheduler } from "./schedulers/step";
import { MM_INF, type MmengineProgram, type MmSchedulerSpec } from "./spec";

export interface MmengineEvaluation {
  groups: Float64Array[];
  momentum?: Float64Array[];
  boundaries: Boundary[];
  problems: Problem[];
}

/**
 * `Runner._build_param_scheduler` (default `end` = max_epochs or max_iters by the entry's `by_epoch`) and
 * `build_scheduler_from_cfg` with `convert_to_iter_based` (`build_iter_from_epoch` of each class: begin,
 * end and the class's own period arguments × epoch length, `by_epoch=False`).
 */
export function buildSpec(spec: MmSchedulerSpec, program: MmengineProgram): MmSchedulerSpec {
  const end = spec.end ?? (spec.byEpoch ? program.maxEpochs : program.maxIters);
  if (!spec.convertToIterBased) return { ...spec, end };
  if (!spec.byEpoch) throw new MmError("invalid-argument", `${spec.name}: only epoch-based parameter scheduler can be converted to iter-based (by_epoch=False with convert_to_iter_based=True)`, spec.range);
  const L = program.epochLength;
  if (!(L > 0)) throw new MmError("steps-per-epoch-unknown", `${spec.name}: convert_to_iter_based needs the iterations per epoch`, spec.range);
  // QuadraticWarmup does not wrap begin/end in int(); the others do (the same for integer inputs).
  const begin = spec.kind === "QuadraticWarmup" ? spec.begin * L : Math.trunc(spec.begin * L);
  const newEnd = end !== MM_INF ? (spec.kind === "QuadraticWarmup" ? end * L : Math.trunc(end * L)) : end;
  const common = { ...spec, begin, end: newEnd, byEpoch: false, convertToIterBased: false };
  switch (spec.kind) {
    case "Step":
      return { ...common, kind: "Step", stepSize: spec.stepSize * L, gamma: spec.gamma };
    case "MultiStep":
      return { ...common, kind: "MultiStep", milestones: spec.milestones.map((m) => m * L), gamma: spec.gamma };
    case "CosineAnnealing":
      return { ...common, kind: "CosineAnnealing", tMax: spec.tMax !== null ? spec.tMax * L : null, etaMin: spec.etaMin, etaMinRatio: spec.etaMinRatio };
    case "OneCycle":
      return { ...common, kind: "OneCycle", totalSteps: spec.totalSteps !== null ? spec.totalSteps * L : null } as MmSchedulerSpec;
    case "CosineRestart":
      return { ...common, kind: "CosineRestart", periods: spec.periods.map((p) => p * L), restartWeights: spec.restartWeights, etaMin: spec.etaMin, etaMinRatio: spec.etaMinRatio };
    default:
      return common;
  }
}

function create(spec: MmSchedulerSpec, groups: GroupState): ParamScheduler {
  const a = [spec.name, spec.param, spec.begin, spec.end!, spec.byEpoch, groups, spec.range] as const;
  switch (spec.kind) {
    case "Linear":
      return new LinearScheduler(...a).configure(spec.startFactor, spec.endFactor);
    case "Constant":
      return new ConstantScheduler(...a).configure(spec.factor);
    case "Step":
      return new StepScheduler(...a).configure(spec.stepSize, spec.gamma);
    case "MultiStep":
      return new MultiStepScheduler(...a).configure(spec.milestones, spec.gamma);
    case "Exponential":
      return new ExponentialScheduler(...a).configure(spec.gamma);
    case "CosineAnnealing":
      return new CosineAnnealingScheduler(...a).configure(spec.tMax, spec.etaMin, spec.etaMinRatio);
    case "Poly":
      return new PolyScheduler(...a).configure(spec.etaMin, spec.power);
    case "OneCycle":
      if (spec.param !== "lr") throw new MmError("invalid-argument", `${spec.name}: OneCycle only works for learning rate updating`, spec.range);
      return new OneCycleScheduler(...a).configure(spec.etaMax, spec.totalSteps, spec.pctStart, spec.annealStrategy, spec.divFactor, spec.finalDivFactor, spec.threePhase);
    case "CosineRestart":
      return new CosineRestartScheduler(...a).configure(spec.periods, spec.restartWeights, spec.etaMin, spec.etaMinRatio);
    case "QuadraticWarmup":
      return new QuadraticWarmupScheduler(...a).configure();
    case "ReduceOnPlateau":
      return new ReduceOnPlateauScheduler(...a);
  }
}

/**
 * Runs an OpenMMLab config's schedule one iteration per tick: builds `param_scheduler` in list order on
 * one optimizer (each constructor steps once), then for each iteration records the values in effect and
 * steps as `ParamSchedulerHook` does — `after_train_iter` steps the iteration-based schedulers in order,
 * `after_train_epoch` (every `epochLength` iterations of an epoch-based loop; never during an
 * iteration-based loop, which is one big epoch) the epoch-based ones. What MMEngine would raise becomes an
 * error problem and the last value is held.
 */
export function evaluateMmengine(program: MmengineProgram, groups: readonly ParamGroup[], total: number): MmengineEvaluation {
  const problems: Problem[] = [];
  const n = groups.length;
  const state = new GroupState(n);
  const lr = state.get("lr");
  const mom = state.get("momentum");
  groups.forEach((g, i) => {
    lr[i] = g.lr.value;
    if (g.momentum) mom[i] = g.momentum.value;
  });
  const hasMomentum = groups.some((g) => g.momentum !== undefined) || program.schedulers.some((s) => s.param === "momentum");
  if (hasMomentum) for (let g = 0; g < n; g++) if (Number.isNaN(mom[g])) mom[g] = 0;
  const boundaries: Boundary[] = [];

  if (program.legacy) {
    try {
      const out = evaluateMmcv(program.legacy, groups.map((g) => g.lr.value), total, program);
      return { groups: out, boundaries: legacyBoundaries(program, total), problems };
    } catch (e) {
      problems.push(problemOf(e, "lr_config"));
      return { groups: groups.map((g) => new Float64Array(total).fill(g.lr.value)), boundaries, problems };
    }
  }

  const built: ParamScheduler[] = [];
  for (const spec of program.schedulers) {
    try {
      const b = buildSpec(spec, program);
      const s = create(b, state);
      s.init();
      built.push(s);
      const scale = b.byEpoch ? (program.loop === "epoch" ? program.epochLength : Number.NaN) : 1;
      const mark = (tick: number, label: string): void => {
        if (Number.isFinite(tick) && tick > 0 && tick < total) boundaries.push({ tick, label });
      };
      mark(b.begin * scale, `${spec.name} begins`);
      if (b.end !== undefined && b.end < MM_INF) mark(b.end * scale, `${spec.name} ends`);
      if (b.kind === "MultiStep") for (const m of b.milestones) mark((b.begin + m) * scale, `${spec.name} milestone`);
      if (b.kind === "ReduceOnPlateau") problems.push({ severity: "info", code: "plateau-flat", message: `${spec.name} lowers the ${spec.param} only when the validation metric stops improving; it is drawn flat.`, range: spec.range });
    } catch (e) {
      problems.push(problemOf(e, spec.name));
    }
  }
  const byIter = built.filter((s) => !s.byEpoch);
  const byEpoch = program.loop === "epoch" ? built.filter((s) => s.byEpoch) : [];
  const L = program.epochLength;
  if (byEpoch.length > 0 && !(L > 0)) problems.push({ severity: "error", code: "steps-per-epoch-unknown", message: "Epoch-based schedulers step after every epoch: the iterations per epoch are needed." });

  const lrs = Array.from({ length: n }, () => new Float64Array(total));
  const moms = hasMomentum ? Array.from({ length: n }, () => new Float64Array(total)) : [];
  let t = 0;
  try {
    for (; t < total; t++) {
      for (let g = 0; g < n; g++) lrs[g]![t] = lr[g]!;
      for (let g = 0; g < moms.length; g++) moms[g]![t] = mom[g]!;
      for (const s of byIter) s.step();
      if (byEpoch.length > 0 && (t + 1) % L === 0) for (const s of byEpoch) s.step();
    }
  } catch (e) {
    problems.push(problemOf(e, "step()", ` — after iteration ${t}; held from there`));
    for (const xs of [...lrs, ...moms]) xs.fill(xs[t]!, t + 1);
  }
  for (const [what, series] of [["learning rate", lrs], ["momentum", moms]] as const) {
    series.forEach((xs, g) => {
      for (let i = 0; i < xs.length; i++) {
        if (!Number.isFinite(xs[i]!)) {
          problems.push({ severity: "error", code: "not-finite", message: `The ${what} of param group ${g} is ${xs[i]} from iteration ${i}.` });
          return;
        }
      }
    });
  }
  const seen = new Set<string>();
  const uniq = boundaries.filter((b) => (seen.has(`${b.tick}|${b.label}`) ? false : (seen.add(`${b.tick}|${b.label}`), true))).sort((a, b) => a.tick - b.tick);
  const result: MmengineEvaluation = { groups: lrs, boundaries: uniq, problems };
  if (hasMomentum) result.momentum = moms;
  return result;
}

function legacyBoundaries(program: MmengineProgram, total: number): Boundary[] {
  const spec = program.legacy!;
  const out: Boundary[] = [];
  if (spec.warmup) {
    const w = spec.warmup.byEpoch ? spec.warmup.iters * program.epochLength : spec.warmup.iters;
    if (w > 0 && w < total) out.push({ tick: w, label: "warmup ends" });
  }
  if (spec.policy === "Step" && typeof spec.step !== "number") {
    for (const s of spec.step) {
      const tick = spec.byEpoch ? s * program.epochLength : s;
      if (tick > 0 && tick < total) out.push({ tick, label: "step" });
    }
  }
  return out.sort((a, b) => a.tick - b.tick);
}

function problemOf(e: unknown, context: string, where = ""): Problem {
  if (e instanceof MmError) return { severity: "error", code: e.code, message: e.message + where, range: e.range };
  return { severity: "error", code: "scheduler-error", message: `${context}: ${e instanceof Error ? e.message : String(e)}${where}` };
}
