import type { Assumption, Problem } from "../../core/problem";
import type { SourceRange } from "../../core/range";
import type { Detectron2Program, ParamSchedulerSpec } from "../../core/detectron2/spec";
import type { ParamGroup, ScheduleDescription } from "../../core/schedule";
import { derived, frameworkDefault, userInput, type Value } from "../../core/value";
import type { PyVal } from "../../parse/python/values";
import type { ReaderContext, ReadResult } from "../index";
import { chooseVersion, DIALECT } from "./common";
import { asNode, LazyNode, loadLazyConfig, targetName, type LoadContext } from "./lazyConfig";

/** Cheap test: a LazyConfig names the schedule's parts (`lr_multiplier`, `train.max_iter`, `optimizer`). */
const sniffParts = /\blr_multiplier\b|\btrain\.max_iter\b|\boptimizer\b/;
const sniffLazy = /\bLazyCall\b|\bL\(|get_config\(|^from\s+\.+[\w.]*\s+import\b/m;

/** Where in the config tree a value sits, for `${..lr}` interpolations: the root and the nodes down to it. */
type Chain = readonly LazyNode[];

class Values {
  readonly args: Record<string, Value> = {};
  constructor(
    readonly problems: Problem[],
    readonly fallback: SourceRange,
  ) {}

  /** omegaconf interpolation `${a.b}`, `${.x}`, `${..x}` relative to the node that holds the key. */
  resolve(v: PyVal | undefined, chain: Chain, depth = 0): PyVal | undefined {
    if (v?.kind !== "str" || depth > 10) return v;
    const m = /^\$\{(\.*)([\w.]+)\}$/.exec(v.value.trim());
    if (!m) return v;
    const dots = m[1]!.length;
    let cur: LazyNode | undefined = dots === 0 ? chain[0] : chain[chain.length - dots];
    const path = m[2]!.split(".");
    const curChain: LazyNode[] = dots === 0 ? [chain[0]!] : chain.slice(0, chain.length - dots + 1);
    let out: PyVal | undefined;
    for (let i = 0; i < path.length; i++) {
      out = cur?.get(path[i]!);
      if (i < path.length - 1) {
        cur = asNode(out);
        if (cur) curChain.push(cur);
      }
    }
    if (out === undefined) return undefined;
    const resolved = this.resolve(out, curChain, depth + 1);
    if (resolved?.kind === "num") return { ...resolved, prov: derived(resolved.value, `${v.value} → ${resolved.value}`, [resolved.prov], v.range) };
    return resolved;
  }

  num(node: LazyNode, key: string, chain: Chain, owner: string, fallback?: number): number | undefined {
    const raw = node.get(key);
    const v = this.resolve(raw, [...chain, node]);
    if (v === undefined || (v.kind === "none" && fallback !== undefined)) {
      if (fallback === undefined) {
        this.problems.push({ severity: "error", code: "argument-missing", message: `${owner} needs ${key} (TypeError when instantiated).`, range: node.range ?? this.fallback });
        return undefined;
      }
      this.args[`${owner}.${key}`] = frameworkDefault(fallback, `${owner} default`);
      return fallback;
    }
    if (v.kind === "num") {
      this.args[`${owner}.${key}`] = v.prov;
      return v.value;
    }
    if (v.kind === "bool") return v.value ? 1 : 0;
    this.problems.push({ severity: "error", code: "value-not-static", message: `${owner}.${key} cannot be read: ${v.kind === "unknown" ? v.reason : `it is a ${v.kind}`}.`, range: (v.kind === "unknown" ? v.range : undefined) ?? node.range ?? this.fallback });
    return undefined;
  }

  nums(node: LazyNode, key: string, chain: Chain, owner: string): number[] | null | undefined {
    const v = this.resolve(node.get(key), [...chain, node]);
    if (v === undefined || v.kind === "none") return null;
    const items = v.kind === "seq" ? v.items.map((x) => this.resolve(x, [...chain, node])) : [];
    if (v.kind !== "seq" || items.some((x) => x?.kind !== "num")) {
      this.problems.push({ severity: "error", code: "value-not-static", message: `${owner}.${key} is not a list of numbers that can be read${v.kind === "unknown" ? `: ${v.reason}` : ""}.`, range: (v.kind === "unknown" || v.kind === "seq" ? v.range : undefined) ?? node.range ?? this.fallback });
      return undefined;
    }
    return items.map((x) => (x as PyVal & { kind: "num" }).value);
  }

  str(node: LazyNode, key: string, chain: Chain, fallback: string): string {
    const v = this.resolve(node.get(key), [...chain, node]);
    return v?.kind === "str" ? v.value : fallback;
  }

  bool(node: LazyNode, key: string, chain: Chain, fallback: boolean): boolean {
    const v = this.resolve(node.get(key), [...chain, node]);
    if (v?.kind === "bool") return v.value;
    if (v?.kind === "num") return v.value !== 0;
    if (v?.kind === "none") return false;
    return fallback;
  }
}

/** A scheduler node → the spec the evaluator builds (fvcore's constructor arguments and defaults). */
function schedulerSpec(node: LazyNode, chain: Chain, vals: Values): ParamSchedulerSpec | string {
  const kind = targetName(node);
  const positional = node.get("__positional__");
  if (positional?.kind === "unknown") return `${kind ?? "LazyCall"}: ${positional.reason}`;
  const at = [...chain, node];
  const range = node.range;
  const n = (key: string, fallback?: number): number => vals.num(node, key, chain, kind ?? "?", fallback) ?? Number.NaN;
  const child = (key: string): ParamSchedulerSpec | string => {
    const c = asNode(vals.resolve(node.get(key), at));
    return c ? schedulerSpec(c, at, vals) : `${kind}.${key} is not a param scheduler config that can be read`;
  };
  switch (kind) {
    case "ConstantParamScheduler":
      return { kind, value: n("value"), range };
    case "CosineParamScheduler":
    case "LinearParamScheduler":
      return { kind, startValue: n("start_value"), endValue: n("end_value"), range };
    case "ExponentialParamScheduler":
      return { kind, startValue: n("start_value"), decay: n("decay"), range };
    case "PolynomialDecayParamScheduler":
      return { kind, baseValue: n("base_value"), power: n("power"), range };
    case "MultiStepParamScheduler": {
      const values = vals.nums(node, "values", chain, kind);
      if (!values) return `${kind} needs values (a list of numbers)`;
      const milestones = vals.nums(node, "milestones", chain, kind);
      if (milestones === undefined) return `${kind}: milestones cannot be read`;
      const nu = node.get("num_updates");
      const numUpdates = nu === undefined || nu.kind === "none" ? null : (vals.num(node, "num_updates", chain, kind) ?? Number.NaN);
      return { kind, values, milestones, numUpdates, range };
    }
    case "StepParamScheduler": {
      const values = vals.nums(node, "values", chain, kind);
      if (!values) return `${kind} needs values (a list of numbers)`;
      return { kind, numUpdates: n("num_updates"), values, range };
    }
    case "StepWithFixedGammaParamScheduler":
      return { kind, baseValue: n("base_value"), numDecays: n("num_decays"), gamma: n("gamma"), numUpdates: n("num_updates"), range };
    case "CompositeParamScheduler": {
      const list = vals.resolve(node.get("schedulers"), at);
      if (list?.kind !== "seq") return `${kind}.schedulers is not a list that can be read`;
      const schedulers: ParamSchedulerSpec[] = [];
      for (const item of list.items) {
        const c = asNode(item);
        const spec = c ? schedulerSpec(c, at, vals) : `${kind}: a scheduler in the list cannot be read`;
        if (typeof spec === "string") return spec;
        schedulers.push(spec);
      }
      const lengths = vals.nums(node, "lengths", chain, kind);
      if (!lengths) return `${kind}.lengths is not a list of numbers that can be read`;
      const scaling = vals.resolve(node.get("interval_scaling"), at);
      const intervalScaling = scaling?.kind === "seq" ? scaling.items.map((s) => (s.kind === "str" ? s.value : "?")) : [];
      if (scaling?.kind !== "seq") return `${kind}.interval_scaling is not a list that can be read`;
      return { kind, schedulers, lengths, intervalScaling, range };
    }
    case "WarmupParamScheduler": {
      const scheduler = child("scheduler");
      if (typeof scheduler === "string") return scheduler;
      return { kind, scheduler, warmupFactor: n("warmup_factor"), warmupLength: n("warmup_length"), warmupMethod: vals.str(node, "warmup_method", chain, "linear"), rescaleInterval: vals.bool(node, "rescale_interval", chain, false), range };
    }
    default:
      return `lr_multiplier instantiates ${kind ?? "something that cannot be read"}, which is not an fvcore ParamScheduler this reader knows`;
  }
}

const adamLike = /^(Adam|AdamW|Adamax|NAdam|RAdam)$/;
/** torch.optim defaults of `lr` (torch 2.x). */
const lrDefaults: Record<string, number> = { SGD: 1e-3, Adam: 1e-3, AdamW: 1e-3, Adamax: 2e-3, NAdam: 2e-3, RAdam: 1e-3, RMSprop: 1e-2, Adagrad: 1e-2 };

/**
 * Reads a detectron2 LazyConfig (`lr_multiplier`, `optimizer`, `train`) as `tools/lazyconfig_train_net.py`
 * uses it: `hooks.LRScheduler(scheduler=instantiate(cfg.lr_multiplier))` wraps the fvcore scheduler in
 * `LRMultiplier(optimizer, multiplier, max_iter=cfg.train.max_iter)`.
 */
export function readDetectron2Lazy(fileName: string, text: string, ctx: ReaderContext): ReadResult | undefined {
  if (!sniffParts.test(text) || !sniffLazy.test(text) || /\bread_base\s*\(|^_base_\s*=/m.test(text)) return undefined;
  const problems: Problem[] = [];
  const load: LoadContext = { files: ctx.files, entry: fileName, problems, read: [fileName] };
  const loaded = loadLazyConfig(fileName, text, load);
  const ns = loaded.namespace;
  const lrMultiplier = asNode(ns.get("lr_multiplier"));
  const train = asNode(ns.get("train"));
  const optimizer = asNode(ns.get("optimizer"));
  // Not a LazyConfig of detectron2: a script with an `optimizer` and a relative import, say.
  if (!loaded.detectron2Imports || (!lrMultiplier && !(train && train.has("max_iter")) && targetName(optimizer) === undefined)) return undefined;

  const wholeFile: SourceRange = { file: fileName, startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 };
  const version = chooseVersion(ctx.files, fileName, wholeFile);
  problems.push(version.note);
  if (version.semantics === "legacy") problems.push({ severity: "warning", code: "lazyconfig-version", message: "LazyConfig files came with detectron2 v0.4; the pinned release cannot read this file. The curve follows v0.4+ semantics.", range: version.note.range });
  const own: Problem[] = [];
  const root = new LazyNode(undefined, wholeFile);
  for (const [k, v] of ns) root.set(k, v);
  const vals = new Values(own, wholeFile);
  const none = (code: string, message: string, range?: SourceRange): ReadResult => ({ schedules: [], problems: [...problems, ...own, { severity: problems.some((p) => p.severity === "error") ? "info" : "warning", code, message, range: range ?? wholeFile }] });

  if (!lrMultiplier) {
    const v = ns.get("lr_multiplier");
    return none("no-lr-multiplier", v === undefined ? "This LazyConfig has no lr_multiplier: lazyconfig_train_net.py needs one (the LR schedule is not in this file or its imports)." : `lr_multiplier cannot be read${v.kind === "unknown" ? `: ${v.reason}` : ""}.`, loaded.ranges.get("lr_multiplier"));
  }
  const multiplier = schedulerSpec(lrMultiplier, [root], vals);
  if (typeof multiplier === "string") return none("scheduler-unsupported", multiplier, lrMultiplier.range);

  // --- optimizer: group 0's LR and momentum ------------------------------------------------------------
  const optType = targetName(optimizer) ?? "SGD";
  const optChain = [root];
  let lr: Value | undefined;
  const assumptions: Assumption[] = [];
  if (!optimizer) own.push({ severity: "warning", code: "no-optimizer", message: "No optimizer in this LazyConfig: the LR multiplier is drawn on a base LR of 1.", range: wholeFile });
  const lrRaw = optimizer ? vals.resolve(optimizer.get("lr"), [...optChain, optimizer]) : undefined;
  if (lrRaw?.kind === "num") lr = lrRaw.prov;
  else if (optimizer && lrRaw === undefined && lrDefaults[optType] !== undefined) lr = frameworkDefault(lrDefaults[optType], `torch.optim.${optType} default lr`);
  else if (!optimizer) lr = frameworkDefault(1, "no optimizer: the multiplier itself");
  if (!lr) return none("lr-unknown", `optimizer.lr cannot be read${lrRaw?.kind === "unknown" ? `: ${lrRaw.reason}` : ""}.`, optimizer?.range);
  const params = asNode(optimizer?.get("params"));
  let groupLr = lr;
  let biasLr: Value | undefined;
  if (params && targetName(params) === "get_default_optimizer_params") {
    const chain = [...optChain, optimizer!];
    const base = vals.resolve(params.get("base_lr"), [...chain, params]);
    if (base?.kind === "num") groupLr = base.prov;
    else if (base !== undefined && base.kind !== "none") own.push({ severity: "warning", code: "value-not-static", message: `optimizer.params.base_lr cannot be read; optimizer.lr is used.`, range: params.range });
    const factor = vals.resolve(params.get("bias_lr_factor"), [...chain, params]);
    if (factor?.kind === "num" && factor.value !== 1.0) {
      if (base?.kind !== "num") own.push({ severity: "error", code: "bias-lr-factor", message: "get_default_optimizer_params raises ValueError: bias_lr_factor requires base_lr.", range: factor.prov.range });
      else {
        biasLr = derived(base.value * factor.value, `base_lr ${base.value} × bias_lr_factor ${factor.value}`, [base.prov, factor.prov], factor.prov.range);
        own.push({ severity: "info", code: "bias-lr-factor", message: `bias_lr_factor ${factor.value}: biases get their own param group at ${biasLr.value}, shown as group 1 (the order of the groups follows the model's parameters).`, range: factor.prov.range });
      }
    }
    const lff = params.get("lr_factor_func");
    if (lff !== undefined && lff.kind !== "none") own.push({ severity: "info", code: "lr-factor-func", message: "optimizer.params.lr_factor_func scales each parameter's LR (layer-wise decay): the param groups depend on the model; the curve is the base LR's, and every group follows the same multiplier.", range: params.range });
    const overrides = asNode(params.get("overrides"));
    if (overrides && [...overrides.values()].some((o) => asNode(o)?.has("lr"))) own.push({ severity: "info", code: "lr-overrides", message: "optimizer.params.overrides gives some parameters their own LR; they follow the same multiplier.", range: params.range });
  }
  let momentum: Value | undefined;
  let momentumKind: ParamGroup["momentumKind"];
  if (optimizer && adamLike.test(optType)) {
    const betas = vals.resolve(optimizer.get("betas"), [...optChain, optimizer]);
    const b1 = betas?.kind === "seq" ? betas.items[0] : undefined;
    momentum = b1?.kind === "num" ? b1.prov : frameworkDefault(0.9, `torch.optim.${optType} default betas`);
    momentumKind = "beta1";
  } else if (optimizer && optType === "SGD") {
    const m = vals.resolve(optimizer.get("momentum"), [...optChain, optimizer]);
    momentum = m?.kind === "num" ? m.prov : frameworkDefault(0, "torch.optim.SGD default momentum");
    momentumKind = "momentum";
  }
  const groups: ParamGroup[] = [{ lr: groupLr, momentum, momentumKind }];
  if (biasLr) groups.push({ lr: biasLr, momentum, momentumKind });

  // --- train.max_iter ----------------------------------------------------------------------------------
  let maxIter: Value | undefined;
  if (ctx.inputs.totalSteps !== undefined) {
    maxIter = userInput(ctx.inputs.totalSteps, "--total-steps");
    assumptions.push({ input: "totalSteps", message: `train.max_iter=${ctx.inputs.totalSteps} (--total-steps)`, value: ctx.inputs.totalSteps });
  } else {
    const mi = train ? vals.resolve(train.get("max_iter"), [root, train]) : undefined;
    if (mi?.kind === "num") maxIter = mi.prov;
    else assumptions.push({ input: "totalSteps", message: train ? `train.max_iter cannot be read${mi?.kind === "unknown" ? `: ${mi.reason}` : ""}` : "This LazyConfig has no train.max_iter (lazyconfig_train_net.py trains for cfg.train.max_iter iterations)", range: loaded.ranges.get("train") ?? wholeFile });
  }
  const program: Detectron2Program = { family: "detectron2", schedule: { type: "multiplier", multiplier, maxIter: maxIter?.value ?? Number.NaN }, version: version.label };
  const desc: ScheduleDescription = {
    name: "lr_multiplier",
    dialect: DIALECT,
    unit: "step",
    total: maxIter,
    groups,
    program,
    source: loaded.ranges.get("lr_multiplier") ?? lrMultiplier.range ?? wholeFile,
    assumptions,
    problems: own,
  };
  return { schedules: [desc], problems };
}

