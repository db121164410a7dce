import type { DeepSpeedSchedulerKind, DeepSpeedSchedulerSpec } from "../../core/deepspeed/spec";
import type { Assumption, Problem } from "../../core/problem";
import type { SourceRange } from "../../core/range";
import type { ParamGroup, Program, ScheduleDescription } from "../../core/schedule";
import { derived, frameworkDefault, literal, userInput, type Value } from "../../core/value";
import { at, entry, parseJsonConfig, type ConfigMap, type ConfigNode } from "../../parse/config";
import type { Inputs, ReadResult } from "../index";
import { buildTorchScheduler, configArg, torchOptimizerGroup, torchSchedulerName, type Arg } from "../lightning/torchArgs";
import { deepSpeedOptimizers, deepSpeedSchedulerParams, hfAutoFill, isDeepSpeedScheduler, type DsDefault } from "./params";

const dsSource = "deepspeed/runtime/lr_schedules.py";
/** Keys only a DeepSpeed config has at its top level. */
const deepSpeedKeys = ["zero_optimization", "train_micro_batch_size_per_gpu", "train_batch_size"];
/** Keys of a Hugging Face TrainingArguments JSON: such a file is the HF reader's. */
const hfKeys = ["per_device_train_batch_size", "lr_scheduler_type", "learning_rate", "num_train_epochs"];

/** Whether a parsed JSON document is a DeepSpeed config. */
function isDeepSpeedConfig(root: ConfigNode | undefined): root is ConfigMap {
  if (root?.kind !== "map") return false;
  if (hfKeys.some((k) => entry(root, k))) return false;
  if (deepSpeedKeys.some((k) => entry(root, k))) return true;
  const type = at(root, "scheduler.type");
  return type?.kind === "scalar" && typeof type.value === "string" && isDeepSpeedScheduler(type.value);
}

/**
 * Reads a DeepSpeed config (`ds_config.json`) statically: `scheduler.type`/`params` as the engine builds
 * them (deepspeed/runtime/engine.py `_scheduler_from_config`: a class of lr_schedules.py, else a
 * `torch.optim.lr_scheduler` class of that name), the optimizer's LR and momentum, and the batch
 * arithmetic of runtime/config.py. The unit is always the optimizer step. `undefined` for other JSON.
 */
export function readDeepSpeedConfig(fileName: string, text: string, inputs: Inputs = {}): ReadResult | undefined {
  const doc = parseJsonConfig(fileName, text);
  const root = doc.root;
  if (!isDeepSpeedConfig(root)) return undefined;
  const problems: Problem[] = [...doc.problems];
  const assumptions: Assumption[] = [];
  const batchNotes = batchArithmetic(root, inputs, problems);

  const schedEntry = entry(root, "scheduler");
  if (!schedEntry || schedEntry.value.kind !== "map") {
    problems.push({ severity: "info", code: "no-scheduler", message: "This DeepSpeed config has no scheduler: the engine keeps the optimizer's learning rate, unless the training script passes its own lr_scheduler to deepspeed.initialize", range: schedEntry?.keyRange ?? root.range });
    return { schedules: [], problems };
  }
  const sched = schedEntry.value;
  const typeNode = entry(sched, "type")?.value;
  const source = schedEntry.keyRange;
  if (typeNode?.kind !== "scalar" || typeof typeNode.value !== "string") {
    problems.push({ severity: "info", code: "no-scheduler", message: "scheduler has no type: DeepSpeed builds no scheduler from this config", range: sched.range });
    return { schedules: [], problems };
  }
  const type = typeNode.value;
  const paramsEntry = entry(sched, "params");
  const params = paramsEntry?.value;
  const problemsOf: Problem[] = [];
  if (params !== undefined && params.kind !== "map") {
    problems.push({ severity: "error", code: "invalid-params", message: "scheduler.params must be an object of the scheduler's keyword arguments", range: params.range });
    return { schedules: [], problems };
  }
  if (!params) problemsOf.push({ severity: "error", code: "no-params", message: `scheduler.params is missing: DeepSpeed calls ${type}(optimizer, **None) and fails (TypeError)`, range: typeNode.range });

  const optimizer = readOptimizer(root, assumptions, problemsOf);

  // Training length: the user's --total-steps, else the scheduler's own total_num_steps.
  let total: Value | undefined;
  const totalNode = params?.kind === "map" ? entry(params, "total_num_steps")?.value : undefined;
  if (inputs.totalSteps !== undefined) {
    total = userInput(inputs.totalSteps, "--total-steps");
    assumptions.push({ input: "totalSteps", message: `--total-steps ${inputs.totalSteps} (given)`, value: inputs.totalSteps });
  } else if (totalNode?.kind === "scalar" && typeof totalNode.value === "number") total = literal(totalNode.value, totalNode.range);

  let program: Program | undefined;
  if (isDeepSpeedScheduler(type)) {
    const spec = params?.kind === "map" ? readDsScheduler(type, params, typeNode.range, total, assumptions, problemsOf) : undefined;
    if (spec) {
      program = { family: "deepspeed", scheduler: spec };
      if (spec.kind === "WarmupCosineLR" && optimizer.fromScript) problemsOf.push({ severity: "error", code: "optimizer-unknown", message: "WarmupCosineLR scales the optimizer's own learning rate, and this config has no optimizer section: the training script builds it, so its learning rate is unknown", range: typeNode.range });
      if (spec.kind === "OneCycle" && spec.cycleMomentum && optimizer.betas) problemsOf.push({ severity: "info", code: "onecycle-betas", message: "OneCycle cycles β1 between cycle_min_mom and cycle_max_mom and sets β2 to 0.99 (it writes betas = (momentum, 0.99))", range: typeNode.range });
      if (spec.kind === "OneCycle" && spec.cycleMomentum && !optimizer.betas && !optimizer.fromScript) problemsOf.push({ severity: "info", code: "onecycle-no-betas", message: "OneCycle's momentum cycling is disabled: this optimizer has no betas, so DeepSpeed leaves its momentum alone", range: typeNode.range });
      if ((spec.kind === "WarmupDecayLR" || spec.kind === "WarmupCosineLR") && total && total.value > spec.totalNumSteps) {
        problemsOf.push({ severity: "warning", code: "beyond-total-num-steps", message: `The run is longer than total_num_steps (${spec.totalNumSteps}): ${spec.kind === "WarmupCosineLR" ? "the cosine is not clamped and the LR rises again after it" : "the LR stays at warmup_min_lr after it"}`, range: totalNode?.range ?? typeNode.range });
      }
    }
  } else {
    const torchName = torchSchedulerName(type) === type ? type : undefined;
    if (!torchName) problemsOf.push({ severity: "error", code: "scheduler-unknown", message: `DeepSpeed does not recognize LR scheduler ${type}: it is neither in deepspeed/runtime/lr_schedules.py nor in torch.optim.lr_scheduler (AssertionError)`, range: typeNode.range });
    else if (params?.kind === "map") {
      if (optimizer.fromScript) problemsOf.push({ severity: "error", code: "optimizer-unknown", message: `torch's ${type} scales the optimizer's own learning rate, and this config has no optimizer section: the training script builds it, so its learning rate is unknown`, range: typeNode.range });
      const args = new Map<string, Arg>(params.entries.map((e) => [e.key, configArg(e.value, false)]));
      const built = buildTorchScheduler(torchName, args, 1, type, typeNode.range);
      if ("severity" in built) problemsOf.push(built);
      else {
        problemsOf.push(...built.problems);
        program = { family: "torch", schedulers: [{ ...built.kind, name: type, range: typeNode.range, args: built.args }], stepped: [0] };
        problemsOf.push({ severity: "info", code: "torch-scheduler", message: `${type} is not a DeepSpeed schedule: the engine builds torch.optim.lr_scheduler.${type} and steps it once per optimizer step`, range: typeNode.range });
      }
    }
  }

  if (!total) assumptions.push({ input: "totalSteps", message: `How many optimizer steps the run takes: ${type} has no total_num_steps, and the config does not say`, range: typeNode.range });
  for (const note of batchNotes) problemsOf.push(note);
  const fatal = problemsOf.some((p) => p.severity === "error");
  const description: ScheduleDescription = {
    name: type,
    dialect: "deepspeed",
    unit: "step",
    total: fatal ? undefined : total,
    groups: [optimizer.group],
    program: program && !fatal ? program : { family: "torch", schedulers: [], stepped: [] },
    source,
    assumptions,
    problems: problemsOf,
  };
  return { schedules: [description], problems };
}

interface OptimizerRead {
  readonly group: ParamGroup;
  /** The config has no optimizer: the training script passes one to deepspeed.initialize. */
  readonly fromScript: boolean;
  /** `"betas" in optimizer.defaults` (OneCycle cycles β1 only then). */
  readonly betas: boolean;
}

function readOptimizer(root: ConfigMap, assumptions: Assumption[], problems: Problem[]): OptimizerRead {
  const optEntry = entry(root, "optimizer");
  const typeNode = at(root, "optimizer.type");
  if (!optEntry || typeNode?.kind !== "scalar" || typeof typeNode.value !== "string") {
    // Placeholder LR: the DeepSpeed schedules except WarmupCosineLR overwrite it at construction.
    return { group: { lr: frameworkDefault(NaN, "the training script's optimizer") }, fromScript: true, betas: false };
  }
  const type = typeNode.value;
  const paramsNode = at(root, "optimizer.params");
  const params = paramsNode?.kind === "map" ? paramsNode : undefined;
  const args = new Map<string, Arg>();
  for (const e of params?.entries ?? []) {
    const auto = e.value.kind === "scalar" && e.value.value === "auto" ? hfAutoFill[`optimizer.params.${e.key}`] : undefined;
    if (auto) args.set(e.key, { kind: "num", value: autoValue(`optimizer.params.${e.key}`, e.value.range, assumptions), isInt: false });
    else args.set(e.key, configArg(e.value, false));
  }
  const ds = deepSpeedOptimizers[type.toLowerCase()];
  if (ds) {
    const source = `${ds.className} default (optimizer.type ${type})`;
    const num = (key: string, fallback: number): Value => {
      const a = args.get(key);
      if (a?.kind === "num") return a.value;
      if (a?.kind === "list" && a.items[0]?.kind === "num") return a.items[0].value;
      if (a !== undefined && a.kind !== "none") problems.push({ severity: "error", code: "value-not-static", message: `optimizer.params.${key} is not a number`, range: a.kind === "func" ? undefined : a.range });
      return frameworkDefault(fallback, source);
    };
    const lr = num("lr", ds.lr);
    if (ds.betas) return { group: { lr, momentum: num("betas", 0.9), momentumKind: "beta1" }, fromScript: false, betas: true };
    if (type.toLowerCase() === "musgd") return { group: { lr, momentum: num("momentum", 0), momentumKind: "momentum" }, fromScript: false, betas: false };
    return { group: { lr }, fromScript: false, betas: false };
  }
  // Any other type is getattr(torch.optim, type): exact spelling.
  const { group, problems: optProblems } = torchOptimizerGroup(type, args, typeNode.range);
  if (optProblems.some((p) => p.code === "optimizer-unknown")) {
    problems.push({ severity: "error", code: "optimizer-unknown", message: `optimizer.type ${type} is neither a DeepSpeed optimizer nor a torch.optim class this reader knows (DeepSpeed calls getattr(torch.optim, "${type}"))`, range: typeNode.range });
    return { group: { lr: frameworkDefault(NaN, type) }, fromScript: false, betas: false };
  }
  problems.push(...optProblems);
  return { group, fromScript: false, betas: group.momentumKind === "beta1" };
}

function autoValue(path: string, range: SourceRange, assumptions: Assumption[]): Value {
  const fill = hfAutoFill[path]!;
  const key = path.split(".").at(-1)!;
  if (fill.flag) assumptions.push({ input: "commandLine", message: `${key} is "auto": ${fill.note}, not given here: default ${fill.value}`, value: fill.value, range });
  return { value: fill.value, origin: { kind: "default", source: `"auto": ${fill.note}`, flag: fill.flag }, range };
}

/** Reads `scheduler.params` for one of lr_schedules.py's classes; `undefined` (with problems) when it cannot. */
function readDsScheduler(type: DeepSpeedSchedulerKind["kind"], params: ConfigMap, typeRange: SourceRange, total: Value | undefined, assumptions: Assumption[], problems: Problem[]): DeepSpeedSchedulerSpec | undefined {
  const signature = deepSpeedSchedulerParams[type];
  const args: Record<string, Value> = {};
  let failed = false;
  const fail = (message: string, range?: SourceRange): undefined => {
    problems.push({ severity: "error", code: "value-not-static", message: `${type}: ${message}`, range: range ?? typeRange });
    failed = true;
    return undefined;
  };
  for (const e of params.entries) {
    if (!signature.some(([n]) => n === e.key)) fail(`${type}.__init__() got an unexpected keyword argument '${e.key}' (TypeError)`, e.keyRange);
  }
  const fallbackOf = (key: string): DsDefault => {
    const param = signature.find(([n]) => n === key);
    return param ? param[1] : "required";
  };
  /** Numbers of a parameter (one, or one per param group where the class allows a list). */
  const values = (key: string, allowList = false): number[] | undefined => {
    const e = entry(params, key);
    if (!e) {
      const d = fallbackOf(key);
      if (d === "required") return fail(`${key} is required (${type}.__init__() missing a required argument)`);
      if (typeof d !== "number") return undefined;
      args[key] = frameworkDefault(d, `${type} default (${dsSource})`);
      return [d];
    }
    const node = e.value;
    if (node.kind === "scalar" && node.value === "auto") {
      if (key === "total_num_steps") {
        if (total) return [(args[key] = derived(total.value, `"auto": the Hugging Face Trainer's training steps (${total.value})`, [total], node.range)).value];
        assumptions.push({ input: "totalSteps", message: `total_num_steps is "auto": the Hugging Face Trainer fills its number of training steps`, range: node.range });
        failed = true;
        return undefined;
      }
      if (hfAutoFill[`scheduler.params.${key}`]) return [(args[key] = autoValue(`scheduler.params.${key}`, node.range, assumptions)).value];
      return fail(`${key} is "auto", which only the Hugging Face Trainer or Accelerate fills in`, node.range);
    }
    if (node.kind === "scalar" && typeof node.value === "number") return [(args[key] = literal(node.value, node.range)).value];
    if (node.kind === "scalar" && typeof node.value === "boolean") return [(args[key] = literal(node.value ? 1 : 0, node.range)).value];
    if (node.kind === "scalar" && node.value === null) return undefined;
    if (allowList && node.kind === "seq") {
      const out: number[] = [];
      for (const [i, item] of node.items.entries()) {
        if (item.kind !== "scalar" || typeof item.value !== "number") return fail(`${key}[${i}] is not a number`, item.range);
        out.push((args[`${key}[${i}]`] = literal(item.value, item.range)).value);
      }
      return out;
    }
    return fail(`${key} is not a number`, node.range);
  };
  const one = (key: string): number => values(key)?.[0] ?? NaN;
  const optional = (key: string): number | null => values(key)?.[0] ?? null;
  const text = (key: string): string => {
    const node = entry(params, key)?.value;
    if (!node) return String(fallbackOf(key));
    if (node.kind === "scalar" && typeof node.value === "string") return node.value;
    fail(`${key} is not a string`, node.range);
    return "";
  };
  const flag = (key: string): boolean => {
    const node = entry(params, key)?.value;
    if (!node) return fallbackOf(key) === true;
    if (node.kind === "scalar" && (typeof node.value === "boolean" || typeof node.value === "number")) return Boolean(node.value);
    fail(`${key} is not a boolean`, node.range);
    return false;
  };
  const warmupType = (): "log" | "linear" => {
    const t = text("warmup_type");
    if (t === "log" || t === "linear") return t;
    problems.push({ severity: "warning", code: "unknown-warmup-type", message: `${type}: warmup_type ${JSON.stringify(t)} is neither "log" nor "linear": DeepSpeed logs a warning and uses log`, range: entry(params, "warmup_type")?.value.range });
    return "log";
  };
  const lastBatch = entry(params, "last_batch_iteration")?.value;
  if (lastBatch && !(lastBatch.kind === "scalar" && lastBatch.value === -1)) problems.push({ severity: "warning", code: "resumed-schedule", message: `${type} is resumed with last_batch_iteration: the constructor then sets no LR, and the curve is drawn from the start of training`, range: lastBatch.range });

  let kind: DeepSpeedSchedulerKind;
  switch (type) {
    case "WarmupLR":
      kind = { kind: "WarmupLR", warmupMinLr: values("warmup_min_lr", true) ?? [0], warmupMaxLr: values("warmup_max_lr", true) ?? [0.001], warmupNumSteps: one("warmup_num_steps"), warmupType: warmupType() };
      break;
    case "WarmupDecayLR":
      kind = { kind: "WarmupDecayLR", totalNumSteps: one("total_num_steps"), warmupMinLr: values("warmup_min_lr", true) ?? [0], warmupMaxLr: values("warmup_max_lr", true) ?? [0.001], warmupNumSteps: one("warmup_num_steps"), warmupType: warmupType() };
      break;
    case "WarmupCosineLR": {
      const t = text("warmup_type");
      kind = { kind: "WarmupCosineLR", totalNumSteps: one("total_num_steps"), warmupMinRatio: one("warmup_min_ratio"), warmupNumSteps: one("warmup_num_steps"), cosMinRatio: one("cos_min_ratio"), warmupType: t };
      if (t !== "log" && t !== "linear") problems.push({ severity: "warning", code: "unknown-warmup-type", message: `WarmupCosineLR: warmup_type ${JSON.stringify(t)} is neither "log" nor "linear": unlike WarmupLR it is not replaced, and the first step raises`, range: entry(params, "warmup_type")?.value.range });
      break;
    }
    case "OneCycle": {
      for (const key of ["cycle_min_lr", "cycle_max_lr"]) if (entry(params, key)?.value.kind === "seq") fail(`${key} is a list: OneCycle repeats it as one value per group ([${key}] * groups), which torch cannot use as an LR`, entry(params, key)!.value.range);
      kind = {
        kind: "OneCycle",
        cycleMinLr: one("cycle_min_lr"),
        cycleMaxLr: one("cycle_max_lr"),
        decayLrRate: one("decay_lr_rate"),
        cycleFirstStepSize: one("cycle_first_step_size"),
        cycleSecondStepSize: optional("cycle_second_step_size"),
        decayStepSize: one("decay_step_size"),
        cycleMomentum: flag("cycle_momentum"),
        cycleMinMom: one("cycle_min_mom"),
        cycleMaxMom: one("cycle_max_mom"),
        decayMomRate: one("decay_mom_rate"),
      };
      // Stored and never used by the class.
      values("cycle_first_stair_count");
      values("cycle_second_stair_count");
      break;
    }
    case "LRRangeTest":
      kind = { kind: "LRRangeTest", minLr: values("lr_range_test_min_lr", true) ?? [1e-3], stepSize: one("lr_range_test_step_size"), stepRate: one("lr_range_test_step_rate"), staircase: flag("lr_range_test_staircase") };
      break;
  }
  if (failed) return undefined;
  return { ...kind, name: type, range: typeRange, args };
}

/**
 * runtime/config.py `_set_batch_related_parameters`: any two of train_batch_size, micro batch per GPU and
 * gradient accumulation give the third, with the world size; `_batch_assertion` checks
 * train = micro × accumulation × world. Reported as notes: the schedule itself counts optimizer steps.
 */
function batchArithmetic(root: ConfigMap, inputs: Inputs, problems: Problem[]): Problem[] {
  const get = (key: string): { value: number; range: SourceRange } | undefined => {
    const node = entry(root, key)?.value;
    return node?.kind === "scalar" && typeof node.value === "number" ? { value: node.value, range: node.range } : undefined;
  };
  const train = get("train_batch_size");
  const micro = get("train_micro_batch_size_per_gpu");
  const acc = get("gradient_accumulation_steps");
  const devices = inputs.devices;
  const world = devices ?? 1;
  const worldText = devices !== undefined ? `${devices} devices (--devices)` : "devices";
  const notes: Problem[] = [];
  const note = (message: string, range?: SourceRange): void => void notes.push({ severity: "info", code: "global-batch", message, range });
  if (train && micro && acc) {
    if (devices !== undefined && train.value !== micro.value * acc.value * world) problems.push({ severity: "error", code: "batch-mismatch", message: `train_batch_size ${train.value} is not train_micro_batch_size_per_gpu × gradient_accumulation_steps × world size (${micro.value} × ${acc.value} × ${world}): DeepSpeed's batch assertion fails`, range: train.range });
    else note(`Global batch ${train.value} = ${micro.value} per GPU × ${acc.value} accumulation × ${devices ?? train.value / (micro.value * acc.value)} devices`, train.range);
  } else if (train && micro) {
    const accumulation = Math.floor(Math.floor(train.value / micro.value) / world);
    note(`Gradient accumulation ${accumulation} = train_batch_size ${train.value} // ${micro.value} per GPU // ${worldText}${devices === undefined ? " (1 assumed)" : ""}`, train.range);
  } else if (train && acc) {
    note(`Per-GPU micro batch ${Math.floor(Math.floor(train.value / world) / acc.value)} = train_batch_size ${train.value} // ${worldText}${devices === undefined ? " (1 assumed)" : ""} // ${acc.value} accumulation`, train.range);
  } else if (micro && acc) {
    note(`Global batch ${micro.value * acc.value * world} = ${micro.value} per GPU × ${acc.value} accumulation × ${worldText}${devices === undefined ? " (1 assumed)" : ""}`, micro.range);
  } else if (train) {
    note(`Global batch ${train.value}: per-GPU micro batch ${Math.floor(train.value / world)} = ${train.value} // ${worldText}${devices === undefined ? " (1 assumed)" : ""}, no gradient accumulation`, train.range);
  } else if (micro) {
    note(`Global batch ${micro.value * world} = ${micro.value} per GPU × ${worldText}${devices === undefined ? " (1 assumed)" : ""}, no gradient accumulation`, micro.range);
  }
  return notes;
}
