import type { Problem } from "../../core/problem";
import type { SourceRange } from "../../core/range";
import type { PaddleSchedulerSpec } from "../../core/paddle/spec";
import { derived, literal, userInput, type Value } from "../../core/value";
import type { Inputs } from "../index";
import { Args, pyNum, pyRound, type PyNum } from "./args";
import { momentumOf, StepsPerEpoch, type SuiteGroup, type SuiteResult } from "./suite";
import { asMap, entryOf, get, type PMap, type PNode } from "./yaml";

const SRC = "ppcls/optimizer/learning_rate.py";
const F = (v: number): { v: number; int: boolean } => ({ v, int: false });
const I = (v: number): { v: number; int: boolean } => ({ v, int: true });

interface ClasLr {
  readonly spec: PaddleSchedulerSpec;
  readonly byEpoch: boolean;
  readonly lr: Value;
  readonly warmupSteps: number;
  readonly milestones: readonly number[];
}

/**
 * PaddleClas (develop, ≈ paddleclas 2.6): `build_lr_scheduler` (ppcls/optimizer/__init__.py) calls the
 * `Optimizer.lr.name` class of ppcls/optimizer/learning_rate.py with `epochs=Global.epochs` and
 * `step_each_epoch = iter_per_epoch // update_freq`; the train loop (ppcls/engine/train/train.py) steps
 * every scheduler after each optimizer update unless it has `by_epoch`, then once after each epoch.
 */
export function readClas(root: PMap, inputs: Inputs, file: string, wholeFile: SourceRange): { result?: SuiteResult; fatal: Problem[] } {
  const fatal: Problem[] = [];
  const problems: Problem[] = [];
  const global = asMap(get(root, "Global"));
  const g = new Args(global, "Global", "ppcls engine", true, entryOf(root, "Global")?.keyRange);
  const epochsNum = g.num("epochs");
  fatal.push(...g.problems);
  if (!epochsNum) return { fatal };
  let epochs: Value = epochsNum.value;
  let epochsPy = epochsNum;
  if (inputs.epochs !== undefined) {
    epochs = userInput(inputs.epochs, "--epochs");
    epochsPy = pyNum(inputs.epochs, true, epochs);
  }
  // Engine: iter_per_epoch = len(train_dataloader) or Global.iter_per_epoch, cut to a multiple of update_freq.
  const ipeNode = g.has("iter_per_epoch") ? g.num("iter_per_epoch", I(0)) : undefined;
  let updateFreq = g.num("update_freq", I(1))!.v;
  const speSource = new StepsPerEpoch(inputs, ipeNode && ipeNode.v ? ipeNode : undefined, entryOf(root, "Global")?.keyRange ?? wholeFile);
  const iterPerEpoch = (): number | undefined => {
    const s = speSource.get();
    if (!s) return undefined;
    if (s.v < updateFreq) updateFreq = 1;
    return Math.floor(s.v / updateFreq) * updateFreq;
  };
  const stepEach = (): PyNum | undefined => {
    const ipe = iterPerEpoch();
    if (ipe === undefined) return undefined;
    return pyNum(Math.floor(ipe / updateFreq), true, updateFreq === 1 ? speSource.value! : derived(Math.floor(ipe / updateFreq), `${ipe} iterations per epoch // update_freq ${updateFreq}`, [speSource.value!]));
  };

  const optNode = get(root, "Optimizer");
  const optimizers: { name: string; cfg: PMap; range: SourceRange }[] = [];
  if (optNode?.kind === "map") {
    const name = get(optNode, "name");
    optimizers.push({ name: name?.kind === "scalar" && typeof name.value === "string" ? name.value : "Momentum", cfg: optNode, range: entryOf(root, "Optimizer")!.keyRange });
  } else if (optNode?.kind === "seq") {
    for (const item of optNode.items) {
      if (item.kind !== "map" || item.entries.length === 0) continue;
      const e = item.entries[0]!;
      if (e.value.kind === "map") optimizers.push({ name: e.key, cfg: e.value, range: e.keyRange });
    }
  }
  if (optimizers.length === 0) return { fatal: [{ severity: "error", code: "no-optimizer", message: "No Optimizer in this PaddleClas config: build_optimizer needs one.", range: wholeFile }] };

  const groups: SuiteGroup[] = [];
  let unit: "step" | "epoch" = "step";
  for (const [i, o] of optimizers.entries()) {
    const lrEntry = entryOf(o.cfg, "lr");
    if (!lrEntry) {
      fatal.push({ severity: "error", code: "no-lr", message: `Optimizer ${o.name} has no lr (build_optimizer pops it: KeyError).`, range: o.range });
      continue;
    }
    const built = buildClasLr(lrEntry.value, lrEntry.keyRange, epochsPy, stepEach, problems, fatal);
    if (!built) continue;
    if (i === 0) unit = built.byEpoch ? "epoch" : "step";
    else if (built.byEpoch !== (unit === "epoch")) problems.push({ severity: "warning", code: "mixed-by-epoch", message: `Optimizer ${o.name} steps its LR ${built.byEpoch ? "per epoch" : "per iteration"}, unlike the first; its curve is drawn on the first's ticks.`, range: lrEntry.keyRange });
    const spe = speSource.value;
    const boundaries: { tick: number; label: string }[] = [];
    const scale = built.byEpoch ? 1 : updateFreq;
    if (built.warmupSteps > 0) boundaries.push({ tick: built.warmupSteps * scale, label: "warmup ends" });
    for (const m of built.milestones) boundaries.push({ tick: m * scale, label: "decay" });
    void spe;
    groups.push({ scheduler: built.spec, stepEvery: built.byEpoch ? 1 : updateFreq, group: { lr: built.lr, ...momentumOf(o.cfg, o.name, "ppcls") }, boundaries });
  }
  if (fatal.length > 0 || groups.length === 0) return { fatal };

  let total: Value | undefined;
  let stepsPerEpoch: Value | undefined;
  if (unit === "epoch") total = epochs;
  else {
    const ipe = iterPerEpoch();
    if (ipe !== undefined) {
      stepsPerEpoch = ipe === speSource.value!.value ? speSource.value! : derived(ipe, `${speSource.value!.value} // update_freq ${updateFreq} × ${updateFreq}`, [speSource.value!]);
      total = derived(epochs.value * ipe, `Global.epochs ${epochs.value} × ${ipe} iterations per epoch`, [epochs, stepsPerEpoch]);
    }
  }
  const assumptions = [];
  const a = speSource.assumption();
  if (a) assumptions.push(a);
  if (updateFreq > 1) problems.push({ severity: "info", code: "update-freq", message: `Global.update_freq ${updateFreq}: the LR is stepped once every ${updateFreq} iterations (one optimizer update).`, range: entryOf(global, "update_freq")?.keyRange });
  void file;
  return {
    fatal,
    result: { name: "Optimizer.lr", unit, groups, epochs, total, stepsPerEpoch, source: optimizers[0]!.range, problems, assumptions },
  };
}

/** One `Optimizer.lr` → the Paddle scheduler the ppcls class builds. */
function buildClasLr(node: PNode, range: SourceRange, epochs: PyNum, stepEach: () => PyNum | undefined, problems: Problem[], fatal: Problem[]): ClasLr | undefined {
  if (node.kind !== "map") {
    fatal.push({ severity: "error", code: "lr-not-dict", message: "Optimizer.lr must be a dict (build_lr_scheduler calls lr_config.update: AttributeError).", range: node.range });
    return undefined;
  }
  const nameNode = get(node, "name");
  const a = new Args(node, `Optimizer.lr`, "ppcls", true, range);
  if (!nameNode) {
    const lr = a.num("learning_rate");
    fatal.push(...a.problems);
    if (!lr) return undefined;
    return { spec: { kind: "Constant", learningRate: lr.v }, byEpoch: false, lr: lr.value, warmupSteps: 0, milestones: [] };
  }
  const name = nameNode.kind === "scalar" && typeof nameNode.value === "string" ? nameNode.value : "";
  a.used.add("name");
  const owner = `Optimizer.lr (${name})`;
  const args = new Args(node, owner, `ppcls ${name}`, true, range);
  const spe = (): number => {
    const s = stepEach();
    return s ? s.v : Number.NaN;
  };
  const byEpoch = args.bool("by_epoch", false);
  const out = (spec: PaddleSchedulerSpec | undefined, lr: Value | undefined, warmupSteps: number, milestones: number[] = [], be = byEpoch): ClasLr | undefined => {
    fatal.push(...args.problems.filter((p) => p.severity === "error"));
    problems.push(...args.problems.filter((p) => p.severity !== "error"));
    if (!spec || !lr || args.problems.some((p) => p.severity === "error")) return undefined;
    return { spec, byEpoch: be, lr, warmupSteps, milestones };
  };
  const noKwargs = (allowed: string[]): boolean => {
    // epochs / step_each_epoch are overwritten by build_lr_scheduler's lr_config.update, so they may be written.
    const unknown = args.unknownKeys(["name", "epochs", "step_each_epoch", ...allowed]);
    if (unknown.length === 0) return true;
    fatal.push({ severity: "error", code: "unexpected-argument", message: `${name}.__init__() got an unexpected keyword argument '${unknown[0]}' (TypeError)`, range: node.range });
    return false;
  };

  // LRBase.__init__: warmup_epoch capped at epochs; warmup_steps = warmup_epoch if by_epoch else round(warmup_epoch × step_each_epoch).
  const base = (learningRate: PyNum | undefined, warmupDefault = 0): { warmupEpoch: PyNum; warmupSteps: number; startLr: number } => {
    let warmupEpoch = args.num("warmup_epoch", I(warmupDefault))!;
    if (warmupEpoch.v >= epochs.v) {
      problems.push({ severity: "warning", code: "warmup-longer-than-training", message: `warmup_epoch ${warmupEpoch.v} ≥ Global.epochs ${epochs.v}: PaddleClas sets warmup_epoch to ${epochs.v}.`, range: warmupEpoch.value.range ?? range });
      warmupEpoch = epochs;
    }
    const warmupSteps = byEpoch ? warmupEpoch.v : pyRound(warmupEpoch.v * spe());
    void learningRate;
    return { warmupEpoch, warmupSteps, startLr: args.num("warmup_start_lr", F(0.0))!.v };
  };
  const warm = (inner: PaddleSchedulerSpec, steps: number, startLr: number, endLr: number): PaddleSchedulerSpec => (steps > 0 ? { kind: "LinearWarmup", learningRate: inner, warmupSteps: steps, startLr, endLr } : inner);
  const isInt = (x: number, int: boolean): boolean => int && Number.isInteger(x);

  switch (name) {
    case "Constant": {
      // An LRScheduler itself (returned as is, no by_epoch attribute): stepped per update, always learning_rate.
      const lr = args.num("learning_rate");
      return out(lr ? { kind: "Constant", learningRate: lr.v } : undefined, lr?.value, 0, [], false);
    }
    case "ConstLR": {
      const lr = args.num("learning_rate");
      if (!lr) return out(undefined, undefined, 0);
      const b = base(lr);
      return out(warm({ kind: "Constant", learningRate: lr.v }, b.warmupSteps, b.startLr, lr.v), lr.value, b.warmupSteps);
    }
    case "Linear": {
      const lr = args.num("learning_rate");
      if (!lr) return out(undefined, undefined, 0);
      const b = base(lr);
      const endLr = args.num("end_lr", F(0.0))!.v;
      const power = args.num("power", F(1.0))!.v;
      const cycle = args.bool("cycle", false);
      // Linear sets warmup_steps = round(warmup_epoch × step_each_epoch) again, even with by_epoch.
      const warmupSteps = pyRound(b.warmupEpoch.v * spe());
      const decay = byEpoch ? epochs.v - b.warmupEpoch.v : (epochs.v - b.warmupEpoch.v) * spe();
      if (decay > 0 && !isInt(decay, epochs.int && b.warmupEpoch.int)) fatal.push({ severity: "error", code: "argument-not-int", message: `Linear: decay_steps = ${decay} is not a Python int; PolynomialDecay asserts an int.`, range: b.warmupEpoch.value.range ?? range });
      const inner: PaddleSchedulerSpec = decay > 0 ? { kind: "PolynomialDecay", learningRate: lr.v, decaySteps: decay, endLr, power, cycle } : { kind: "Constant", learningRate: lr.v };
      return out(warm(inner, warmupSteps, b.startLr, lr.v), lr.value, warmupSteps);
    }
    case "Cosine": {
      const lr = args.num("learning_rate");
      if (!lr) return out(undefined, undefined, 0);
      const b = base(lr);
      const etaMin = args.num("eta_min", F(0.0))!.v;
      const tMax = byEpoch ? epochs.v - b.warmupEpoch.v : (epochs.v - b.warmupEpoch.v) * spe();
      if (tMax > 0 && !isInt(tMax, epochs.int && b.warmupEpoch.int)) fatal.push({ severity: "error", code: "argument-not-int", message: `Cosine: T_max = (epochs - warmup_epoch)${byEpoch ? "" : " × step_each_epoch"} = ${tMax} is not a Python int; CosineAnnealingDecay raises TypeError.`, range: b.warmupEpoch.value.range ?? range });
      const inner: PaddleSchedulerSpec = tMax > 0 ? { kind: "CosineAnnealingDecay", learningRate: lr.v, tMax, etaMin } : { kind: "Constant", learningRate: lr.v };
      return out(warm(inner, b.warmupSteps, b.startLr, lr.v), lr.value, b.warmupSteps);
    }
    case "Cyclic": {
      if (!noKwargs(["base_learning_rate", "max_learning_rate", "warmup_epoch", "warmup_start_lr", "step_size_up", "step_size_down", "mode", "exp_gamma", "scale_fn", "scale_mode", "by_epoch", "last_epoch", "verbose"])) return undefined;
      const baseLr = args.num("base_learning_rate");
      const maxLr = args.num("max_learning_rate");
      const warmupGiven = args.num("warmup_epoch");
      const startGiven = args.num("warmup_start_lr");
      const up = args.num("step_size_up");
      if (!baseLr || !maxLr || !warmupGiven || !startGiven || !up) return out(undefined, undefined, 0);
      const b = base(baseLr);
      const downNode = args.raw("step_size_down");
      const down = downNode && !(downNode.kind === "scalar" && downNode.value === null) ? args.num("step_size_down")?.v ?? null : null;
      const mode = args.str("mode", "triangular")!;
      const g = args.num("exp_gamma", F(1.0))!;
      if (mode !== "triangular" && mode !== "triangular2" && mode !== "exp_range") return out(undefined, undefined, 0);
      if (g.int) fatal.push({ severity: "error", code: "argument-not-float", message: "Cyclic: exp_gamma must be a float (CyclicLR raises TypeError).", range: g.value.range });
      return out(warm({ kind: "CyclicLR", baseLearningRate: baseLr.v, maxLearningRate: maxLr.v, stepSizeUp: up.v, stepSizeDown: down, mode, expGamma: g.v }, b.warmupSteps, b.startLr, baseLr.v), baseLr.value, b.warmupSteps);
    }
    case "Step": {
      const lr = args.num("learning_rate");
      const stepSize = args.num("step_size");
      const gamma = args.num("gamma");
      if (!lr || !stepSize || !gamma) return out(undefined, undefined, 0);
      const b = base(lr);
      const size = byEpoch ? stepSize.v : Math.trunc(stepSize.v * spe());
      if (byEpoch && !stepSize.int) fatal.push({ severity: "error", code: "argument-not-int", message: "Step with by_epoch: step_size must be a Python int (StepDecay raises TypeError).", range: stepSize.value.range });
      return out(warm({ kind: "StepDecay", learningRate: lr.v, stepSize: size, gamma: gamma.v }, b.warmupSteps, b.startLr, lr.v), lr.value, b.warmupSteps);
    }
    case "Piecewise": {
      let decayEpochs = args.nums("decay_epochs")?.map((x) => x.v);
      let values = args.nums("values")?.map((x) => x.v);
      const lrGiven = args.has("learning_rate") ? args.num("learning_rate") : undefined;
      let lrValue: Value | undefined = args.nums("values")?.[0]?.value;
      if (lrGiven && lrGiven.v) {
        // learning_rate given: decay ×0.1 every 30 epochs (ppcls Piecewise).
        const starts: number[] = [];
        for (let e = 0; e < epochs.v; e += 30) starts.push(e);
        values = starts.map((_, i) => lrGiven.v * 0.1 ** i);
        if (starts.length === 1) {
          decayEpochs = [epochs.v];
          values = [values[0]!, values[0]!];
        } else decayEpochs = starts.slice(1);
        lrValue = lrGiven.value;
        problems.push({ severity: "info", code: "piecewise-learning-rate", message: `Piecewise with learning_rate: PaddleClas decays it ×0.1 every 30 epochs (decay_epochs ${JSON.stringify(decayEpochs)}), ignoring decay_epochs and values.`, range: lrGiven.value.range });
      }
      if (!decayEpochs || !values || values.length === 0) {
        fatal.push({ severity: "error", code: "argument-missing", message: "Piecewise needs decay_epochs and values (or learning_rate).", range });
        return undefined;
      }
      const b = base(undefined);
      const boundaries = byEpoch ? decayEpochs : decayEpochs.map((e) => e * spe());
      return out(warm({ kind: "PiecewiseDecay", boundaries, values }, b.warmupSteps, b.startLr, values[0]!), lrValue ?? literal(values[0]!, range), b.warmupSteps, boundaries);
    }
    case "MultiStepDecay": {
      const lr = args.num("learning_rate");
      const milestones = args.nums("milestones")?.map((x) => x.v);
      if (!lr || !milestones) {
        if (!milestones) fatal.push({ severity: "error", code: "argument-missing", message: "MultiStepDecay needs milestones.", range });
        return out(undefined, undefined, 0);
      }
      const gamma = args.num("gamma", F(0.1))!.v;
      const b = base(lr);
      const ms = byEpoch ? milestones : milestones.map((m) => m * spe());
      return out(warm({ kind: "MultiStepDecay", learningRate: lr.v, milestones: ms, gamma }, b.warmupSteps, b.startLr, lr.v), lr.value, b.warmupSteps, ms);
    }
    case "ReduceOnPlateau": {
      const lr = args.num("learning_rate");
      if (!lr) return out(undefined, undefined, 0);
      const b = base(lr);
      if (b.warmupSteps > 0) {
        // ppcls replaces get_lr of the LinearWarmup by `return self.last_lr`: the warmup never moves.
        problems.push({ severity: "warning", code: "plateau-warmup-frozen", message: "ReduceOnPlateau with warmup: PaddleClas overrides the LinearWarmup's get_lr to return last_lr, so the LR stays at warmup_start_lr.", range });
        return out({ kind: "Constant", learningRate: b.startLr }, lr.value, 0);
      }
      if (!byEpoch) {
        fatal.push({ severity: "error", code: "plateau-needs-metric", message: "ReduceOnPlateau without by_epoch: the train loop calls step() without a metric (TypeError); set by_epoch: True.", range });
        return undefined;
      }
      problems.push({ severity: "info", code: "plateau-flat", message: "ReduceOnPlateau lowers the LR only when the evaluation metric stops improving; it is drawn flat.", range });
      return out({ kind: "Constant", learningRate: lr.v }, lr.value, 0);
    }
    case "CosineFixmatch": {
      if (!noKwargs(["learning_rate", "num_warmup_steps", "num_cycles", "last_epoch", "by_epoch"])) return undefined;
      const lr = args.num("learning_rate");
      const nws = args.num("num_warmup_steps");
      if (!lr || !nws) return out(undefined, undefined, 0);
      const cycles = args.num("num_cycles", F(7 / 16))!.v;
      const total = epochs.v * spe();
      const w = nws.v;
      const fn = (step: number): number => {
        if (step < w) return step / Math.max(1, w);
        const noProgress = (step - w) / Math.max(1, total - w);
        return Math.max(0, Math.cos(Math.PI * cycles * noProgress));
      };
      return out({ kind: "LambdaDecay", learningRate: lr.v, lambdaText: `CosineFixmatch(num_warmup_steps=${w}, num_cycles=${cycles})`, lambda: fn }, lr.value, w);
    }
    case "OneCycleLR": {
      if (!noKwargs(["max_learning_rate", "warmup_epoch", "warmup_start_lr", "divide_factor", "end_learning_rate", "phase_pct", "anneal_strategy", "three_phase", "by_epoch", "last_epoch", "verbose"])) return undefined;
      const maxLr = args.num("max_learning_rate");
      if (!maxLr) return out(undefined, undefined, 0);
      const b = base(maxLr);
      const strategy = args.str("anneal_strategy", "cos")!;
      const phase = args.num("phase_pct", F(0.3))!;
      if (phase.int) fatal.push({ severity: "error", code: "argument-not-float", message: "OneCycleLR: phase_pct must be a float (TypeError).", range: phase.value.range });
      if (strategy !== "cos" && strategy !== "linear") {
        fatal.push({ severity: "error", code: "invalid-argument", message: `'anneal_strategy' must by one of 'cos' or 'linear', but received ${strategy}`, range });
        return undefined;
      }
      const spec: PaddleSchedulerSpec = { kind: "OneCycleLR", maxLearningRate: maxLr.v, totalSteps: epochs.v * spe(), divideFactor: args.num("divide_factor", F(25.0))!.v, endLearningRate: args.num("end_learning_rate", F(1e-10))!.v, phasePct: phase.v, annealStrategy: strategy, threePhase: args.bool("three_phase", false) };
      return out(warm(spec, b.warmupSteps, b.startLr, maxLr.v), maxLr.value, b.warmupSteps);
    }
    default:
      fatal.push({ severity: "error", code: "lr-unknown", message: `${name || "(no name)"} is not a learning-rate class of ${SRC} (AttributeError).`, range: nameNode.range });
      return undefined;
  }
}
