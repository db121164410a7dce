import type { Assumption, Problem } from "../../core/problem";
import type { SourceRange } from "../../core/range";
import type { ParamGroup, ScheduleDescription } from "../../core/schedule";
import { MM_INF, type MmcvLrUpdater, type MmcvPolicy, type MmcvWarmup, type MmengineProgram, type MmParam, type MmSchedulerKind, type MmSchedulerSpec } from "../../core/mmengine/spec";
import { derived, frameworkDefault, literal, userInput, type Value } from "../../core/value";
import { parsePython } from "../../parse/python/syntax";
import type { PyVal } from "../../parse/python/values";
import type { ReaderContext, ReadResult } from "../index";
import { loadConfig, looksLikeConfig, quickSniff } from "./configLoader";
import { asDict, getKey, keyOf, type DictVal } from "./merge";

const DIALECT = "mmengine";

/** Where a value sits, for ranges: a dict or list range, a key's range, a number's provenance. */
function rangeOf(v: PyVal | undefined): SourceRange | undefined {
  if (!v) return undefined;
  if (v.kind === "num") return v.prov.range;
  if (v.kind === "dict" || v.kind === "seq" || v.kind === "str" || v.kind === "bool") return v.range;
  if (v.kind === "unknown") return v.range;
  return undefined;
}

/** The class name of a `type=` value: a string, or an imported class (`type=MultiStepLR` in new-style configs). */
function typeName(v: PyVal | undefined): string | undefined {
  if (!v) return undefined;
  if (v.kind === "str") return v.value.split(".").pop()!.split("::").pop();
  if (v.kind === "ref") return v.path.split(".").pop();
  return undefined;
}

function isFalse(v: PyVal | undefined): boolean {
  return v !== undefined && ((v.kind === "bool" && !v.value) || (v.kind === "num" && v.value === 0));
}

function isTrue(v: PyVal | undefined): boolean {
  return v !== undefined && ((v.kind === "bool" && v.value) || (v.kind === "num" && v.value !== 0));
}

class ArgReader {
  readonly args: Record<string, Value> = {};
  readonly problems: Problem[] = [];
  constructor(
    readonly dict: DictVal,
    readonly owner: string,
    readonly defaultsOf: string,
  ) {}

  raw(key: string): PyVal | undefined {
    return getKey(this.dict, key);
  }

  /** A number argument: the config's, or the class default (recorded with its source). */
  num(key: string, fallback?: number): number | undefined {
    const v = this.raw(key);
    if (v === undefined || v.kind === "none") {
      if (fallback === undefined) return undefined;
      this.args[key] = frameworkDefault(fallback, `${this.defaultsOf} default`);
      return fallback;
    }
    if (v.kind === "num") {
      this.args[key] = v.prov;
      return v.value;
    }
    if (v.kind === "bool") {
      this.args[key] = literal(v.value ? 1 : 0, v.range);
      return v.value ? 1 : 0;
    }
    this.problems.push({ severity: "error", code: "value-not-static", message: `${this.owner}: ${key} is not a number that can be read (${v.kind === "unknown" ? v.reason : v.kind}).`, range: rangeOf(v) ?? this.dict.range });
    return fallback;
  }

  /** `None` stays null (several MMEngine arguments mean "derive it" by None). */
  numOrNull(key: string): number | null {
    const v = this.raw(key);
    if (v === undefined || v.kind === "none") return null;
    return this.num(key) ?? null;
  }

  nums(key: string): number[] | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (v.kind === "num") return [this.num(key)!];
    if (v.kind !== "seq" || v.items.some((x) => x.kind !== "num")) {
      this.problems.push({ severity: "error", code: "value-not-static", message: `${this.owner}: ${key} is not a list of numbers that can be read.`, range: rangeOf(v) ?? this.dict.range });
      return undefined;
    }
    const xs = v.items.map((x) => (x as PyVal & { kind: "num" }).value);
    v.items.forEach((x, i) => (this.args[`${key}[${i}]`] = (x as PyVal & { kind: "num" }).prov));
    return xs;
  }

  bool(key: string, fallback: boolean): boolean {
    const v = this.raw(key);
    if (v === undefined) return fallback;
    if (v.kind === "bool") return v.value;
    if (v.kind === "num") return v.value !== 0;
    if (v.kind === "none") return false;
    return fallback;
  }

  str(key: string): string | undefined {
    const v = this.raw(key);
    return v?.kind === "str" ? v.value : undefined;
  }
}

/** `param_scheduler` class names → the formula, the parameter it drives, and its defaults. */
function schedulerKind(type: string, a: ArgReader): { kind: MmSchedulerKind; param: MmParam } | string {
  const m = /^(.*?)(LR|Momentum|ParamScheduler)$/.exec(type);
  if (!m) return `${type} is not an MMEngine parameter scheduler this reader knows`;
  const [, base, suffix] = m as unknown as [string, string, string];
  let param: MmParam = suffix === "LR" ? "lr" : "momentum";
  if (suffix === "ParamScheduler") {
    const p = a.str("param_name");
    if (p !== "lr" && p !== "momentum") return `${type} with param_name=${p ?? "?"} drives a value this reader does not draw`;
    param = p;
  }
  switch (base) {
    case "Linear":
      return { param, kind: { kind: "Linear", startFactor: a.num("start_factor", 1 / 3)!, endFactor: a.num("end_factor", 1)! } };
    case "Constant":
      return { param, kind: { kind: "Constant", factor: a.num("factor", 1 / 3)! } };
    case "Step": {
      const stepSize = a.num("step_size");
      if (stepSize === undefined) return `${type} needs step_size`;
      return { param, kind: { kind: "Step", stepSize, gamma: a.num("gamma", 0.1)! } };
    }
    case "MultiStep": {
      const milestones = a.nums("milestones");
      if (!milestones) return `${type} needs milestones`;
      return { param, kind: { kind: "MultiStep", milestones, gamma: a.num("gamma", 0.1)! } };
    }
    case "Exponential": {
      const gamma = a.num("gamma");
      if (gamma === undefined) return `${type} needs gamma`;
      return { param, kind: { kind: "Exponential", gamma } };
    }
    case "CosineAnnealing":
      return { param, kind: { kind: "CosineAnnealing", tMax: a.numOrNull("T_max"), etaMin: a.numOrNull("eta_min"), etaMinRatio: a.numOrNull("eta_min_ratio") } };
    case "Poly":
      return { param, kind: { kind: "Poly", etaMin: a.num("eta_min", 0)!, power: a.num("power", 1)! } };
    case "OneCycle": {
      const etaMax = a.nums("eta_max") ?? [a.num("eta_max", 0)!];
      const strategy = a.str("anneal_strategy") ?? "cos";
      if (strategy !== "cos" && strategy !== "linear") return `${type}: anneal_strategy must by one of "cos" or "linear", instead got ${strategy}`;
      return {
        param,
        kind: { kind: "OneCycle", etaMax, totalSteps: a.numOrNull("total_steps"), pctStart: a.num("pct_start", 0.3)!, annealStrategy: strategy, divFactor: a.num("div_factor", 25)!, finalDivFactor: a.num("final_div_factor", 1e4)!, threePhase: a.bool("three_phase", false) },
      };
    }
    case "CosineRestart": {
      const periods = a.nums("periods");
      if (!periods) return `${type} needs periods`;
      return { param, kind: { kind: "CosineRestart", periods, restartWeights: a.nums("restart_weights") ?? [1], etaMin: a.numOrNull("eta_min"), etaMinRatio: a.numOrNull("eta_min_ratio") } };
    }
    case "QuadraticWarmup":
      return { param, kind: { kind: "QuadraticWarmup" } };
    case "ReduceOnPlateau":
      return { param, kind: { kind: "ReduceOnPlateau" } };
    default:
      return `${type} is not an MMEngine parameter scheduler this reader knows`;
  }
}

const adamLike = /^(Adam|AdamW|Adamax|NAdam|RAdam|Lamb|LAMB|Lion|AdaBelief|AdamW8bit|FusedAdam|ZeroRedundancyOptimizer)$/;
/** torch.optim defaults of `lr` where the constructor has one (torch 2.x); `undefined` = required. */
const lrDefaults: Record<string, number> = { SGD: 1e-3, Adam: 1e-3, AdamW: 1e-3, Adamax: 2e-3, NAdam: 2e-3, RAdam: 1e-3, RMSprop: 1e-2, Adagrad: 1e-2, Adadelta: 1, ASGD: 1e-2, Rprop: 1e-2 };

/**
 * Reads an OpenMMLab config (MMEngine `param_scheduler`, or the mmcv 1.x `lr_config`) with its `_base_`
 * chain, never running it. `undefined` when the file is not such a config.
 */
export function readMmengineConfig(fileName: string, text: string, context: ReaderContext): ReadResult | undefined {
  if (!quickSniff.test(text)) return undefined;
  const file = parsePython(fileName, text);
  if (!looksLikeConfig(file)) return undefined;
  const loaded = loadConfig(fileName, text, context.files);
  const problems: Problem[] = [...loaded.problems];
  const cfg = loaded.cfg;
  const top = file.rangeOf(file.tree.topNode);
  const wholeFile: SourceRange = { ...top, endLine: top.startLine, endColumn: 0 };
  const none = (code: string, message: string): ReadResult => ({ schedules: [], problems: [...problems, { severity: problems.some((p) => p.severity === "error") ? "info" : "warning", code, message, range: wholeFile }] });

  const schedulerCfg = getKey(cfg, "param_scheduler");
  const lrConfig = asDict(getKey(cfg, "lr_config"));
  const hook = asDict(getKey(asDict(getKey(cfg, "default_hooks")), "param_scheduler"));
  const hookType = typeName(getKey(hook, "type"));
  if (hookType && hookType !== "ParamSchedulerHook") return none("custom-scheduler-hook", `The learning rate is set by the ${hookType} hook (default_hooks.param_scheduler), which this reader does not model.`);
  const optimWrapper = asDict(getKey(cfg, "optim_wrapper"));
  const legacyOptimizer = asDict(getKey(cfg, "optimizer"));
  const trainCfg = asDict(getKey(cfg, "train_cfg"));
  if (schedulerCfg === undefined && !lrConfig) {
    if (!optimWrapper || !trainCfg) return none("no-schedule", `No param_scheduler (nor lr_config) in this config${loaded.files.length > 1 ? " or its _base_ files" : ""}: nothing sets a learning-rate schedule.`);
  }
  if (schedulerCfg?.kind === "none" && !lrConfig) return none("no-schedule", "param_scheduler = None: no scheduler changes the learning rate (a custom hook may).");

  // --- the optimizer: optim_wrapper.optimizer (MMEngine) or optimizer (mmcv 1.x) ----------------------------
  const legacy = schedulerCfg === undefined && lrConfig !== undefined;
  let optimizer = asDict(getKey(optimWrapper, "optimizer"));
  if (!optimizer && optimWrapper) {
    const children = optimWrapper.entries.filter(([, v]) => asDict(getKey(v, "optimizer")));
    if (children.length > 0) return none("several-optimizers", `optim_wrapper holds ${children.length} optimizers (${children.map(([k]) => keyOf(k)).join(", ")}); one curve per optimizer is not drawn yet.`);
  }
  if (!optimizer && (legacy || !optimWrapper)) optimizer = legacyOptimizer;
  if (!optimizer) return none("no-optimizer", optimWrapper && loaded.lazy ? "optim_wrapper has no optimizer: in a new-style (read_base) config an assignment replaces the base's optim_wrapper instead of merging into it (use optim_wrapper.update(...))." : "No optim_wrapper.optimizer (nor optimizer) in this config: the learning rate is unknown.");
  const optType = typeName(getKey(optimizer, "type")) ?? "SGD";
  const opt = new ArgReader(optimizer, optType, `torch.optim.${optType}`);
  const lrRaw = getKey(optimizer, "lr");
  let lr: Value | undefined;
  if (lrRaw?.kind === "num") lr = lrRaw.prov;
  else if (lrRaw === undefined && lrDefaults[optType] !== undefined) lr = frameworkDefault(lrDefaults[optType], `torch.optim.${optType} default lr`);
  if (!lr) return none("lr-unknown", `The learning rate of ${optType} cannot be read${lrRaw?.kind === "unknown" ? `: ${lrRaw.reason}` : ""}.`);
  const assumptions: Assumption[] = [];

  // auto_scale_lr (Runner.scale_lr): lr × (world_size × batch_size) / base_batch_size when enable=True.
  const autoScale = asDict(getKey(cfg, "auto_scale_lr"));
  if (autoScale && isTrue(getKey(autoScale, "enable"))) {
    const baseBs = getKey(autoScale, "base_batch_size");
    const loader = asDict(getKey(cfg, "train_dataloader")) ?? asDict(getKey(cfg, "data"));
    const bs = getKey(loader, "batch_size") ?? getKey(loader, "samples_per_gpu");
    const devices = context.inputs.devices !== undefined ? userInput(context.inputs.devices, "--devices") : frameworkDefault(1, "one device (world size) assumed");
    assumptions.push({ input: "devices", message: context.inputs.devices !== undefined ? `${context.inputs.devices} devices (--devices)` : "auto_scale_lr scales the LR by the number of devices; 1 assumed", value: devices.value, range: rangeOf(getKey(autoScale, "enable")) });
    if (baseBs?.kind === "num" && bs?.kind === "num") {
      const ratio = (devices.value * bs.value) / baseBs.value;
      lr = derived(lr.value * ratio, `${lr.value} × (${devices.value} devices × ${bs.value}) / ${baseBs.value}`, [lr, devices, bs.prov, baseBs.prov], rangeOf(getKey(autoScale, "enable")));
    } else problems.push({ severity: "warning", code: "auto-scale-unknown", message: "auto_scale_lr is enabled, but base_batch_size or train_dataloader.batch_size cannot be read: the LR is not scaled.", range: autoScale.range });
  }
  let momentum: Value | undefined;
  let momentumKind: ParamGroup["momentumKind"];
  if (adamLike.test(optType)) {
    const betas = getKey(optimizer, "betas");
    const b1 = betas?.kind === "seq" ? betas.items[0] : undefined;
    momentum = b1?.kind === "num" ? b1.prov : frameworkDefault(0.9, `torch.optim.${optType} default betas`);
    momentumKind = "beta1";
  } else {
    const m = opt.num("momentum");
    if (m !== undefined) {
      momentum = opt.args.momentum;
      momentumKind = "momentum";
    }
  }
  const groups: ParamGroup[] = [{ lr, momentum, momentumKind }];
  if (asDict(getKey(optimWrapper, "paramwise_cfg")) || getKey(optimWrapper, "constructor")) problems.push({ severity: "info", code: "paramwise-ignored", message: "paramwise_cfg / constructor give some parameters other LRs (multipliers); the curve is the base LR's.", range: rangeOf(getKey(optimWrapper, "paramwise_cfg")) ?? optimWrapper?.range });

  // --- the training loop -----------------------------------------------------------------------------------
  let loop: "epoch" | "iter" | undefined;
  let maxEpochs: Value | undefined;
  let maxIters: Value | undefined;
  let loopRange: SourceRange | undefined;
  if (!legacy && trainCfg) {
    loopRange = trainCfg.range;
    const lt = typeName(getKey(trainCfg, "type"));
    const byEpoch = getKey(trainCfg, "by_epoch");
    if (lt && byEpoch !== undefined) problems.push({ severity: "error", code: "train-cfg-conflict", message: "Only one of `type` or `by_epoch` can exist in train_cfg (MMEngine raises RuntimeError).", range: trainCfg.range });
    const me = getKey(trainCfg, "max_epochs");
    const mi = getKey(trainCfg, "max_iters");
    if (lt === "IterBasedTrainLoop" || isFalse(byEpoch) || (!lt && byEpoch === undefined && mi !== undefined && me === undefined)) loop = "iter";
    else if (lt === "EpochBasedTrainLoop" || isTrue(byEpoch) || me !== undefined) loop = "epoch";
    else if (mi !== undefined) loop = "iter";
    if (me?.kind === "num") maxEpochs = me.prov;
    if (mi?.kind === "num") maxIters = mi.prov;
    if (!loop) return none("loop-unknown", `train_cfg (${lt ?? "no type"}) gives neither max_epochs nor max_iters.`);
  } else if (legacy || asDict(getKey(cfg, "runner"))) {
    const runner = asDict(getKey(cfg, "runner"));
    if (!legacy) problems.push({ severity: "warning", code: "no-train-cfg", message: "No train_cfg: the training length is taken from the mmcv 1.x runner dict, which MMEngine itself ignores.", range: runner?.range });
    const rt = typeName(getKey(runner, "type"));
    loopRange = runner?.range;
    const me = getKey(runner, "max_epochs") ?? getKey(cfg, "total_epochs");
    const mi = getKey(runner, "max_iters");
    if (rt?.includes("Iter") || (mi !== undefined && me === undefined)) loop = "iter";
    else loop = "epoch";
    if (me?.kind === "num") maxEpochs = me.prov;
    if (mi?.kind === "num") maxIters = mi.prov;
  } else {
    problems.push({ severity: "warning", code: "no-train-cfg", message: "No train_cfg in this config: the training length is unknown.", range: wholeFile });
    loop = "iter";
  }
  if (loop === "epoch" && !maxEpochs) {
    const me = getKey(trainCfg, "max_epochs");
    if (me && me.kind !== "num") return none("max-epochs-unknown", `max_epochs cannot be read${me.kind === "unknown" ? `: ${me.reason}` : ""}.`);
    maxEpochs = frameworkDefault(legacy ? 0 : 1, "not set");
    if (!legacy) return none("max-epochs-unknown", "The epoch-based train loop has no max_epochs.");
  }

  // --- steps per epoch, total -----------------------------------------------------------------------------
  const spe = context.inputs.stepsPerEpoch;
  let stepsPerEpoch: Value | undefined;
  if (spe !== undefined && spe > 0) {
    stepsPerEpoch = userInput(spe, "--steps-per-epoch");
    assumptions.push({ input: "stepsPerEpoch", message: `${spe} iterations per epoch (--steps-per-epoch)`, value: spe });
  }
  const needsEpochLength = loop === "epoch" || (!legacy && asSchedulerList(schedulerCfg).some((s) => isTrue(getKey(s, "convert_to_iter_based"))));
  if (!stepsPerEpoch && needsEpochLength) assumptions.push({ input: "stepsPerEpoch", message: "Iterations per epoch (len(train_dataloader)) depend on the dataset size, batch size and devices", range: loopRange });
  let total: Value | undefined;
  if (context.inputs.totalSteps !== undefined) {
    total = userInput(context.inputs.totalSteps, "--total-steps");
    assumptions.push({ input: "totalSteps", message: `${context.inputs.totalSteps} iterations (--total-steps)`, value: context.inputs.totalSteps });
  } else if (loop === "epoch" && maxEpochs && stepsPerEpoch) total = derived(maxEpochs.value * stepsPerEpoch.value, `max_epochs ${maxEpochs.value} × ${stepsPerEpoch.value} iterations per epoch`, [maxEpochs, stepsPerEpoch], maxEpochs.range);
  else if (loop === "iter" && maxIters) total = maxIters;
  else if (loop === "iter" && !maxIters) assumptions.push({ input: "totalSteps", message: "The number of training iterations is not in the config", range: loopRange });
  const L = stepsPerEpoch?.value ?? Number.NaN;
  const program: Omit<MmengineProgram, "schedulers"> = {
    family: "mmengine",
    loop,
    maxEpochs: loop === "epoch" ? (maxEpochs?.value ?? 0) : 1,
    maxIters: loop === "epoch" ? (maxEpochs?.value ?? 0) * L : (maxIters?.value ?? total?.value ?? Number.NaN),
    epochLength: L,
  };

  const describe = (prog: MmengineProgram, name: string, source: SourceRange | undefined, more: Problem[]): ScheduleDescription => ({
    name,
    dialect: DIALECT,
    unit: "step",
    total,
    epochs: loop === "epoch" ? maxEpochs : undefined,
    stepsPerEpoch,
    groups,
    program: prog,
    source: source ?? wholeFile,
    assumptions,
    problems: more,
  });

  if (legacy) {
    const spec = readLrConfig(lrConfig, problems);
    if (typeof spec === "string") return none("lr-config-unsupported", spec);
    return { schedules: [describe({ ...program, schedulers: [], legacy: spec }, "lr_config", lrConfig.range, [])], problems };
  }

  // --- param_scheduler --------------------------------------------------------------------------------------
  const specs: MmSchedulerSpec[] = [];
  const own: Problem[] = [];
  if (schedulerCfg === undefined) own.push({ severity: "info", code: "no-param-scheduler", message: "No param_scheduler: the learning rate stays at the optimizer's.", range: optimizer.range });
  else if (asDict(schedulerCfg) && !getKey(schedulerCfg, "type")) return none("several-optimizers", "param_scheduler is a dict of schedulers per optimizer; one curve per optimizer is not drawn yet.");
  for (const entry of asSchedulerList(schedulerCfg)) {
    const type = typeName(getKey(entry, "type"));
    if (!type) {
      own.push({ severity: "warning", code: "scheduler-unknown", message: "A param_scheduler entry has no readable type; it is left out.", range: entry.range });
      continue;
    }
    const a = new ArgReader(entry, type, `mmengine ${type}`);
    const kind = schedulerKind(type, a);
    if (typeof kind === "string") {
      own.push({ severity: "warning", code: "scheduler-unsupported", message: `${kind}; it is left out of the curve.`, range: entry.range });
      continue;
    }
    const begin = a.num("begin", 0)!;
    const endRaw = getKey(entry, "end");
    const end = endRaw === undefined ? undefined : a.num("end", MM_INF);
    const byEpoch = a.bool("by_epoch", true);
    own.push(...a.problems);
    specs.push({ ...kind.kind, name: type, param: kind.param, begin, end, byEpoch, convertToIterBased: a.bool("convert_to_iter_based", false), range: entry.range, args: a.args });
  }
  if (specs.some((s) => s.param === "momentum") && !momentum) groups[0] = { lr, momentum: frameworkDefault(0, `torch.optim.${optType} default momentum`), momentumKind: "momentum" };
  return { schedules: [describe({ ...program, schedulers: specs }, "param_scheduler", rangeOf(schedulerCfg) ?? optimizer.range, own)], problems };
}

function asSchedulerList(v: PyVal | undefined): DictVal[] {
  if (!v) return [];
  const d = asDict(v);
  if (d) return getKey(d, "type") ? [d] : [];
  if (v.kind === "seq") return v.items.map(asDict).filter((x): x is DictVal => x !== undefined);
  return [];
}

/** mmcv 1.x `lr_config` → the `<Policy>LrUpdaterHook` it builds (mmcv/runner/hooks/lr_updater.py). */
function readLrConfig(d: DictVal, problems: Problem[]): MmcvLrUpdater | string {
  let policy = getKey(d, "policy")?.kind === "str" ? (getKey(d, "policy") as { value: string }).value : "";
  if (!policy) return "lr_config has no policy";
  // `policy.title()` when written in lower case, as mmcv's register_lr_hook does.
  if (policy === policy.toLowerCase()) policy = policy.charAt(0).toUpperCase() + policy.slice(1);
  const a = new ArgReader(d, `lr_config(policy=${policy})`, `mmcv ${policy}LrUpdaterHook`);
  let p: MmcvPolicy;
  switch (policy) {
    case "Fixed":
      p = { policy };
      break;
    case "Step": {
      const raw = a.raw("step");
      const step = raw?.kind === "seq" ? a.nums("step") : a.num("step");
      if (step === undefined) return "lr_config(policy='step') needs step";
      p = { policy, step, gamma: a.num("gamma", 0.1)!, minLr: a.numOrNull("min_lr") };
      break;
    }
    case "Exp":
      p = { policy, gamma: a.num("gamma") ?? Number.NaN };
      break;
    case "Poly":
      p = { policy, power: a.num("power", 1)!, minLr: a.num("min_lr", 0)! };
      break;
    case "Inv":
      p = { policy, gamma: a.num("gamma") ?? Number.NaN, power: a.num("power", 1)! };
      break;
    case "CosineAnnealing":
    case "FlatCosineAnnealing": {
      const minLr = a.numOrNull("min_lr");
      const minLrRatio = a.numOrNull("min_lr_ratio");
      if ((minLr === null) === (minLrRatio === null)) return `lr_config(policy='${policy}') needs exactly one of min_lr and min_lr_ratio (mmcv asserts)`;
      p = policy === "CosineAnnealing" ? { policy, minLr, minLrRatio } : { policy, startPercent: a.num("start_percent", 0.75)!, minLr, minLrRatio };
      break;
    }
    case "CosineRestart": {
      const periods = a.nums("periods");
      if (!periods) return "lr_config(policy='CosineRestart') needs periods";
      const minLr = a.numOrNull("min_lr");
      const minLrRatio = a.numOrNull("min_lr_ratio");
      if ((minLr === null) === (minLrRatio === null)) return "lr_config(policy='CosineRestart') needs exactly one of min_lr and min_lr_ratio";
      p = { policy, periods, restartWeights: a.nums("restart_weights") ?? [1], minLr, minLrRatio };
      break;
    }
    default:
      return `mmcv's ${policy}LrUpdaterHook is not modelled yet`;
  }
  const w = a.raw("warmup");
  let warmup: MmcvWarmup | null = null;
  if (w?.kind === "str") {
    if (w.value !== "constant" && w.value !== "linear" && w.value !== "exp") return `"${w.value}" is not a supported type for warming up, valid types are "constant", "linear" and "exp"`;
    warmup = { kind: w.value, iters: a.num("warmup_iters", 0)!, ratio: a.num("warmup_ratio", 0.1)!, byEpoch: a.bool("warmup_by_epoch", false) };
  }
  problems.push(...a.problems);
  return { ...p, byEpoch: a.bool("by_epoch", true), warmup, range: d.range, args: a.args };
}
