import { axolotlCosineMinLrLambda, cosineDecayConstantLambda, cosineQuadraticWarmupLambda } from "../../core/hf/axolotl";
import {
  constantLambda,
  constantWithWarmupLambda,
  cosineLambda,
  cosineWarmupWithMinLrLambda,
  cosineWithMinLrLambda,
  cosineWithRestartsLambda,
  inverseSqrtLambda,
  inverseSqrtTimescale,
  linearLambda,
  polynomialLambda,
  wsdLambda,
  type WsdShape,
} from "../../core/hf/lambdas";
import type { Assumption, Problem } from "../../core/problem";
import type { SourceRange } from "../../core/range";
import type { ScheduleDescription } from "../../core/schedule";
import type { TorchSchedulerSpec } from "../../core/torch/spec";
import { derived, frameworkDefault, literal, userInput, type Value } from "../../core/value";
import type { Inputs } from "../index";
import { isSet, type HfArgs, type Plain, type Setting } from "./args";

/** The `SchedulerType` values of transformers 5.18 (trainer_utils.py). */
export const schedulerTypes = [
  "linear",
  "cosine",
  "cosine_with_restarts",
  "polynomial",
  "constant",
  "constant_with_warmup",
  "inverse_sqrt",
  "reduce_lr_on_plateau",
  "cosine_with_min_lr",
  "cosine_warmup_with_min_lr",
  "warmup_stable_decay",
  "greedy",
] as const;
type SchedulerType = (typeof schedulerTypes)[number];

/**
 * `learning_rate` defaults: `TrainingArguments` (training_args.py) and the TRL configs that override it
 * (huggingface/trl trl/trainer/*_config.py, trl/experimental/*).
 */
const defaultLearningRate: Readonly<Record<string, number>> = {
  TrainingArguments: 5e-5,
  Seq2SeqTrainingArguments: 5e-5,
  SFTConfig: 2e-5,
  GKDConfig: 2e-5,
  DPOConfig: 1e-6,
  GRPOConfig: 1e-6,
  KTOConfig: 1e-6,
  RLOOConfig: 1e-6,
  CPOConfig: 1e-6,
  ORPOConfig: 1e-6,
  AsyncGRPOConfig: 1e-6,
  RewardConfig: 1e-4,
  PRMConfig: 1e-5,
  PPOConfig: 3e-6,
  BCOConfig: 5e-7,
  OnlineDPOConfig: 5e-7,
  NashMDConfig: 5e-7,
  XPOConfig: 5e-7,
};

/** Keyword arguments each scheduler function accepts besides those `get_scheduler` passes itself. */
const acceptedKwargs: Readonly<Record<SchedulerType, readonly string[] | "ignored" | "any">> = {
  linear: ["last_epoch"],
  cosine: ["num_cycles", "last_epoch"],
  cosine_with_restarts: ["num_cycles", "last_epoch"],
  polynomial: ["lr_end", "power", "last_epoch"],
  constant: "ignored",
  constant_with_warmup: "ignored",
  inverse_sqrt: ["timescale", "last_epoch"],
  reduce_lr_on_plateau: "any",
  cosine_with_min_lr: ["num_cycles", "last_epoch", "min_lr", "min_lr_rate"],
  cosine_warmup_with_min_lr: ["num_cycles", "last_epoch", "min_lr", "min_lr_rate", "warmup_lr_rate"],
  warmup_stable_decay: ["num_decay_steps", "num_stable_steps", "warmup_type", "decay_type", "min_lr_ratio", "num_cycles", "last_epoch"],
  greedy: "any",
};


/** What a reader needs to know to describe the schedule (the flavor's defaults). */
interface FlavorDefaults {
  readonly lrSchedulerType: string;
  readonly epochs: number;
  readonly source: string;
}

function flavorDefaults(args: HfArgs): FlavorDefaults {
  if (args.flavor === "axolotl") return { lrSchedulerType: "cosine", epochs: 1.0, source: "axolotl default" };
  return { lrSchedulerType: "linear", epochs: 3.0, source: `${args.className} default` };
}

/** The setting as a `Value`, keeping where it is written. */
function valueOf(s: Setting, n: number): Value {
  return s.num && s.num.value === n ? s.num : literal(n, s.range);
}

/** The name a key has in the file (axolotl spells them its own way). */
function keyName(args: HfArgs, key: string): string {
  if (args.flavor !== "axolotl") return key;
  const names: Record<string, string> = { lr_scheduler_type: "lr_scheduler", num_train_epochs: "num_epochs", per_device_train_batch_size: "micro_batch_size" };
  return names[key] ?? key;
}

class Builder {
  readonly problems: Problem[] = [];
  readonly assumptions: Assumption[] = [];
  /** A problem that stops the curve (the Trainer would raise). */
  fatal = false;

  constructor(
    readonly args: HfArgs,
    readonly inputs: Inputs,
  ) {
    this.problems.push(...args.problems);
    this.fatal = args.problems.some((p) => p.severity === "error");
  }

  get(key: string): Setting | undefined {
    return this.args.settings.get(key);
  }

  error(code: string, message: string, range: SourceRange | undefined = this.args.source): void {
    this.fatal = true;
    this.problems.push({ severity: "error", code, message, range });
  }

  /** A number from a setting, or the default; an unreadable or non-numeric value is an error. */
  num(key: string, fallback: Value | undefined): Value | undefined {
    const s = this.get(key);
    if (!isSet(s)) return fallback;
    if (s.unknown) {
      this.error("value-not-static", `${keyName(this.args, key)} cannot be read statically: ${s.unknown.reason}`, s.range ?? s.keyRange);
      return undefined;
    }
    if (typeof s.value === "number") return valueOf(s, s.value);
    if (typeof s.value === "boolean") return valueOf(s, Number(s.value));
    if (typeof s.value === "string" && s.value.trim() !== "" && Number.isFinite(Number(s.value))) {
      const n = Number(s.value);
      if (this.args.flavor === "trainer")
        this.problems.push({ severity: "warning", code: "number-as-string", message: `${keyName(this.args, key)}: ${JSON.stringify(s.value)} is a string here (PyYAML reads a float only with a dot and a signed exponent, e.g. 5.0e-5); read as ${n}`, range: s.range });
      return valueOf(s, n);
    }
    this.error("invalid-value", `${keyName(this.args, key)} must be a number, not ${JSON.stringify(s.value)}`, s.range ?? s.keyRange);
    return undefined;
  }

  str(key: string, fallback: string): { value: string; range?: SourceRange } | undefined {
    const s = this.get(key);
    if (!isSet(s)) return { value: fallback };
    if (s.unknown) {
      this.error("value-not-static", `${keyName(this.args, key)} cannot be read statically: ${s.unknown.reason}`, s.range ?? s.keyRange);
      return undefined;
    }
    if (typeof s.value !== "string") {
      this.error("invalid-value", `${keyName(this.args, key)} must be a string, not ${JSON.stringify(s.value)}`, s.range ?? s.keyRange);
      return undefined;
    }
    return { value: s.value, range: s.range };
  }

  /** `lr_scheduler_kwargs`: a dict, or a JSON string starting with `{` (TrainingArguments.__post_init__). */
  kwargs(): { readonly values: Record<string, Plain>; readonly range?: SourceRange } | undefined {
    const s = this.get("lr_scheduler_kwargs");
    if (!isSet(s)) return { values: {} };
    if (s.unknown) {
      this.error("value-not-static", `lr_scheduler_kwargs cannot be read statically: ${s.unknown.reason}`, s.range ?? s.keyRange);
      return undefined;
    }
    let v: unknown = s.value;
    if (typeof v === "string") {
      if (v === "") return { values: {}, range: s.range };
      try {
        v = v.trimStart().startsWith("{") ? JSON.parse(v) : v;
      } catch {
        this.error("invalid-value", `lr_scheduler_kwargs is not valid JSON: ${v as string}`, s.range);
        return undefined;
      }
    }
    if (typeof v !== "object" || v === null || Array.isArray(v)) {
      this.error("invalid-value", `lr_scheduler_kwargs must be a dict, not ${JSON.stringify(v)}`, s.range);
      return undefined;
    }
    return { values: v as Record<string, Plain>, range: s.range };
  }
}

/**
 * The schedule the Hugging Face Trainer builds from these training arguments (transformers 5.x
 * trainer.py `create_scheduler` → optimization.py `get_scheduler`), as a PyTorch program: one LambdaLR
 * on the optimizer, stepped after every optimizer step. LLaMA-Factory and axolotl change a few things on
 * the way, each noted where it happens.
 */
export function describeHfArgs(args: HfArgs, inputs: Inputs): ScheduleDescription {
  const b = new Builder(args, inputs);
  const defaults = flavorDefaults(args);

  // --- learning rate (the optimizer's lr; every param group of the Trainer's optimizer has it) ---
  const lrDefault = args.flavor === "axolotl" ? undefined : frameworkDefault(defaultLearningRate[args.className] ?? 5e-5, `${args.className} default (learning_rate)`);
  const lr = b.num("learning_rate", lrDefault);
  if (args.flavor === "axolotl" && !isSet(b.get("learning_rate"))) b.error("missing-key", "axolotl requires learning_rate", args.source);

  // --- scheduler type and its kwargs ---
  const typeSetting = b.str("lr_scheduler_type", defaults.lrSchedulerType);
  const kwargs = b.kwargs();
  let type: SchedulerType | undefined;
  if (typeSetting) {
    type = (schedulerTypes as readonly string[]).includes(typeSetting.value) ? (typeSetting.value as SchedulerType) : undefined;
    if (!type) b.error("invalid-value", `'${typeSetting.value}' is not a valid SchedulerType (one of ${schedulerTypes.join(", ")})`, typeSetting.range);
  }
  const typeRange = typeSetting?.range ?? b.get("lr_scheduler_type")?.keyRange ?? args.source;

  // --- training length ---
  const { total, epochs, stepsPerEpoch } = resolveTotal(b, defaults);

  // --- warmup ---
  const warmup = total ? resolveWarmup(b, total) : undefined;

  // --- the scheduler ---
  let spec: TorchSchedulerSpec | undefined;
  if (lr && type && kwargs && total && warmup && !b.fatal) spec = buildScheduler(b, type, typeRange, kwargs, lr, warmup, total);

  deepSpeedScheduler(b);
  if (spec?.kind === "LambdaLR" && total && total.value > 0) {
    let first: number | undefined;
    try {
      first = spec.lambdas[0]!.fn(0);
    } catch {
      first = undefined;
    }
    if (first === 0)
      b.problems.push({
        severity: "info",
        code: "lr-zero-at-start",
        message: "The learning rate is 0 during the first optimizer step: the warmup starts from 0 and the Trainer steps the scheduler only after each optimizer step, so the first update does nothing.",
        range: b.get("warmup_steps")?.range ?? b.get("warmup_ratio")?.range ?? typeRange,
      });
  }

  const program = { family: "torch" as const, schedulers: spec ? [spec] : [], stepped: spec ? [0] : [] };
  return {
    name: args.name,
    dialect: "transformers",
    unit: "step",
    total: b.fatal || !spec ? undefined : total,
    epochs,
    stepsPerEpoch,
    groups: [spec?.kind === "OneCycleLR" ? { lr: lr ?? frameworkDefault(0, "unknown"), momentum: b.num("adam_beta1", frameworkDefault(0.9, "TrainingArguments default (adam_beta1)")), momentumKind: "beta1" } : { lr: lr ?? frameworkDefault(0, "unknown") }],
    program,
    source: args.source,
    assumptions: b.assumptions,
    problems: b.problems,
  };
}

/**
 * Total optimizer steps: `max_steps` when > 0, else `ceil(num_train_epochs × num_update_steps_per_epoch)`
 * (trainer.py `set_initial_training_values`), where updates per epoch are
 * `max(ceil(len(dataloader) / gradient_accumulation_steps), 1)`; `--total-steps` and `--steps-per-epoch`
 * supply them as a launch would.
 */
function resolveTotal(b: Builder, defaults: FlavorDefaults): { total?: Value; epochs?: Value; stepsPerEpoch?: Value } {
  const { inputs, args } = b;
  const epochsKey = keyName(args, "num_train_epochs");
  if (inputs.totalSteps !== undefined) {
    const total = userInput(inputs.totalSteps, "--total-steps");
    b.assumptions.push({ input: "totalSteps", message: `The training runs ${inputs.totalSteps} optimizer steps (--total-steps), as --max_steps would set it`, value: inputs.totalSteps });
    return { total };
  }
  const maxSteps = b.num("max_steps", frameworkDefault(-1, `${defaults.source} (max_steps)`));
  if (maxSteps && maxSteps.value > 0) {
    const spe = inputs.stepsPerEpoch !== undefined ? userInput(inputs.stepsPerEpoch, "--steps-per-epoch") : undefined;
    return { total: maxSteps, stepsPerEpoch: spe };
  }
  if (!maxSteps) return {};
  const epochs = b.num("num_train_epochs", frameworkDefault(defaults.epochs, `${defaults.source} (${epochsKey})`));
  if (!epochs) return {};
  const epochsRange = b.get("num_train_epochs")?.range ?? args.source;
  let spe: Value | undefined;
  if (inputs.stepsPerEpoch !== undefined) {
    spe = userInput(inputs.stepsPerEpoch, "--steps-per-epoch");
    b.assumptions.push({ input: "stepsPerEpoch", message: `${inputs.stepsPerEpoch} optimizer updates per epoch (--steps-per-epoch)`, value: inputs.stepsPerEpoch, range: epochsRange });
  } else if (inputs.datasetSize !== undefined) {
    spe = updatesFromDatasetSize(b, inputs.datasetSize);
  } else {
    const how = args.flavor === "axolotl" ? "axolotl counts them from the tokenized dataset (and sample packing)" : "they depend on the dataset size, per-device batch, devices and gradient accumulation";
    b.assumptions.push({ input: "stepsPerEpoch", message: `The training length is ${epochsKey} × optimizer updates per epoch, and ${how}, which the file does not say`, range: epochsRange });
    return { epochs };
  }
  const n = Math.ceil(epochs.value * spe.value);
  return { total: derived(n, `ceil(${epochs.value} × ${spe.value})`, [epochs, spe], epochs.range), epochs, stepsPerEpoch: spe };
}

/**
 * Updates per epoch from the dataset size: accelerate shards `ceil(N / per_device_batch)` batches over the
 * devices (`even_batches`), then `ceil(len(dataloader) / gradient_accumulation_steps)`, at least 1.
 */
function updatesFromDatasetSize(b: Builder, size: number): Value {
  const bs = b.num("per_device_train_batch_size", frameworkDefault(b.args.flavor === "axolotl" ? 1 : 8, "per_device_train_batch_size default")) ?? frameworkDefault(8, "default");
  const ga = b.num("gradient_accumulation_steps", frameworkDefault(1, "gradient_accumulation_steps default")) ?? frameworkDefault(1, "default");
  const devices = b.inputs.devices !== undefined ? userInput(b.inputs.devices, "--devices") : frameworkDefault(1, "one device");
  const n = userInput(size, "--dataset-size");
  const batches = Math.ceil(Math.ceil(size / bs.value) / devices.value);
  const updates = Math.max(Math.ceil(batches / ga.value), 1);
  b.assumptions.push({ input: "datasetSize", message: `${size} training examples`, value: size });
  if (b.inputs.devices === undefined) b.assumptions.push({ input: "devices", message: "Trains on one device (--devices N for a distributed launch)", value: 1 });
  else b.assumptions.push({ input: "devices", message: `${b.inputs.devices} devices (--devices)`, value: b.inputs.devices });
  return derived(updates, `max(ceil(ceil(ceil(${size} / ${bs.value}) / ${devices.value}) / ${ga.value}), 1)`, [n, bs, devices, ga]);
}

/** `TrainingArguments.get_warmup_steps`: `int(w)` when w ≥ 1, else `ceil(total × w)`. */
export function warmupSteps(w: number, total: number): number {
  return w >= 1 ? Math.trunc(w) : Math.ceil(total * w);
}

function resolveWarmup(b: Builder, total: Value): Value | undefined {
  const { args } = b;
  const ratio = b.get("warmup_ratio");
  if (args.flavor === "axolotl") return axolotlWarmup(b, total);
  let w = b.num("warmup_steps", frameworkDefault(0, `${args.className} default (warmup_steps)`));
  if (isSet(ratio)) {
    b.problems.push({
      severity: "warning",
      code: "deprecated-key",
      message: "warmup_ratio is deprecated since transformers 5.0 and removed in 5.2 (TrainingArguments then rejects it): 5.0–5.1 copy it into warmup_steps, which now takes a ratio below 1 — write warmup_steps: " + JSON.stringify(ratio.value),
      range: ratio.keyRange ?? ratio.range,
    });
    // training_args.py 5.0–5.1 __post_init__: `if self.warmup_ratio is not None: self.warmup_steps = self.warmup_ratio`.
    w = b.num("warmup_ratio", undefined);
  }
  if (!w) return undefined;
  if (w.value < 0) {
    b.error("invalid-value", "warmup_steps must be an integer or a float (ValueError: it is negative)", w.range);
    return undefined;
  }
  return warmupValue(w, total);
}

function warmupValue(w: Value, total: Value): Value {
  const n = warmupSteps(w.value, total.value);
  if (w.value >= 1) return Number.isInteger(w.value) ? w : derived(n, `int(${w.value})`, [w], w.range);
  return derived(n, `ceil(${total.value} × ${w.value})`, [total, w], w.range);
}

/**
 * axolotl's warmup (src/axolotl/core/builders/base.py `_configure_warmup_and_logging`): `warmup_steps` as
 * given; else `int(warmup_ratio × total)` (floored, unlike the Trainer); else `min(int(0.03 × total), 100)`;
 * 1 becomes 2; then the Trainer's `get_warmup_steps`.
 */
function axolotlWarmup(b: Builder, total: Value): Value | undefined {
  const steps = b.get("warmup_steps");
  const ratio = b.get("warmup_ratio");
  let w: Value | undefined;
  if (isSet(steps)) w = b.num("warmup_steps", undefined);
  else if (isSet(ratio)) {
    const r = b.num("warmup_ratio", undefined);
    if (r) w = derived(Math.max(Math.trunc(r.value * total.value), 0), `int(${r.value} × ${total.value})`, [r, total], r.range);
  } else {
    const d = frameworkDefault(0.03, "axolotl default warmup (3% of the steps, at most 100)");
    w = derived(Math.min(Math.trunc(0.03 * total.value), 100), `min(int(0.03 × ${total.value}), 100)`, [d, total]);
  }
  if (!w) return undefined;
  if (w.value === 1) w = derived(2, "2 (axolotl turns a warmup of 1 step into 2)", [w], w.range);
  if (w.value < 0) {
    b.error("invalid-value", "warmup_steps must not be negative", w.range);
    return undefined;
  }
  return warmupValue(w, total);
}

function kwNum(b: Builder, kwargs: { values: Record<string, Plain>; range?: SourceRange }, key: string, fallback: number, source: string): Value | undefined {
  const v = kwargs.values[key];
  if (v === undefined || v === null) return frameworkDefault(fallback, source);
  if (typeof v === "number") return literal(v, kwargs.range);
  if (typeof v === "boolean") return literal(Number(v), kwargs.range);
  b.error("invalid-value", `lr_scheduler_kwargs.${key} must be a number, not ${JSON.stringify(v)}`, kwargs.range);
  return undefined;
}

function kwOptional(b: Builder, kwargs: { values: Record<string, Plain>; range?: SourceRange }, key: string): Value | null | undefined {
  const v = kwargs.values[key];
  if (v === undefined || v === null) return null;
  if (typeof v === "number") return literal(v, kwargs.range);
  b.error("invalid-value", `lr_scheduler_kwargs.${key} must be a number, not ${JSON.stringify(v)}`, kwargs.range);
  return undefined;
}

function buildScheduler(
  b: Builder,
  type: SchedulerType,
  typeRange: SourceRange,
  kwargs: { values: Record<string, Plain>; range?: SourceRange },
  lr: Value,
  warmup: Value,
  total: Value,
): TorchSchedulerSpec | undefined {
  const accepted = acceptedKwargs[type];
  if (Array.isArray(accepted)) {
    for (const key of Object.keys(kwargs.values)) {
      if (key === "num_warmup_steps" || key === "num_training_steps") {
        b.error("invalid-value", `lr_scheduler_kwargs.${key}: TypeError: got multiple values for argument '${key}' (get_scheduler passes it)`, kwargs.range);
      } else if (!accepted.includes(key)) {
        b.error("invalid-value", `lr_scheduler_kwargs.${key}: TypeError: unexpected keyword argument for lr_scheduler_type '${type}' (accepted: ${accepted.join(", ")})`, kwargs.range);
      }
    }
    const last = kwargs.values.last_epoch;
    if (last !== undefined && last !== -1) b.problems.push({ severity: "warning", code: "unsupported", message: "lr_scheduler_kwargs.last_epoch (resuming) is not followed: the curve starts from step 0", range: kwargs.range });
  } else if (accepted === "ignored" && Object.keys(kwargs.values).length > 0) {
    b.problems.push({ severity: "info", code: "kwargs-ignored", message: `get_scheduler passes no lr_scheduler_kwargs to '${type}': they are ignored`, range: kwargs.range });
  }
  if (b.fatal) return undefined;

  const W = warmup.value;
  const T = total.value;
  const src = (fn: string, arg: string): string => `${fn} default (${arg})`;
  const args: Record<string, Value> = { learningRate: lr, numWarmupSteps: warmup, numTrainingSteps: total };
  const lambda = (text: string, fn: (step: number) => number): TorchSchedulerSpec => ({ kind: "LambdaLR", name: type, range: typeRange, args, lambdas: [{ text, range: typeRange, fn }] });

  if (b.args.flavor === "axolotl") {
    const special = axolotlScheduler(b, type, lr, warmup, total, args, typeRange, lambda);
    if (special !== null) return special;
  }

  switch (type) {
    case "constant":
      return lambda("get_constant_schedule()", constantLambda);
    case "constant_with_warmup":
      return lambda(`get_constant_schedule_with_warmup(num_warmup_steps=${W})`, (s) => constantWithWarmupLambda(s, { numWarmupSteps: W }));
    case "linear":
      return lambda(`get_linear_schedule_with_warmup(num_warmup_steps=${W}, num_training_steps=${T})`, (s) => linearLambda(s, { numWarmupSteps: W, numTrainingSteps: T }));
    case "cosine":
    case "cosine_with_restarts": {
      const fnName = type === "cosine" ? "get_cosine_schedule_with_warmup" : "get_cosine_with_hard_restarts_schedule_with_warmup";
      const cycles = kwNum(b, kwargs, "num_cycles", type === "cosine" ? 0.5 : 1, src(fnName, "num_cycles"));
      if (!cycles) return undefined;
      args.numCycles = cycles;
      const p = { numWarmupSteps: W, numTrainingSteps: T, numCycles: cycles.value };
      return lambda(`${fnName}(num_warmup_steps=${W}, num_training_steps=${T}, num_cycles=${cycles.value})`, type === "cosine" ? (s) => cosineLambda(s, p) : (s) => cosineWithRestartsLambda(s, p));
    }
    case "polynomial": {
      const fnName = "get_polynomial_decay_schedule_with_warmup";
      const lrEnd = kwNum(b, kwargs, "lr_end", 1e-7, src(fnName, "lr_end"));
      const power = kwNum(b, kwargs, "power", 1.0, src(fnName, "power"));
      if (!lrEnd || !power) return undefined;
      if (!(lr.value > lrEnd.value)) {
        b.error("invalid-value", `ValueError: lr_end (${lrEnd.value}) must be smaller than initial lr (${lr.value})`, kwargs.range ?? typeRange);
        return undefined;
      }
      Object.assign(args, { lrEnd, power });
      // lr_init is `optimizer.defaults["lr"]`, i.e. learning_rate.
      const p = { numWarmupSteps: W, numTrainingSteps: T, lrEnd: lrEnd.value, power: power.value, lrInit: lr.value };
      return lambda(`${fnName}(num_warmup_steps=${W}, num_training_steps=${T}, lr_end=${lrEnd.value}, power=${power.value})`, (s) => polynomialLambda(s, p));
    }
    case "inverse_sqrt": {
      const given = kwOptional(b, kwargs, "timescale");
      if (given === undefined) return undefined;
      const timescale = given ?? derived(inverseSqrtTimescale(W), `num_warmup_steps or 10_000`, [warmup]);
      args.timescale = timescale;
      const p = { numWarmupSteps: W, timescale: timescale.value };
      return lambda(`get_inverse_sqrt_schedule(num_warmup_steps=${W}, timescale=${timescale.value})`, (s) => inverseSqrtLambda(s, p));
    }
    case "cosine_with_min_lr":
    case "cosine_warmup_with_min_lr": {
      const fnName = type === "cosine_with_min_lr" ? "get_cosine_with_min_lr_schedule_with_warmup" : "get_cosine_with_min_lr_schedule_with_warmup_lr_rate";
      const cycles = kwNum(b, kwargs, "num_cycles", 0.5, src(fnName, "num_cycles"));
      const minLr = kwOptional(b, kwargs, "min_lr");
      const minLrRate = kwOptional(b, kwargs, "min_lr_rate");
      const warmupLrRate = type === "cosine_warmup_with_min_lr" ? kwOptional(b, kwargs, "warmup_lr_rate") : null;
      if (!cycles || minLr === undefined || minLrRate === undefined || warmupLrRate === undefined) return undefined;
      let rate: Value;
      if (minLr && minLrRate) {
        b.error("invalid-value", "ValueError: Only one of min_lr or min_lr_rate should be set", kwargs.range);
        return undefined;
      } else if (minLr) rate = derived(minLr.value / lr.value, `min_lr / learning_rate = ${minLr.value} / ${lr.value}`, [minLr, lr], minLr.range);
      else if (minLrRate) rate = minLrRate;
      else {
        b.error("missing-key", `ValueError: '${type}' needs min_lr or min_lr_rate in lr_scheduler_kwargs`, kwargs.range ?? typeRange);
        return undefined;
      }
      Object.assign(args, { numCycles: cycles, minLrRate: rate });
      if (type === "cosine_with_min_lr") {
        const p = { numWarmupSteps: W, numTrainingSteps: T, numCycles: cycles.value, minLrRate: rate.value };
        return lambda(`${fnName}(num_warmup_steps=${W}, num_training_steps=${T}, num_cycles=${cycles.value}, min_lr_rate=${rate.value})`, (s) => cosineWithMinLrLambda(s, p));
      }
      if (warmupLrRate) args.warmupLrRate = warmupLrRate;
      const p = { numWarmupSteps: W, numTrainingSteps: T, numCycles: cycles.value, minLrRate: rate.value, warmupLrRate: warmupLrRate ? warmupLrRate.value : null };
      return lambda(`${fnName}(num_warmup_steps=${W}, num_training_steps=${T}, num_cycles=${cycles.value}, min_lr_rate=${rate.value}${warmupLrRate ? `, warmup_lr_rate=${warmupLrRate.value}` : ""})`, (s) => cosineWarmupWithMinLrLambda(s, p));
    }
    case "warmup_stable_decay":
      return wsd(b, kwargs, warmup, total, args, lambda);
    case "reduce_lr_on_plateau":
    case "greedy":
      b.problems.push({
        severity: "info",
        code: "metric-dependent",
        message: `'${type}' changes the learning rate from the evaluation metric, which no file can tell: shown flat at learning_rate (the Trainer steps it after each evaluation, not each step)`,
        range: typeRange,
      });
      return type === "reduce_lr_on_plateau" ? { kind: "ReduceLROnPlateau", name: type, range: typeRange, args } : lambda("GreedyLR (metric-driven)", constantLambda);
  }
}

/** `get_wsd_schedule`; LLaMA-Factory fills in `num_stable_steps`/`num_decay_steps` first. */
function wsd(
  b: Builder,
  kwargs: { values: Record<string, Plain>; range?: SourceRange },
  warmup: Value,
  total: Value,
  args: Record<string, Value>,
  lambda: (text: string, fn: (step: number) => number) => TorchSchedulerSpec,
): TorchSchedulerSpec | undefined {
  const fnName = "get_wsd_schedule";
  const W = warmup.value;
  const T = total.value;
  let decay = kwOptional(b, kwargs, "num_decay_steps");
  let stable = kwOptional(b, kwargs, "num_stable_steps");
  if (decay === undefined || stable === undefined) return undefined;
  if (b.args.flavor === "llamafactory") {
    // LLaMA-Factory src/llamafactory/train/trainer_utils.py `create_custom_scheduler`: a third of the steps
    // after warmup are stable, the rest decay, unless lr_scheduler_kwargs says otherwise.
    const remaining = T - W;
    const stableDefault = Math.floor(remaining / 3);
    if (!stable) stable = derived(stableDefault, `(${T} - ${W}) // 3 (LLaMA-Factory default)`, [total, warmup]);
    if (!decay) decay = derived(remaining - stableDefault, `${T} - ${W} - ${stableDefault} (LLaMA-Factory default)`, [total, warmup]);
  }
  if (!decay) {
    b.error("missing-key", "TypeError: get_wsd_schedule() missing 1 required positional argument: 'num_decay_steps' (set it in lr_scheduler_kwargs)", kwargs.range ?? b.args.source);
    return undefined;
  }
  if (kwargs.values.num_stable_steps !== undefined && kwargs.values.num_stable_steps !== null)
    b.problems.push({ severity: "info", code: "wsd-stable-given", message: "num_stable_steps is given, so the training length does not place the decay: steps after warmup + stable + decay stay at min_lr_ratio", range: kwargs.range });
  stable ??= derived(T - W - decay.value, `${T} - ${W} - ${decay.value}`, [total, warmup, decay]);
  const shape = (key: string, fallback: WsdShape): WsdShape | undefined => {
    const v = kwargs.values[key] ?? fallback;
    if (v === "linear" || v === "cosine" || v === "1-sqrt") return v;
    b.error("invalid-value", `ValueError: Unknown ${key.replace("_type", "")} type: ${JSON.stringify(v)}, expected 'linear', 'cosine' or '1-sqrt'`, kwargs.range);
    return undefined;
  };
  const warmupType = shape("warmup_type", "linear");
  const decayType = shape("decay_type", "cosine");
  const minLrRatio = kwNum(b, kwargs, "min_lr_ratio", 0, `${fnName} default (min_lr_ratio)`);
  const cycles = kwNum(b, kwargs, "num_cycles", 0.5, `${fnName} default (num_cycles)`);
  if (!warmupType || !decayType || !minLrRatio || !cycles) return undefined;
  Object.assign(args, { numStableSteps: stable, numDecaySteps: decay, minLrRatio, numCycles: cycles });
  const p = { numWarmupSteps: W, numStableSteps: stable.value, numDecaySteps: decay.value, warmupType, decayType, minLrRatio: minLrRatio.value, numCycles: cycles.value };
  return lambda(
    `${fnName}(num_warmup_steps=${W}, num_stable_steps=${p.numStableSteps}, num_decay_steps=${p.numDecaySteps}, warmup_type='${warmupType}', decay_type='${decayType}', min_lr_ratio=${p.minLrRatio}, num_cycles=${p.numCycles})`,
    (s) => wsdLambda(s, p),
  );
}

/**
 * axolotl's own schedulers (src/axolotl/core/trainers/mixins/scheduler.py `create_scheduler`), chosen before
 * the Trainer's; `null` when axolotl hands over to the Trainer.
 */
function axolotlScheduler(
  b: Builder,
  type: SchedulerType,
  lr: Value,
  warmup: Value,
  total: Value,
  args: Record<string, Value>,
  typeRange: SourceRange,
  lambda: (text: string, fn: (step: number) => number) => TorchSchedulerSpec,
): TorchSchedulerSpec | undefined | null {
  const W = warmup.value;
  const T = total.value;
  const alternate = b.get("alternate_lr_scheduler_type")?.value;
  const minRatio = b.num("cosine_min_lr_ratio", undefined);
  const constantRatio = b.num("cosine_constant_lr_ratio", undefined);
  const quadratic = b.get("lr_quadratic_warmup")?.value === true;
  if (isSet(b.get("jagged_restart_steps"))) {
    b.error("unsupported", "jagged_restart_steps (axolotl's JaggedLRRestartScheduler) is not followed yet", b.get("jagged_restart_steps")?.keyRange);
    return undefined;
  }
  if (alternate === "one_cycle") {
    // torch OneCycleLR(max_lr=learning_rate, total_steps, pct_start=warmup/total, anneal_strategy="cos", **lr_scheduler_kwargs).
    const kw = b.kwargs()?.values ?? {};
    const pct = typeof kw.pct_start === "number" ? literal(kw.pct_start) : derived(W / T, `${W} / ${T}`, [warmup, total]);
    const anneal = kw.anneal_strategy === "linear" ? "linear" : "cos";
    const num = (k: string, d: number): number => (typeof kw[k] === "number" ? kw[k] : d);
    return {
      kind: "OneCycleLR",
      name: "one_cycle",
      range: typeRange,
      args: { ...args, pctStart: pct },
      maxLr: [lr.value],
      totalSteps: T,
      pctStart: pct.value,
      annealStrategy: anneal,
      cycleMomentum: kw.cycle_momentum !== false,
      baseMomentum: [num("base_momentum", 0.85)],
      maxMomentum: [num("max_momentum", 0.95)],
      divFactor: num("div_factor", 25.0),
      finalDivFactor: num("final_div_factor", 1e4),
      threePhase: kw.three_phase === true,
    };
  }
  if (alternate === "rex") {
    b.error("unsupported", "lr_scheduler: rex (axolotl's RexLR) is not followed yet", typeRange);
    return undefined;
  }
  if (type !== "cosine") return null;
  if (quadratic) {
    if (minRatio) b.problems.push({ severity: "warning", code: "ignored-key", message: "axolotl uses the quadratic warmup and ignores cosine_min_lr_ratio", range: b.get("cosine_min_lr_ratio")?.keyRange });
    const p = { numWarmupSteps: W, numTrainingSteps: T, numCycles: 0.5 };
    return lambda(`get_cosine_schedule_with_quadratic_warmup(num_warmup_steps=${W}, num_training_steps=${T})`, (s) => cosineQuadraticWarmupLambda(s, p));
  }
  // `if self.args.cosine_min_lr_ratio and ...`: a ratio of 0 is falsy and falls through to the Trainer's cosine.
  if (minRatio && minRatio.value !== 0) {
    if (minRatio.value < 0 || minRatio.value > 1) {
      b.error("invalid-value", "AssertionError: cosine_min_lr_ratio must be between 0.0 and 1.0", minRatio.range);
      return undefined;
    }
    args.minLrRatio = minRatio;
    if (constantRatio && constantRatio.value !== 0) {
      if (constantRatio.value < 0 || constantRatio.value > 1) {
        b.error("invalid-value", "AssertionError: cosine_constant_lr_ratio must be between 0.0 and 1.0", constantRatio.range);
        return undefined;
      }
      args.constantLrRatio = constantRatio;
      const p = { numWarmupSteps: W, numTrainingSteps: T, minLrRatio: minRatio.value, constantLrRatio: constantRatio.value, numCycles: 0.5 };
      return lambda(`get_cosine_schedule_with_warmup_decay_constant(num_warmup_steps=${W}, num_training_steps=${T}, min_lr_ratio=${p.minLrRatio}, constant_lr_ratio=${p.constantLrRatio})`, (s) => cosineDecayConstantLambda(s, p));
    }
    const p = { numWarmupSteps: W, numTrainingSteps: T, minLrRatio: minRatio.value };
    return lambda(`get_cosine_schedule_with_min_lr(num_warmup_steps=${W}, num_training_steps=${T}, min_lr_ratio=${p.minLrRatio})`, (s) => axolotlCosineMinLrLambda(s, p));
  }
  return null;
}

/**
 * With DeepSpeed, a `scheduler` section of its config replaces the Trainer's scheduler
 * (transformers integrations/deepspeed.py `deepspeed_optim_sched`).
 */
function deepSpeedScheduler(b: Builder): void {
  const s = b.get("deepspeed");
  if (!isSet(s)) return;
  const v = s.value;
  if (typeof v === "object" && v !== null && !Array.isArray(v) && "scheduler" in v) {
    b.problems.push({ severity: "warning", code: "deepspeed-scheduler", message: "The DeepSpeed config has a scheduler section, which replaces lr_scheduler_type: the curve shown is the Trainer's, not DeepSpeed's", range: s.range });
  }
}
