import type { Assumption, Problem } from "../../core/problem";
import type { SourceRange } from "../../core/range";
import type { IterationSchedulerSpec, ParamSchedulerSpec, Detectron2Program } from "../../core/detectron2/spec";
import type { ParamGroup, ScheduleDescription } from "../../core/schedule";
import { derived, frameworkDefault, literal, userInput, type Value } from "../../core/value";
import { parseYamlConfig, type ConfigMap, type ConfigNode } from "../../parse/config";
import { baseChain, maxBaseDepth } from "../bases";
import type { ReaderContext, ReadResult } from "../index";
import { dirname, joinPath } from "../paths";
import { chooseVersion, DIALECT, pyRound, type Semantics } from "./common";
import { afterV06, deeplabDefaults, otherSolverKeys, solverDefaults, type PyType, type SolverDefault } from "./defaults";
import { literalEval } from "./literal";

/** A YAML value after the `_BASE_` merge, with the text of the file it came from (for int/float). */
type Merged = { readonly kind: "map"; readonly entries: Map<string, { readonly keyRange: SourceRange; value: Merged }>; readonly range: SourceRange } | { readonly kind: "leaf"; readonly node: ConfigNode; readonly source: string };

const pyyamlInt = /^[-+]?(?:0b[0-1_]+|0[0-7_]+|(?:0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+|[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;

/** Whether a YAML file is a detectron2 (yacs) config: `_BASE_: path`, a `SOLVER:` map, or an upper-case `MODEL:` map. */
export function looksLikeDetectron2Yaml(root: ConfigNode | undefined): root is ConfigMap {
  if (root?.kind !== "map") return false;
  for (const e of root.entries) {
    if (e.key === "_BASE_" && e.value.kind === "scalar" && typeof e.value.value === "string") return true;
    if (e.key === "SOLVER" && e.value.kind === "map") return true;
    if (e.key === "MODEL" && e.value.kind === "map" && e.value.entries.length > 0 && e.value.entries.every((x) => /^[A-Z][A-Z0-9_]*$/.test(x.key))) return true;
  }
  return false;
}

function sliceRange(text: string, r: SourceRange): string {
  const lines = text.split("\n");
  if (r.startLine === r.endLine) return (lines[r.startLine] ?? "").slice(r.startColumn, r.endColumn);
  return [(lines[r.startLine] ?? "").slice(r.startColumn), ...lines.slice(r.startLine + 1, r.endLine), (lines[r.endLine] ?? "").slice(0, r.endColumn)].join("\n");
}

function toMerged(node: ConfigNode, text: string): Merged {
  if (node.kind === "map") {
    const entries = new Map<string, { keyRange: SourceRange; value: Merged }>();
    for (const e of node.entries) entries.set(e.key, { keyRange: e.keyRange, value: toMerged(e.value, text) });
    return { kind: "map", entries, range: node.range };
  }
  return { kind: "leaf", node, source: node.kind === "scalar" ? sliceRange(text, node.range) : "" };
}

/**
 * `CfgNode.load_yaml_with_base` (detectron2/config/config.py → fvcore/common/config.py): the `_BASE_` file,
 * relative to this one, is loaded first and this file's keys merged into it (dicts recursively, anything
 * else replaced).
 */
function loadWithBase(path: string, text: string, root: ConfigMap, ctx: ReaderContext, stack: string[], problems: Problem[], files: string[]): Merged {
  const own = toMerged(root, text) as Merged & { kind: "map" };
  const baseEntry = own.entries.get("_BASE_");
  if (!baseEntry) return own;
  own.entries.delete("_BASE_");
  const leaf = baseEntry.value;
  const range = leaf.kind === "leaf" ? leaf.node.range : baseEntry.keyRange;
  const ref = leaf.kind === "leaf" && leaf.node.kind === "scalar" ? leaf.node.value : null;
  if (typeof ref !== "string") {
    problems.push({ severity: "error", code: "base-not-path", message: "_BASE_ must be one path (detectron2 reads a single base config).", range });
    return own;
  }
  if (/^(https?:\/\/|~)/.test(ref)) {
    problems.push({ severity: "warning", code: "base-not-in-workspace", message: `The base config ${ref} is not a workspace file; its values are not read.`, range });
    return own;
  }
  const full = ref.startsWith("/") ? ref : joinPath(dirname(path), ref);
  // `stack` holds this file and the ones that led to it; fvcore follows the chain without a limit (a cycle or a
  // very long chain ends in RecursionError), so the shared limit of src/dialects/bases.ts applies.
  if (stack.includes(full)) {
    problems.push({ severity: "error", code: "base-cycle", message: `_BASE_ files include each other: ${baseChain(stack, full)}`, range });
    return own;
  }
  if (stack.length + 1 > maxBaseDepth) {
    problems.push({ severity: "error", code: "base-too-deep", message: `The _BASE_ chain is longer than ${maxBaseDepth} files; the rest is not read. Chain: ${baseChain(stack, full)}`, range });
    return own;
  }
  const baseText = ctx.files.read(full);
  if (baseText === undefined) {
    problems.push({ severity: "error", code: "base-missing", message: `The base config ${ref} (${full}) does not exist; detectron2 raises here. The values below are this file's and detectron2's defaults. Chain: ${baseChain(stack, full)}`, range });
    return own;
  }
  const doc = parseYamlConfig(full, baseText);
  problems.push(...doc.problems);
  files.push(full);
  const baseRoot: ConfigMap = doc.root?.kind === "map" ? doc.root : { kind: "map", entries: [], range };
  const base = loadWithBase(full, baseText, baseRoot, ctx, [...stack, full], problems, files);
  if (base.kind === "map") mergeInto(own, base, problems);
  return base;
}

function mergeInto(a: Merged & { kind: "map" }, b: Merged & { kind: "map" }, problems: Problem[]): void {
  for (const [k, v] of a.entries) {
    const old = b.entries.get(k);
    if (v.value.kind === "map" && old) {
      if (old.value.kind !== "map") {
        problems.push({ severity: "error", code: "base-merge", message: `Cannot inherit key '${k}' from base! (detectron2 asserts)`, range: v.keyRange });
        continue;
      }
      mergeInto(v.value, old.value, problems);
    } else b.entries.set(k, v);
  }
}

/** A SOLVER value as yacs makes it: `_decode_cfg_value` (literal_eval of strings), then the type check. */
interface Decoded {
  readonly value: number | string | boolean | number[] | null;
  readonly type: PyType | "list" | "other";
  readonly range?: SourceRange;
}

function decode(m: Merged): Decoded {
  if (m.kind === "map") return { value: null, type: "other", range: m.range };
  const n = m.node;
  if (n.kind === "seq") {
    const items = n.items.map((i) => (i.kind === "scalar" && typeof i.value === "number" ? i.value : Number.NaN));
    return { value: items, type: items.some(Number.isNaN) ? "other" : "list", range: n.range };
  }
  if (n.kind !== "scalar") return { value: null, type: "other", range: n.range };
  if (n.value === null) return { value: null, type: "none", range: n.range };
  if (typeof n.value === "boolean") return { value: n.value, type: "bool", range: n.range };
  if (typeof n.value === "number") return { value: n.value, type: pyyamlInt.test(m.source.trim()) ? "int" : "float", range: n.range };
  const lit = literalEval(n.value);
  if (!lit) return { value: n.value, type: "str", range: n.range };
  switch (lit.kind) {
    case "num":
      return { value: lit.value, type: lit.isInt ? "int" : "float", range: n.range };
    case "bool":
      return { value: lit.value, type: "bool", range: n.range };
    case "none":
      return { value: null, type: "none", range: n.range };
    case "str":
      return { value: lit.value, type: "str", range: n.range };
    case "seq": {
      const items = lit.items.map((i) => (i.kind === "num" ? i.value : Number.NaN));
      return { value: items, type: items.some(Number.isNaN) ? "other" : lit.tuple ? "tuple" : "list", range: n.range };
    }
    default:
      return { value: n.value, type: "other", range: n.range };
  }
}

const pyTypeName: Record<string, string> = { float: "float", int: "int", str: "str", bool: "bool", tuple: "tuple", list: "list", none: "NoneType", other: "object" };

export function readDetectron2Yaml(fileName: string, text: string, ctx: ReaderContext): ReadResult | undefined {
  const doc = parseYamlConfig(fileName, text);
  if (!looksLikeDetectron2Yaml(doc.root)) return undefined;
  const problems: Problem[] = [...doc.problems];
  const files = [fileName];
  const merged = loadWithBase(fileName, text, doc.root, ctx, [fileName], problems, files) as Merged & { kind: "map" };
  const top = doc.root.range;
  const wholeFile: SourceRange = { ...top, startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 };
  const version = chooseVersion(ctx.files, fileName, wholeFile);
  problems.push(version.note);
  const solverEntry = merged.entries.get("SOLVER");
  const solver = solverEntry?.value.kind === "map" ? solverEntry.value : undefined;
  const assumptions: Assumption[] = [];
  const own: Problem[] = [];
  const fail = (code: string, message: string, range?: SourceRange): ReadResult => ({ schedules: [], problems: [...problems, ...own, { severity: "error", code, message, range: range ?? wholeFile }] });

  const deeplab = solver?.entries.has("POLY_LR_POWER") || solver?.entries.has("POLY_LR_CONSTANT_ENDING") || leafString(solver, "LR_SCHEDULER_NAME") === "WarmupPolyLR";
  const known: Record<string, SolverDefault> = { ...solverDefaults, ...(deeplab ? deeplabDefaults : {}) };
  for (const [k, e] of solver?.entries ?? []) {
    if (known[k] || otherSolverKeys.has(k)) {
      if (version.semantics !== "current" && afterV06.has(k)) own.push({ severity: "error", code: "key-not-in-version", message: `SOLVER.${k} does not exist in ${version.label}: yacs raises KeyError: Non-existent config key.`, range: e.keyRange });
      continue;
    }
    own.push({ severity: "warning", code: "unknown-solver-key", message: `SOLVER.${k} is not a key of detectron2's defaults: yacs raises KeyError unless the project's trainer adds it; it is not part of the curve.`, range: e.keyRange });
  }

  /** The value of SOLVER.key: the config's (type-checked as yacs does), or the default. */
  const get = (key: string): { value: Decoded["value"]; prov?: Value; range?: SourceRange } => {
    const def = known[key]!;
    const entry = solver?.entries.get(key);
    if (!entry) return { value: def.value as Decoded["value"] };
    const d = decode(entry.value);
    let ok = d.type === def.type || (def.type === "tuple" && d.type === "list") || def.type === "none";
    if (def.type === "str" && d.type !== "str") ok = false;
    if (!ok) {
      own.push({ severity: "error", code: "type-mismatch", message: `SOLVER.${key}: yacs raises ValueError: Type mismatch (<class '${pyTypeName[def.type]}'> vs. <class '${pyTypeName[d.type]}'>) — the default is ${def.type === "float" ? "a float: write it with a decimal point" : `a ${pyTypeName[def.type]}`}.`, range: d.range });
    }
    return { value: d.value, range: d.range, prov: typeof d.value === "number" ? literal(d.value, d.range) : undefined };
  };
  const num = (key: string): Value => {
    const g = get(key);
    const def = known[key]!;
    if (typeof g.value === "number") return g.range === undefined ? frameworkDefault(g.value, `detectron2/config/defaults.py _C.SOLVER.${key}`) : (g.prov ?? literal(g.value, g.range));
    if (g.range !== undefined && g.value !== null) own.push({ severity: "error", code: "value-not-number", message: `SOLVER.${key} is not a number.`, range: g.range });
    if (g.range !== undefined) return { value: Number.NaN, origin: { kind: "literal" }, range: g.range };
    return frameworkDefault(def.value as number, `detectron2/config/defaults.py _C.SOLVER.${key}`);
  };
  const str = (key: string): { value: string; range?: SourceRange } => {
    const g = get(key);
    return { value: typeof g.value === "string" ? g.value : String(g.value), range: g.range };
  };
  const bool = (key: string): boolean => {
    const g = get(key);
    return g.value === true || (typeof g.value === "number" && g.value !== 0);
  };

  let baseLr = num("BASE_LR");
  let maxIter = num("MAX_ITER");
  let warmupIters = num("WARMUP_ITERS");
  const stepsRaw = get("STEPS");
  let steps: Value[] = Array.isArray(stepsRaw.value) ? stepsRaw.value.map((s) => literal(s, stepsRaw.range)) : [];
  if (stepsRaw.range === undefined) steps = (solverDefaults.STEPS!.value as number[]).map((s) => frameworkDefault(s, "detectron2/config/defaults.py _C.SOLVER.STEPS"));
  else if (!Array.isArray(stepsRaw.value)) own.push({ severity: "error", code: "value-not-number", message: "SOLVER.STEPS is not a tuple of iterations.", range: stepsRaw.range });

  // --total-steps: the training length as a launch would set it (`SOLVER.MAX_ITER N` on the command line).
  if (ctx.inputs.totalSteps !== undefined) {
    maxIter = userInput(ctx.inputs.totalSteps, "--total-steps");
    assumptions.push({ input: "totalSteps", message: `SOLVER.MAX_ITER ${ctx.inputs.totalSteps} (--total-steps)`, value: ctx.inputs.totalSteps, range: maxIter.range });
  }

  // DefaultTrainer.auto_scale_workers (detectron2/engine/defaults.py): REFERENCE_WORLD_SIZE ≠ 0 and ≠ world size.
  const ref = num("REFERENCE_WORLD_SIZE");
  if (ref.value !== 0 && Number.isFinite(ref.value)) {
    const devices = ctx.inputs.devices !== undefined ? userInput(ctx.inputs.devices, "--devices") : frameworkDefault(1, "one process (world size 1) assumed");
    assumptions.push({ input: "devices", message: ctx.inputs.devices !== undefined ? `world size ${ctx.inputs.devices} (--devices)` : `SOLVER.REFERENCE_WORLD_SIZE ${ref.value}: DefaultTrainer rescales the schedule to the world size; 1 process assumed (give --devices)`, value: devices.value, range: ref.range });
    if (devices.value !== ref.value) {
      const ims = num("IMS_PER_BATCH");
      if (ims.value % ref.value !== 0) own.push({ severity: "error", code: "reference-world-size", message: `IMS_PER_BATCH ${ims.value} is not a multiple of REFERENCE_WORLD_SIZE ${ref.value}: detectron2 asserts "Invalid REFERENCE_WORLD_SIZE in config!".`, range: ref.range });
      const scale = devices.value / ref.value;
      const text = `${devices.value} / ${ref.value}`;
      baseLr = derived(baseLr.value * scale, `BASE_LR ${baseLr.value} × ${text} (auto_scale_workers)`, [baseLr, devices, ref], baseLr.range);
      const inv = (v: Value, name: string): Value => derived(pyRound(v.value / scale), `int(round(${name} ${v.value} / (${text})))`, [v, devices, ref], v.range);
      maxIter = inv(maxIter, "MAX_ITER");
      warmupIters = inv(warmupIters, "WARMUP_ITERS");
      steps = steps.map((s) => inv(s, "STEPS"));
      own.push({ severity: "info", code: "auto-scale-workers", message: `DefaultTrainer.auto_scale_workers: world size ${devices.value} vs REFERENCE_WORLD_SIZE ${ref.value} → BASE_LR ${baseLr.value}, MAX_ITER ${maxIter.value}, WARMUP_ITERS ${warmupIters.value}, STEPS (${steps.map((s) => s.value).join(", ")}) (tools/train_net.py; plain_train_net.py does not scale).`, range: ref.range });
    }
  }

  const name = str("LR_SCHEDULER_NAME");
  const gamma = num("GAMMA");
  const warmupFactor = num("WARMUP_FACTOR");
  const warmupMethod = str("WARMUP_METHOD").value;
  const args: Record<string, Value> = { BASE_LR: baseLr, MAX_ITER: maxIter, WARMUP_ITERS: warmupIters, WARMUP_FACTOR: warmupFactor };
  const sched = buildSchedule(version.semantics, name, { maxIter, steps, gamma, warmupFactor, warmupIters, warmupMethod, baseLr, num, bool, stepsRange: stepsRaw.range ?? solverEntry?.keyRange }, own);
  if (typeof sched === "string") return fail("scheduler-unknown", sched, name.range);

  const momentum = num("MOMENTUM");
  const groups: ParamGroup[] = [{ lr: baseLr, momentum, momentumKind: "momentum" }];
  const biasFactor = num("BIAS_LR_FACTOR");
  if (biasFactor.value !== 1.0 && Number.isFinite(biasFactor.value)) {
    groups.push({ lr: derived(baseLr.value * biasFactor.value, `BASE_LR ${baseLr.value} × BIAS_LR_FACTOR ${biasFactor.value}`, [baseLr, biasFactor], biasFactor.range), momentum, momentumKind: "momentum" });
    own.push({ severity: "info", code: "bias-lr-factor", message: `BIAS_LR_FACTOR ${biasFactor.value}: get_default_optimizer_params gives biases their own param group at ${baseLr.value * biasFactor.value}; it is shown as group 1 (the order of the groups follows the model's parameters).`, range: biasFactor.range });
  }
  if (deeplab && name.value === "WarmupPolyLR") own.push({ severity: "info", code: "project-trainer", message: "WarmupPolyLR is built by the DeepLab project's trainer (projects/DeepLab/deeplab/build_solver.py), not by detectron2's build_lr_scheduler.", range: name.range });
  args.GAMMA = gamma;
  const program: Detectron2Program = { family: "detectron2", schedule: sched, version: version.label };
  const desc: ScheduleDescription = {
    name: `SOLVER.${name.value}`,
    dialect: DIALECT,
    unit: "step",
    total: maxIter,
    groups,
    program,
    source: solverEntry?.keyRange ?? wholeFile,
    assumptions,
    problems: own,
  };
  return { schedules: [desc], problems };
}

function leafString(m: (Merged & { kind: "map" }) | undefined, key: string): string | undefined {
  const v = m?.entries.get(key)?.value;
  return v?.kind === "leaf" && v.node.kind === "scalar" && typeof v.node.value === "string" ? v.node.value : undefined;
}

interface ScheduleInputs {
  readonly maxIter: Value;
  readonly steps: readonly Value[];
  readonly gamma: Value;
  readonly warmupFactor: Value;
  readonly warmupIters: Value;
  readonly warmupMethod: string;
  readonly baseLr: Value;
  readonly num: (key: string) => Value;
  readonly bool: (key: string) => boolean;
  readonly stepsRange?: SourceRange;
}

/** `build_lr_scheduler` (detectron2/solver/build.py) of the followed release; a string says why not. */
function buildSchedule(semantics: Semantics, name: { value: string; range?: SourceRange }, s: ScheduleInputs, own: Problem[]): Detectron2Program["schedule"] | string {
  const maxIter = s.maxIter.value;
  const steps = s.steps.map((x) => x.value);
  if (name.value === "WarmupPolyLR") {
    const scheduler: IterationSchedulerSpec = { kind: "WarmupPolyLR", maxIters: maxIter, warmupFactor: s.warmupFactor.value, warmupIters: s.warmupIters.value, warmupMethod: s.warmupMethod, power: s.num("POLY_LR_POWER").value, constantEnding: s.num("POLY_LR_CONSTANT_ENDING").value, range: name.range };
    return { type: "iteration", scheduler };
  }
  if (semantics === "legacy") {
    const common = { warmupFactor: s.warmupFactor.value, warmupIters: s.warmupIters.value, warmupMethod: s.warmupMethod, range: name.range };
    if (name.value === "WarmupMultiStepLR") return { type: "iteration", scheduler: { kind: "WarmupMultiStepLR", milestones: steps, gamma: s.gamma.value, ...common } };
    if (name.value === "WarmupCosineLR") return { type: "iteration", scheduler: { kind: "WarmupCosineLR", maxIters: maxIter, ...common } };
    return `SOLVER.LR_SCHEDULER_NAME ${name.value}: detectron2's build_lr_scheduler raises ValueError: Unknown LR scheduler.`;
  }
  let sched: ParamSchedulerSpec;
  if (name.value === "WarmupMultiStepLR") {
    const kept = steps.filter((x) => x <= maxIter);
    if (kept.length !== steps.length) own.push({ severity: "warning", code: "steps-past-max-iter", message: `SOLVER.STEPS contains values larger than SOLVER.MAX_ITER (${maxIter}): ${steps.filter((x) => x > maxIter).join(", ")} are ignored, as detectron2 warns.`, range: s.stepsRange });
    const values: number[] = [];
    for (let k = 0; k < kept.length + 1; k++) values.push(s.gamma.value ** k);
    sched = { kind: "MultiStepParamScheduler", values, milestones: kept, numUpdates: maxIter, range: s.stepsRange };
  } else if (name.value === "WarmupCosineLR") {
    const endValue = semantics === "current" ? s.num("BASE_LR_END").value / s.baseLr.value : 0;
    if (!(endValue >= 0.0 && endValue <= 1.0)) return `SOLVER.BASE_LR_END / BASE_LR = ${endValue}: build_lr_scheduler asserts 0 <= end_value <= 1.`;
    sched = { kind: "CosineParamScheduler", startValue: 1, endValue, range: name.range };
  } else if (name.value === "WarmupStepWithFixedGammaLR" && semantics === "current") {
    sched = { kind: "StepWithFixedGammaParamScheduler", baseValue: 1.0, gamma: s.gamma.value, numDecays: s.num("NUM_DECAYS").value, numUpdates: maxIter, range: name.range };
  } else return `SOLVER.LR_SCHEDULER_NAME ${name.value}: detectron2's build_lr_scheduler raises ValueError: Unknown LR scheduler${name.value === "WarmupStepWithFixedGammaLR" ? " (WarmupStepWithFixedGammaLR came after v0.6)" : " (a project's own trainer may build it)"}.`;
  if (maxIter === 0) return "SOLVER.MAX_ITER is 0: build_lr_scheduler raises ZeroDivisionError (WARMUP_ITERS / MAX_ITER).";
  const warmupLength = Math.min(s.warmupIters.value / maxIter, 1.0);
  const multiplier: ParamSchedulerSpec = { kind: "WarmupParamScheduler", scheduler: sched, warmupFactor: s.warmupFactor.value, warmupLength, warmupMethod: s.warmupMethod, rescaleInterval: semantics === "current" && s.bool("RESCALE_INTERVAL"), range: name.range };
  return { type: "multiplier", multiplier, maxIter };
}
