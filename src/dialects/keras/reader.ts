import type { Assumption, Problem } from "../../core/problem";
import type { SourceRange } from "../../core/range";
import type { KerasCallbackSpec, KerasProgram, KerasScheduleKind, KerasScheduleSpec } from "../../core/keras/spec";
import type { ScheduleDescription } from "../../core/schedule";
import { derived, frameworkDefault, userInput, type Value } from "../../core/value";
import { Interpreter, type CallSite, type EvaluatedArguments, type Host } from "../../parse/python/interpreter";
import { compileNumericN } from "../../parse/python/numeric";
import { kids, parsePython, type PythonFile, type SyntaxNode } from "../../parse/python/syntax";
import type { PyVal } from "../../parse/python/values";
import type { ReaderContext, ReadResult } from "../index";
import { pinnedVersion } from "../versions";
import { kerasFunctions } from "./functions";
import { ArgReader, bindArguments, type PySignature } from "./pyargs";

export const KERAS_REFERENCE = "keras-team/keras keras/src/optimizers/schedules/learning_rate_schedule.py";

/** Constructor signatures of `keras.optimizers.schedules` (Keras 3; tf.keras 2.13+ has the same). */
const scheduleSignatures: Readonly<Record<KerasScheduleKind["kind"], PySignature>> = {
  ExponentialDecay: [["initial_learning_rate", "required"], ["decay_steps", "required"], ["decay_rate", "required"], ["staircase", false]],
  PiecewiseConstantDecay: [["boundaries", "required"], ["values", "required"]],
  PolynomialDecay: [["initial_learning_rate", "required"], ["decay_steps", "required"], ["end_learning_rate", 0.0001], ["power", 1.0], ["cycle", false]],
  InverseTimeDecay: [["initial_learning_rate", "required"], ["decay_steps", "required"], ["decay_rate", "required"], ["staircase", false]],
  CosineDecay: [["initial_learning_rate", "required"], ["decay_steps", "required"], ["alpha", 0.0], ["name", null], ["warmup_target", null], ["warmup_steps", 0]],
  CosineDecayRestarts: [["initial_learning_rate", "required"], ["first_decay_steps", "required"], ["t_mul", 2.0], ["m_mul", 1.0], ["alpha", 0.0]],
};

/** Default `learning_rate` of each Keras optimizer (keras/src/optimizers/*.py). */
const optimizerDefaults: Readonly<Record<string, number>> = {
  sgd: 0.01,
  adam: 0.001,
  adamw: 0.001,
  rmsprop: 0.001,
  adagrad: 0.001,
  adadelta: 0.001,
  adamax: 0.001,
  nadam: 0.001,
  ftrl: 0.001,
  lion: 0.001,
  lamb: 0.001,
  adafactor: 0.001,
};

interface ScheduleData {
  readonly spec: KerasScheduleSpec | { readonly error: true; readonly name: string; readonly range: SourceRange };
  readonly problems: Problem[];
  readonly order: number;
}

interface CallbackData {
  readonly fn?: PyVal;
  readonly node?: SyntaxNode;
  readonly range: SourceRange;
  readonly name: string;
  readonly order: number;
}

interface OptimizerData {
  readonly className: string;
  readonly lr?: PyVal;
  readonly lrNode?: SyntaxNode;
  readonly range: SourceRange;
}

interface FitData {
  readonly epochs?: PyVal;
  readonly epochsNode?: SyntaxNode;
  readonly stepsPerEpoch?: PyVal;
  readonly range: SourceRange;
}

/**
 * Reads Keras / TensorFlow scripts that construct `keras.optimizers.schedules.*` objects or a
 * `keras.callbacks.LearningRateScheduler`, statically. `undefined` for Python files that do neither.
 */
export function readKeras(fileName: string, text: string, context: ReaderContext): ReadResult | undefined {
  if (!/keras|tensorflow/.test(text) || !/(Decay|Restarts|LearningRateScheduler)\b/.test(text)) return undefined;
  const file = parsePython(fileName, text);
  const host = new KerasHost(file);
  const interp = new Interpreter(file, host);
  host.interp = interp;
  interp.run();
  if (host.schedules.size === 0 && host.callbacks.size === 0) return undefined;

  const info: Problem[] = [];
  const pin = pinnedVersion(context.files, fileName, "keras") ?? pinnedVersion(context.files, fileName, "tensorflow");
  const followed = pin
    ? `The workspace pins ${pin.package} ${pin.spec}: its schedules compute as Keras 3's (${KERAS_REFERENCE}), which this curve follows, in float32.`
    : `No Keras or TensorFlow version is pinned: following the current Keras 3 (${KERAS_REFERENCE}), in float32.`;
  info.push({ severity: "info", code: "framework-version", message: followed, range: pin?.range });

  const fit = host.fits[0];
  const schedules: { order: number; desc: ScheduleDescription }[] = [];
  for (const s of host.schedules.values()) schedules.push({ order: s.order, desc: describeSchedule(s, fit, context, info) });
  for (const c of host.callbacks.values()) schedules.push({ order: c.order, desc: describeCallback(c, host, fit, context, interp, info) });
  schedules.sort((a, b) => a.order - b.order);
  return { schedules: schedules.map((s) => s.desc), problems: [] };
}

function trainLength(fit: FitData | undefined, context: ReaderContext): { epochs?: Value; stepsPerEpoch?: Value; assumptions: Assumption[]; problems: Problem[] } {
  const assumptions: Assumption[] = [];
  const problems: Problem[] = [];
  if (!fit) return { assumptions, problems };
  let epochs: Value | undefined;
  if (context.inputs.epochs !== undefined) epochs = userInput(context.inputs.epochs, "--epochs");
  else if (fit.epochs === undefined) epochs = frameworkDefault(1, "keras Model.fit default epochs=1");
  else if (fit.epochs.kind === "num") epochs = fit.epochs.prov;
  else assumptions.push({ input: "epochs", message: `model.fit epochs cannot be read: ${fit.epochs.kind === "unknown" ? fit.epochs.reason : "not a number"}`, range: fit.range });
  let stepsPerEpoch: Value | undefined;
  if (context.inputs.stepsPerEpoch !== undefined) stepsPerEpoch = userInput(context.inputs.stepsPerEpoch, "--steps-per-epoch");
  else if (fit.stepsPerEpoch?.kind === "num") stepsPerEpoch = fit.stepsPerEpoch.prov;
  return { epochs, stepsPerEpoch, assumptions, problems };
}

function describeSchedule(s: ScheduleData, fit: FitData | undefined, context: ReaderContext, info: readonly Problem[]): ScheduleDescription {
  const problems: Problem[] = [...s.problems, ...info];
  const assumptions: Assumption[] = [];
  const spec = "error" in s.spec ? undefined : s.spec;
  const range = s.spec.range!;
  let total: Value | undefined;
  const length = trainLength(fit, context);
  assumptions.push(...length.assumptions);
  if (context.inputs.totalSteps !== undefined) {
    total = userInput(context.inputs.totalSteps, "--total-steps");
    assumptions.push({ input: "totalSteps", message: `--total-steps ${context.inputs.totalSteps} (given)`, value: context.inputs.totalSteps });
  } else if (fit && length.epochs) {
    if (length.stepsPerEpoch) {
      total = derived(length.epochs.value * length.stepsPerEpoch.value, "epochs × steps per epoch", [length.epochs, length.stepsPerEpoch], fit.range);
      if (length.stepsPerEpoch.origin.kind === "user") assumptions.push({ input: "stepsPerEpoch", message: `--steps-per-epoch ${length.stepsPerEpoch.value} (given)`, value: length.stepsPerEpoch.value });
    } else {
      assumptions.push({ input: "stepsPerEpoch", message: "model.fit runs ceil(samples / batch_size) optimizer steps per epoch, which depends on the dataset: give the steps per epoch", range: fit.range });
    }
    if (length.epochs.origin.kind === "default") assumptions.push({ input: "epochs", message: "model.fit without epochs trains 1 epoch (Keras default)", value: 1, range: fit.range });
  } else if (spec) {
    const natural = naturalLength(spec);
    if (natural !== undefined) {
      total = frameworkDefault(natural.value, natural.text);
      assumptions.push({ input: "totalSteps", message: `No model.fit in this file: the curve runs ${natural.text} (${natural.value} steps); give the training length in steps`, value: natural.value, range });
    } else {
      assumptions.push({ input: "totalSteps", message: "No model.fit in this file and the schedule has no end: give the training length in steps", range });
    }
  }
  const program: KerasProgram | undefined = spec ? { family: "keras", schedule: spec, summary: [summarise(spec.kind, spec.args)] } : undefined;
  return {
    name: s.spec.name,
    dialect: "keras",
    unit: "step",
    total: program ? total : undefined,
    epochs: length.epochs,
    stepsPerEpoch: length.stepsPerEpoch,
    groups: [{ lr: spec ? (spec.args["initial_learning_rate"] ?? spec.args["values[0]"] ?? frameworkDefault(0, "schedule")) : frameworkDefault(0, "schedule") }],
    program: program ?? { family: "keras", schedule: { kind: "PiecewiseConstantDecay", boundaries: [], values: [NaN], name: s.spec.name, range, args: {} }, summary: [] },
    source: range,
    assumptions,
    problems,
  };
}

/** How long the schedule runs until it holds, where it says (`decay_steps`...). */
function naturalLength(spec: KerasScheduleSpec): { value: number; text: string } | undefined {
  switch (spec.kind) {
    case "CosineDecay":
      return spec.warmupTarget !== null && spec.warmupSteps > 0 ? { value: spec.warmupSteps + spec.decaySteps, text: "warmup_steps + decay_steps" } : { value: spec.decaySteps, text: "decay_steps" };
    case "PolynomialDecay":
      return spec.cycle ? undefined : { value: spec.decaySteps, text: "decay_steps" };
    default:
      return undefined;
  }
}

function summarise(kind: string, args: Readonly<Record<string, Value>>): string {
  return `${kind}(${Object.entries(args)
    .map(([k, v]) => `${k}=${v.value}`)
    .join(", ")})`;
}

function describeCallback(c: CallbackData, host: KerasHost, fit: FitData | undefined, context: ReaderContext, interp: Interpreter, info: readonly Problem[]): ScheduleDescription {
  const problems: Problem[] = [...info];
  const assumptions: Assumption[] = [];
  const length = trainLength(fit, context);
  assumptions.push(...length.assumptions);
  let total: Value | undefined = length.epochs;
  if (!fit && context.inputs.epochs === undefined) assumptions.push({ input: "epochs", message: "No model.fit in this file: give the number of epochs", range: c.range });
  if (length.epochs?.origin.kind === "default") assumptions.push({ input: "epochs", message: "model.fit without epochs trains 1 epoch (Keras default)", value: 1, range: fit?.range });
  if (context.inputs.totalSteps !== undefined) problems.push({ severity: "info", code: "total-steps-ignored", message: "--total-steps is ignored: LearningRateScheduler changes the learning rate once per epoch" });
  if (!fit && context.inputs.epochs !== undefined) total = userInput(context.inputs.epochs, "--epochs");

  // The optimizer's learning rate before the first epoch.
  const opt = host.compiled[0];
  let initial: Value | undefined;
  if (!opt) {
    problems.push({ severity: "warning", code: "optimizer-not-found", message: "No model.compile(optimizer=...) in this file: the learning rate LearningRateScheduler starts from is unknown", range: c.range });
  } else if (opt.lr === undefined) {
    const d = optimizerDefaults[opt.className.toLowerCase()];
    if (d !== undefined) initial = frameworkDefault(d, `keras.optimizers.${opt.className} default learning_rate`);
    else problems.push({ severity: "warning", code: "optimizer-unknown", message: `${opt.className}: its default learning rate is not known here`, range: opt.range });
  } else if (opt.lr.kind === "num") initial = opt.lr.prov;
  else problems.push({ severity: "error", code: "value-not-static", message: `The optimizer's learning_rate cannot be read: ${opt.lr.kind === "unknown" ? opt.lr.reason : opt.lr.kind === "object" ? "a schedule object cannot be combined with LearningRateScheduler (Keras raises TypeError)" : "not a number"}`, range: opt.lrNode ? interp.range(opt.lrNode) : opt.range });

  let spec: KerasCallbackSpec | undefined;
  const fn = c.fn;
  if (fn?.kind !== "func") {
    problems.push({ severity: "error", code: "lambda-not-static", message: `LearningRateScheduler's schedule ${fn?.kind === "unknown" ? `cannot be read: ${fn.reason}` : "is not a function of this file"}`, range: c.node ? interp.range(c.node) : c.range });
  } else {
    let compiled = compileNumericN(fn, interp, 2, kerasFunctions);
    let arity = 2;
    if (typeof compiled !== "function" && /takes 1 arguments/.test(compiled.reason)) {
      compiled = compileNumericN(fn, interp, 1, kerasFunctions);
      arity = 1;
    }
    if (typeof compiled !== "function") problems.push({ severity: "error", code: "lambda-not-static", message: `LearningRateScheduler's schedule cannot be read statically: ${compiled.reason}`, range: compiled.range ?? c.range });
    else if (arity === 2 && !initial) problems.push({ severity: "error", code: "initial-lr-unknown", message: `${fn.name}(epoch, lr) starts from the optimizer's learning rate, which cannot be read`, range: c.range });
    else {
      const f = compiled;
      spec = { kind: "LearningRateScheduler", name: c.name, initialLr: initial?.value ?? NaN, fn: arity === 2 ? (e, lr) => f(e, lr) : (e) => f(e), text: interp.file.textOf(fn.node).split("\n")[0]!, range: c.range, args: initial ? { learning_rate: initial } : {} };
    }
  }
  const program: KerasProgram = spec
    ? { family: "keras", schedule: spec, summary: [`LearningRateScheduler(${spec.text})`] }
    : { family: "keras", schedule: { kind: "LearningRateScheduler", name: c.name, initialLr: NaN, fn: () => NaN, text: "", range: c.range, args: {} }, summary: [] };
  return {
    name: c.name,
    dialect: "keras",
    unit: "epoch",
    total: spec ? total : undefined,
    epochs: total,
    groups: [{ lr: initial ?? frameworkDefault(NaN, "unknown") }],
    program,
    source: c.range,
    assumptions,
    problems,
  };
}

/** The name a call's result is assigned to (`lr_schedule = ...`), or `fallback`. */
export function targetName(file: PythonFile, site: CallSite, fallback: string): string {
  const parent = site.node.parent;
  if (parent?.name === "AssignStatement") {
    const target = parent.firstChild;
    if (target && target.name === "VariableName") return file.textOf(target);
  }
  return fallback;
}

/** `obj.method(...)` as written: the method's name, whatever `obj` is. */
export function methodName(file: PythonFile, site: CallSite): string | undefined {
  const callee = kids(site.node)[0];
  if (callee?.name !== "MemberExpression") return undefined;
  const prop = kids(callee).at(-1);
  return prop?.name === "PropertyName" ? file.textOf(prop) : undefined;
}

const kerasPath = /(^|\.)(keras|tf_keras|tensorflow)(\.|$)/;

class KerasHost implements Host {
  /** By construction site: a function read twice constructs the same schedule once. */
  readonly schedules = new Map<string, ScheduleData>();
  readonly callbacks = new Map<string, CallbackData>();
  readonly compiled: OptimizerData[] = [];
  readonly fits: FitData[] = [];
  interp!: Interpreter;
  private order = 0;

  constructor(private readonly file: PythonFile) {}

  call(callee: PyVal, args: EvaluatedArguments, site: CallSite): PyVal | undefined {
    const method = methodName(this.file, site);
    if (callee.kind === "ref" && (kerasPath.test(callee.path) || !callee.imported)) {
      const last = callee.path.split(".").at(-1)!;
      if (last in scheduleSignatures) return this.schedule(last as KerasScheduleKind["kind"], args, site);
      if (last === "LearningRateScheduler") return this.callback(args, site);
      if (last.toLowerCase() in optimizerDefaults && (/optimizers/.test(callee.path) || !callee.imported)) return this.optimizer(last, args, site);
    }
    if (method === "compile") {
      const opt = args.keyword.get("optimizer") ?? args.positional[0];
      if (opt?.kind === "object" && opt.type === "keras.optimizer") this.compiled.push(opt.data as OptimizerData);
      else if (opt?.kind === "str") this.compiled.push({ className: opt.value, range: site.range });
      return { kind: "none" };
    }
    if (method === "fit") {
      const epochs = args.keyword.get("epochs") ?? args.positional[3];
      const epochsNode = args.syntax.keyword.get("epochs")?.value ?? args.syntax.positional[3];
      this.fits.push({ epochs, epochsNode, stepsPerEpoch: args.keyword.get("steps_per_epoch"), range: site.range });
      return undefined;
    }
    return undefined;
  }

  private key(site: CallSite): string {
    return `${site.range.startLine}:${site.range.startColumn}`;
  }

  private optimizer(className: string, args: EvaluatedArguments, site: CallSite): PyVal {
    const lr = args.keyword.get("learning_rate") ?? args.keyword.get("lr") ?? args.positional[0];
    const lrNode = args.syntax.keyword.get("learning_rate")?.value ?? args.syntax.keyword.get("lr")?.value ?? args.syntax.positional[0];
    return { kind: "object", type: "keras.optimizer", data: { className, lr, lrNode, range: site.range } satisfies OptimizerData };
  }

  private callback(args: EvaluatedArguments, site: CallSite): PyVal {
    const key = this.key(site);
    if (!this.callbacks.has(key)) {
      const fn = args.keyword.get("schedule") ?? args.positional[0];
      const node = args.syntax.keyword.get("schedule")?.value ?? args.syntax.positional[0];
      this.callbacks.set(key, { fn, node, range: site.range, name: targetName(this.file, site, "LearningRateScheduler"), order: this.order++ });
    }
    return { kind: "object", type: "keras.callback", data: this.callbacks.get(key) };
  }

  private schedule(kind: KerasScheduleKind["kind"], args: EvaluatedArguments, site: CallSite): PyVal {
    const key = this.key(site);
    const known = this.schedules.get(key);
    if (known) return { kind: "object", type: "keras.schedule", data: known };
    const name = targetName(this.file, site, kind);
    const r = new ArgReader(bindArguments(scheduleSignatures[kind], args), this.file, kind, `keras ${kind} default`, site.range);
    const problems = r.problems;
    let spec: KerasScheduleKind | undefined;
    switch (kind) {
      case "ExponentialDecay":
      case "InverseTimeDecay": {
        const [a, b, c, d] = [r.number("initial_learning_rate"), r.number("decay_steps"), r.number("decay_rate"), r.bool("staircase")];
        if (a !== undefined && b !== undefined && c !== undefined && d !== undefined) spec = { kind, initialLearningRate: a, decaySteps: b, decayRate: c, staircase: d };
        break;
      }
      case "PiecewiseConstantDecay": {
        const [b, v] = [r.numbers("boundaries"), r.numbers("values")];
        if (b && v) {
          if (b.length !== v.length - 1) problems.push({ severity: "error", code: "invalid-argument", message: `PiecewiseConstantDecay: boundaries has ${b.length} entries and values ${v.length}; Keras raises ValueError (values needs one more)`, range: site.range });
          else spec = { kind, boundaries: b, values: v };
        }
        break;
      }
      case "PolynomialDecay": {
        const [a, b, c, d, e] = [r.number("initial_learning_rate"), r.number("decay_steps"), r.number("end_learning_rate"), r.number("power"), r.bool("cycle")];
        if (a !== undefined && b !== undefined && c !== undefined && d !== undefined && e !== undefined) spec = { kind, initialLearningRate: a, decaySteps: b, endLearningRate: c, power: d, cycle: e };
        break;
      }
      case "CosineDecay": {
        const [a, b, c, d, e] = [r.number("initial_learning_rate"), r.number("decay_steps"), r.number("alpha"), r.optionalNumber("warmup_target"), r.number("warmup_steps")];
        if (a !== undefined && b !== undefined && c !== undefined && d !== undefined && e !== undefined) spec = { kind, initialLearningRate: a, decaySteps: b, alpha: c, warmupTarget: d, warmupSteps: e };
        break;
      }
      case "CosineDecayRestarts": {
        const [a, b, c, d, e] = [r.number("initial_learning_rate"), r.number("first_decay_steps"), r.number("t_mul"), r.number("m_mul"), r.number("alpha")];
        if (a !== undefined && b !== undefined && c !== undefined && d !== undefined && e !== undefined) spec = { kind, initialLearningRate: a, firstDecaySteps: b, tMul: c, mMul: d, alpha: e };
        break;
      }
    }
    if (spec && "decaySteps" in spec && spec.decaySteps <= 0) {
      problems.push({ severity: "error", code: "invalid-argument", message: `${kind}: decay_steps must be > 0 (Keras raises ValueError)`, range: site.range });
      spec = undefined;
    }
    if (spec && "firstDecaySteps" in spec && spec.firstDecaySteps <= 0) {
      problems.push({ severity: "error", code: "invalid-argument", message: `${kind}: first_decay_steps must be > 0 (Keras raises ValueError)`, range: site.range });
      spec = undefined;
    }
    const data: ScheduleData = { spec: spec ? { ...spec, name, range: site.range, args: r.values } : { error: true, name, range: site.range }, problems, order: this.order++ };
    this.schedules.set(key, data);
    return { kind: "object", type: "keras.schedule", data };
  }
}
