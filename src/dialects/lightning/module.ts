import type { Problem } from "../../core/problem";
import type { SourceRange } from "../../core/range";
import type { ParamGroup, Unit } from "../../core/schedule";
import type { TorchSchedulerSpec } from "../../core/torch/spec";
import { userInput, type Value } from "../../core/value";
import { Interpreter, type CallSite, type EvaluatedArguments, type Host } from "../../parse/python/interpreter";
import { compileNumeric } from "../../parse/python/numeric";
import { kids, parsePython, PythonFile, type SyntaxNode } from "../../parse/python/syntax";
import { unknown, type PyVal } from "../../parse/python/values";
import type { Inputs, ReadResult } from "../index";
import { optimizerSignatures, schedulerSignatures } from "../pytorch/signatures";
import { describeLightning } from "./describe";
import { buildTorchScheduler, torchOptimizerGroup, type Arg, type ArgProblem } from "./torchArgs";
import type { TrainerLimits } from "./trainer";

interface OptimizerData {
  readonly className: string;
  readonly name: string;
  readonly range: SourceRange;
  readonly groups: ParamGroup[];
  readonly problems: ArgProblem[];
  /** Every scheduler constructed on it, in order (construction changes the LR). */
  readonly schedulers: TorchSchedulerSpec[];
  readonly schedulerProblems: ArgProblem[];
}

interface SchedulerData {
  readonly optimizer: OptimizerData;
  /** Index in `optimizer.schedulers`; -1 when it could not be built. */
  readonly index: number;
  readonly name: string;
  readonly range: SourceRange;
}

interface ModuleClass {
  readonly name: string;
  readonly node: SyntaxNode;
  readonly bases: string[];
  readonly methods: Map<string, SyntaxNode>;
}

/**
 * `self`: attributes set in `__init__` (a Map, which the interpreter writes `self.x = ...` into), and
 * `hparams` once `save_hyperparameters()` ran.
 */
type SelfData = Map<string, PyVal>;

/** A LightningModule class of the file: one that defines `configure_optimizers`, or derives from one. */
function moduleClasses(file: PythonFile): ModuleClass[] {
  const out: ModuleClass[] = [];
  const visit = (node: SyntaxNode, depth: number): void => {
    if (depth > 4) return;
    for (const child of kids(node)) {
      const cls = child.name === "DecoratedStatement" ? child.getChild("ClassDefinition") : child.name === "ClassDefinition" ? child : null;
      if (cls) {
        const nameNode = cls.getChild("VariableName");
        const body = cls.getChild("Body");
        const methods = new Map<string, SyntaxNode>();
        for (const stmt of body ? kids(body) : []) {
          const fn = stmt.name === "DecoratedStatement" ? stmt.getChild("FunctionDefinition") : stmt.name === "FunctionDefinition" ? stmt : null;
          const fnName = fn?.getChild("VariableName");
          if (fn && fnName) methods.set(file.textOf(fnName), fn);
        }
        const argList = cls.getChild("ArgList");
        const bases = argList ? kids(argList).map((b) => file.textOf(b)) : [];
        if (nameNode) out.push({ name: file.textOf(nameNode), node: cls, bases, methods });
      } else if (child.name === "IfStatement" || child.name === "Body" || child.name === "TryStatement") visit(child, depth + 1);
    }
  };
  visit(file.tree.topNode, 0);
  return out;
}

/** Whether a Python file has a LightningModule with `configure_optimizers` (the PyTorch reader leaves those to this one). */
export function hasLightningModule(text: string): boolean {
  if (!text.includes("configure_optimizers")) return false;
  return moduleClasses(new PythonFile("module.py", text)).some((c) => c.methods.has("configure_optimizers"));
}

/**
 * Reads a LightningModule statically: `__init__` (with `save_hyperparameters()` and the defaults of its
 * parameters, or the arguments the file builds the model with), then `configure_optimizers(self)` and what
 * it returns — an optimizer, `[optimizers], [schedulers]`, or `{"optimizer", "lr_scheduler": {"scheduler",
 * "interval", "frequency"}}` (lightning/pytorch/core/optimizer.py `_configure_schedulers_automatic_opt`:
 * interval "epoch" and frequency 1 unless given). A `Trainer(max_epochs=..., max_steps=...)` in the file
 * gives the length. `undefined` for files without a LightningModule.
 */
export function readLightningModule(fileName: string, text: string, inputs: Inputs = {}): ReadResult | undefined {
  if (!text.includes("configure_optimizers")) return undefined;
  const file = parsePython(fileName, text);
  const classes = moduleClasses(file);
  const withConfigure = classes.filter((c) => resolveMethod(c, "configure_optimizers", classes));
  if (withConfigure.length === 0) return undefined;
  // Only the most derived classes: a base class's configure_optimizers is read through its subclass.
  const leaves = withConfigure.filter((c) => !withConfigure.some((d) => d !== c && d.bases.includes(c.name)));
  const host = new LightningHost(file, inputs, new Set(classes.map((c) => c.name)));
  const interp = new Interpreter(file, host);
  host.interp = interp;
  interp.run();

  const problems: Problem[] = [];
  const schedules = [];
  for (const cls of leaves) {
    const configure = resolveMethod(cls, "configure_optimizers", classes)!;
    const self: SelfData = new Map();
    const selfVal: PyVal = { kind: "object", type: "lightning.self", data: self };
    const init = resolveMethod(cls, "__init__", classes);
    if (init) {
      const values = initArguments(init, host.constructions.get(cls.name), interp, file);
      host.initArgs.set(self, values);
      interp.invoke({ kind: "func", node: init, scope: interp.module, name: "__init__" }, [selfVal, ...values.values()], init);
    }
    const before = host.optimizers.length;
    const returned = interp.invoke({ kind: "func", node: configure, scope: interp.module, name: "configure_optimizers" }, [selfVal], configure);
    const range = file.rangeOf(configure.getChild("VariableName") ?? configure);
    const configs = lrConfigs(returned, range);
    if (typeof configs === "string") {
      const built = host.optimizers.slice(before);
      problems.push({ severity: built.length > 0 ? "error" : "warning", code: "configure-optimizers-not-static", message: `${cls.name}.configure_optimizers: ${configs}`, range });
      continue;
    }
    for (const c of configs) {
      const opt = c.optimizer;
      const own: ArgProblem[] = [...opt.problems, ...opt.schedulerProblems, ...c.problems];
      if (c.scheduler && c.scheduler.index < 0) own.push({ severity: "error", code: "scheduler-not-built", message: `${c.scheduler.name} cannot be read`, range: c.scheduler.range });
      const stepped = c.scheduler && c.scheduler.index >= 0 ? c.scheduler.index : undefined;
      if (!c.scheduler) own.push({ severity: "info", code: "no-scheduler", message: "configure_optimizers returns no scheduler: the LR stays at the optimizer's", range: opt.range });
      const interval: Unit = c.interval;
      schedules.push(
        describeLightning(
          {
            name: c.scheduler?.name ?? opt.name,
            groups: opt.groups,
            schedulers: opt.schedulers,
            stepped,
            interval,
            frequency: c.frequency,
            limits: host.limits(),
            source: c.scheduler?.range ?? opt.range,
            problems: own,
          },
          inputs,
        ),
      );
    }
  }
  if (schedules.length === 0 && problems.length === 0) return undefined;
  return { schedules, problems };
}

function resolveMethod(cls: ModuleClass, name: string, all: readonly ModuleClass[], depth = 0): SyntaxNode | undefined {
  const own = cls.methods.get(name);
  if (own || depth > 8) return own;
  for (const base of cls.bases) {
    const b = all.find((c) => c.name === base);
    const found = b && resolveMethod(b, name, all, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** `__init__`'s parameters after `self`: the values the file builds the model with, else their defaults. */
function initArguments(init: SyntaxNode, call: EvaluatedArguments | undefined, interp: Interpreter, file: PythonFile): Map<string, PyVal> {
  const out = new Map<string, PyVal>();
  const params = init.getChild("ParamList");
  const items = params ? kids(params) : [];
  let position = -1;
  let star = false;
  for (let i = 0; i < items.length; i++) {
    const n = items[i]!;
    if (n.name === "*" || n.name === "**") {
      star = true;
      continue;
    }
    if (n.name !== "VariableName") continue;
    const name = file.textOf(n);
    let next = items[i + 1];
    if (next?.name === "TypeDef") next = items[++i + 1];
    const defaultNode = next?.name === "AssignOp" ? items[i + 2] : undefined;
    if (defaultNode) i += 2;
    position++;
    if (position === 0 || star) {
      star = false;
      continue;
    }
    const given = call?.keyword.get(name) ?? call?.positional[position - 1];
    out.set(name, given ?? (defaultNode ? interp.evaluate(defaultNode, interp.module) : unknown(`__init__ parameter ${name} is given by whoever builds the model`, file.rangeOf(n), "commandLine")));
  }
  return out;
}

interface LrConfig {
  readonly optimizer: OptimizerData;
  readonly scheduler?: SchedulerData;
  readonly interval: Unit;
  readonly frequency: number;
  readonly problems: ArgProblem[];
}

/** The forms configure_optimizers may return (lightning/pytorch/core/optimizer.py `_configure_optimizers`). */
function lrConfigs(v: PyVal, range: SourceRange): LrConfig[] | string {
  const isOpt = (x: PyVal): x is PyVal & { kind: "object" } => x.kind === "object" && x.type === "torch.optimizer";
  const isSched = (x: PyVal): x is PyVal & { kind: "object" } => x.kind === "object" && x.type === "torch.scheduler";
  const get = (d: PyVal & { kind: "dict" }, key: string): PyVal | undefined => d.entries.find(([k]) => k.kind === "str" && k.value === key)?.[1];
  const schedulerConfig = (x: PyVal, fallbackOpt?: OptimizerData): LrConfig | string => {
    if (isSched(x)) {
      const s = x.data as SchedulerData;
      return { optimizer: s.optimizer, scheduler: s, interval: "epoch", frequency: 1, problems: [] };
    }
    if (x.kind === "dict") {
      const s = get(x, "scheduler");
      if (!s || !isSched(s)) return s?.kind === "unknown" ? `the scheduler cannot be read: ${s.reason}` : "the lr_scheduler dict has no scheduler this reader can read";
      const sd = s.data as SchedulerData;
      const problems: ArgProblem[] = [];
      const intervalVal = get(x, "interval");
      let interval: Unit = "epoch";
      if (intervalVal?.kind === "str") {
        if (intervalVal.value === "step" || intervalVal.value === "epoch") interval = intervalVal.value;
        else problems.push({ severity: "error", code: "invalid-interval", message: `interval ${JSON.stringify(intervalVal.value)} is neither "step" nor "epoch": Lightning raises MisconfigurationException`, range: intervalVal.range });
      } else if (intervalVal && intervalVal.kind !== "none") problems.push({ severity: "error", code: "value-not-static", message: "The scheduler's interval cannot be read", range: intervalVal.kind === "unknown" ? intervalVal.range : range });
      const freqVal = get(x, "frequency");
      let frequency = 1;
      if (freqVal?.kind === "num") frequency = freqVal.value;
      else if (freqVal && freqVal.kind !== "none") problems.push({ severity: "error", code: "value-not-static", message: `The scheduler's frequency cannot be read${freqVal.kind === "unknown" ? `: ${freqVal.reason}` : ""}`, range: freqVal.kind === "unknown" ? freqVal.range : range });
      if (sd.optimizer !== fallbackOpt && fallbackOpt) problems.push({ severity: "info", code: "other-optimizer", message: `${sd.name} drives another optimizer than the one returned with it`, range: sd.range });
      return { optimizer: sd.optimizer, scheduler: sd, interval, frequency, problems };
    }
    return x.kind === "unknown" ? `the scheduler cannot be read: ${x.reason}` : "the scheduler is not one this reader can read";
  };
  const fromDict = (d: PyVal & { kind: "dict" }): LrConfig | string => {
    const o = get(d, "optimizer");
    if (!o || !isOpt(o)) return o?.kind === "unknown" ? `the optimizer cannot be read: ${o.reason}` : "the returned dict has no optimizer this reader can read";
    const s = get(d, "lr_scheduler");
    if (!s || s.kind === "none") return { optimizer: o.data as OptimizerData, interval: "epoch", frequency: 1, problems: [] };
    return schedulerConfig(s, o.data as OptimizerData);
  };
  if (isOpt(v)) return [{ optimizer: v.data as OptimizerData, interval: "epoch", frequency: 1, problems: [] }];
  if (v.kind === "dict") {
    const c = fromDict(v);
    return typeof c === "string" ? c : [c];
  }
  if (v.kind === "seq") {
    const [a, b] = v.items;
    // ([optimizers], [schedulers])
    if (v.items.length === 2 && a?.kind === "seq" && b?.kind === "seq") {
      const out: LrConfig[] = [];
      for (const s of b.items) {
        const c = schedulerConfig(s, a.items.find(isOpt)?.data as OptimizerData | undefined);
        if (typeof c === "string") return c;
        out.push(c);
      }
      if (out.length === 0) for (const o of a.items.filter(isOpt)) out.push({ optimizer: o.data as OptimizerData, interval: "epoch", frequency: 1, problems: [] });
      return out.length > 0 ? out : "no optimizer this reader can read";
    }
    // (opt1, opt2) or ({...}, {...})
    const out: LrConfig[] = [];
    for (const item of v.items) {
      if (isOpt(item)) out.push({ optimizer: item.data as OptimizerData, interval: "epoch", frequency: 1, problems: [] });
      else if (item.kind === "dict") {
        const c = fromDict(item);
        if (typeof c === "string") return c;
        out.push(c);
      } else return item.kind === "unknown" ? `its return value cannot be read: ${item.reason}` : "its return value is not one Lightning accepts";
    }
    return out.length > 0 ? out : "it returns nothing this reader can read";
  }
  if (v.kind === "none") return "it returns None: Lightning then trains without an optimizer";
  return v.kind === "unknown" ? `its return value cannot be read: ${v.reason}` : "its return value is not one Lightning accepts";
}

const moduleMethods = new Set(["save_hyperparameters", "parameters", "named_parameters", "modules", "children", "log", "log_dict", "forward", "to", "cuda", "state_dict"]);

/** The meaning of calls in a Lightning file: torch optimizers and schedulers, `self`, the Trainer. */
class LightningHost implements Host {
  interp!: Interpreter;
  /** `__init__`'s arguments of each `self`, for `save_hyperparameters()`. */
  readonly initArgs = new Map<SelfData, Map<string, PyVal>>();
  readonly optimizers: OptimizerData[] = [];
  /** Arguments of `MyModule(...)` calls, by class name. */
  readonly constructions = new Map<string, EvaluatedArguments>();
  private trainer: { args: EvaluatedArguments; range: SourceRange } | undefined;

  constructor(
    private readonly file: PythonFile,
    private readonly inputs: Inputs,
    private readonly classNames: ReadonlySet<string>,
  ) {}

  limits(): TrainerLimits {
    if (!this.trainer) return { unknownReason: "the Trainer is not built in this file, so max_epochs / max_steps are unknown" };
    const num = (key: string): Value | null | undefined => {
      const v = this.trainer!.args.keyword.get(key);
      if (!v) return undefined;
      return v.kind === "num" ? v.prov : null;
    };
    const bad = (["max_epochs", "max_steps"] as const).find((k) => num(k) === null && this.trainer!.args.keyword.get(k)?.kind !== "none");
    if (bad) return { unknownReason: `Trainer ${bad} cannot be read statically`, range: this.trainer.range };
    return { maxEpochs: num("max_epochs") ?? undefined, maxSteps: num("max_steps") ?? undefined, range: this.trainer.range };
  }

  call(callee: PyVal, args: EvaluatedArguments, site: CallSite): PyVal | undefined {
    if (callee.kind === "method" && callee.self.kind === "object" && callee.self.type === "lightning.self") {
      const self = callee.self.data as SelfData;
      if (callee.name === "save_hyperparameters") {
        const names = args.positional.filter((p) => p.kind === "str").map((p) => (p as { value: string }).value);
        const hp = new Map([...(this.initArgs.get(self) ?? [])].filter(([k]) => names.length === 0 || names.includes(k)));
        const existing = self.get("hparams");
        if (existing?.kind === "object" && existing.data instanceof Map) for (const [k, v] of hp) (existing.data as Map<string, PyVal>).set(k, v);
        else self.set("hparams", { kind: "object", type: "lightning.hparams", data: hp });
        return { kind: "none" };
      }
      if (callee.name === "parameters" || callee.name === "named_parameters") return { kind: "object", type: "torch.parameters", data: null };
      return undefined;
    }
    const calleeNode = site.node.firstChild;
    const calleeText = calleeNode ? this.file.textOf(calleeNode) : "";
    if (this.classNames.has(calleeText)) {
      this.constructions.set(calleeText, args);
      return { kind: "object", type: "lightning.module", data: null };
    }
    if (callee.kind !== "ref") return undefined;
    const last = callee.path.split(".").at(-1) ?? "";
    if (last === "Trainer" && (/lightning/.test(callee.path) || callee.path === "Trainer" || /^(pl|L)\./.test(calleeText))) {
      this.trainer = { args, range: site.range };
      return { kind: "object", type: "lightning.trainer", data: null };
    }
    if (last in optimizerSignatures && (callee.imported || /optim/.test(callee.path))) return this.optimizer(last, args, site);
    if ((last in schedulerSignatures || last === "ReduceLROnPlateau") && (callee.imported || /lr_scheduler/.test(callee.path))) return this.scheduler(last, args, site);
    return undefined;
  }

  attribute(obj: PyVal & { kind: "object" }, name: string, range: SourceRange): PyVal | undefined {
    if (obj.type === "lightning.self") {
      const self = obj.data as SelfData;
      const v = self.get(name);
      if (v) return v;
      if (name === "trainer") return { kind: "object", type: "lightning.trainer", data: null };
      if (name === "hparams") return unknown("self.hparams is empty: save_hyperparameters() was not called", range);
      // Methods of LightningModule / nn.Module stay methods; any other name was never set in __init__.
      if (moduleMethods.has(name)) return undefined;
      return unknown(`self.${name} is not set in __init__ (or not in a way this reader follows)`, range);
    }
    if (obj.type === "lightning.hparams") return (obj.data as Map<string, PyVal>).get(name) ?? unknown(`self.hparams.${name} is not a parameter of __init__`, range);
    if (obj.type === "lightning.trainer") return this.trainerAttribute(name, range);
    return undefined;
  }

  len(_v: PyVal, argument: SyntaxNode, range: SourceRange): PyVal {
    const given = this.inputs.stepsPerEpoch;
    if (given !== undefined) return { kind: "num", value: given, isInt: true, prov: userInput(given, "--steps-per-epoch") };
    return unknown(`len(${this.file.textOf(argument)}), the batches per epoch, depends on the dataset`, range, "stepsPerEpoch");
  }

  /** `self.trainer.<name>` while configure_optimizers runs (lightning/pytorch/trainer/trainer.py). */
  private trainerAttribute(name: string, range: SourceRange): PyVal {
    const limits = this.limits();
    const num = (value: number, prov: Value): PyVal => ({ kind: "num", value, isInt: Number.isInteger(value), prov });
    const spe = this.inputs.stepsPerEpoch;
    const epochs = limits.unknownReason ? undefined : limits.maxEpochs ?? (limits.maxSteps && limits.maxSteps.value !== -1 ? undefined : { value: 1000, origin: { kind: "default" as const, source: "Lightning's default max_epochs" } });
    switch (name) {
      case "max_epochs":
        if (epochs) return num(epochs.value, epochs);
        return unknown(limits.unknownReason ?? "max_epochs is not set (max_steps ends the run)", range, "epochs");
      case "max_steps":
        if (limits.unknownReason) return unknown(limits.unknownReason, range, "totalSteps");
        return limits.maxSteps ? num(limits.maxSteps.value, limits.maxSteps) : num(-1, { value: -1, origin: { kind: "default", source: "Trainer max_steps default" } });
      case "estimated_stepping_batches": {
        if (this.inputs.totalSteps !== undefined) return num(this.inputs.totalSteps, userInput(this.inputs.totalSteps, "--total-steps"));
        const maxSteps = limits.maxSteps && limits.maxSteps.value !== -1 ? limits.maxSteps : undefined;
        if (spe !== undefined && epochs && epochs.value !== -1) {
          const total = Math.min(epochs.value * spe, maxSteps?.value ?? Infinity);
          return num(total, { value: total, origin: { kind: "expression", text: `max_epochs ${epochs.value} × ${spe} steps per epoch`, inputs: [epochs, userInput(spe, "--steps-per-epoch")] }, range });
        }
        if (maxSteps && !limits.maxEpochs) return num(maxSteps.value, maxSteps);
        return unknown("self.trainer.estimated_stepping_batches, the optimizer steps of the whole run, depends on the dataset", range, "totalSteps");
      }
      case "num_training_batches":
        if (spe !== undefined) return num(spe, userInput(spe, "--steps-per-epoch"));
        return unknown("self.trainer.num_training_batches depends on the dataset", range, "stepsPerEpoch");
      case "accumulate_grad_batches": {
        const v = this.trainer?.args.keyword.get("accumulate_grad_batches");
        return v ?? num(1, { value: 1, origin: { kind: "default", source: "Trainer accumulate_grad_batches default" } });
      }
      default:
        return unknown(`self.trainer.${name} is not known before training`, range);
    }
  }

  private targetName(site: CallSite, fallback: string): string {
    const parent = site.node.parent;
    if (parent?.name === "AssignStatement" && parent.firstChild) return this.file.textOf(parent.firstChild);
    return fallback;
  }

  private optimizer(className: string, args: EvaluatedArguments, site: CallSite): PyVal {
    const sig = optimizerSignatures[className]!;
    const named = new Map<string, Arg>();
    const lr = args.keyword.get("lr") ?? args.positional[1];
    if (lr) named.set("lr", this.arg(lr));
    if (sig.momentum) {
      const m = args.keyword.get(sig.momentum.name) ?? args.positional[sig.momentum.index];
      if (m) named.set(sig.momentum.name, this.arg(m));
    }
    const { group, problems } = torchOptimizerGroup(className, named, site.range);
    const groups: ParamGroup[] = [];
    const params = args.keyword.get("params") ?? args.positional[0];
    if (params?.kind === "seq" && params.items.length > 0 && params.items.every((g) => g.kind === "dict")) {
      for (const g of params.items as (PyVal & { kind: "dict" })[]) {
        const own = new Map(named);
        for (const [k, v] of g.entries) if (k.kind === "str" && (k.value === "lr" || k.value === sig.momentum?.name)) own.set(k.value, this.arg(v));
        const r = torchOptimizerGroup(className, own, site.range);
        groups.push(r.group);
        problems.push(...r.problems.filter((p) => !problems.some((q) => q.message === p.message)));
      }
    } else groups.push(group);
    const data: OptimizerData = { className, name: this.targetName(site, className), range: site.range, groups, problems, schedulers: [], schedulerProblems: [] };
    this.optimizers.push(data);
    return { kind: "object", type: "torch.optimizer", data };
  }

  private scheduler(className: string, args: EvaluatedArguments, site: CallSite): PyVal {
    const name = this.targetName(site, className);
    const chained = className === "ChainedScheduler";
    const first = args.keyword.get(chained ? "schedulers" : "optimizer") ?? args.positional[0];
    const childList = chained ? first : (args.keyword.get("schedulers") ?? args.positional[1]);
    const children = childList?.kind === "seq" ? childList.items.filter((c) => c.kind === "object" && c.type === "torch.scheduler").map((c) => (c as { data: unknown }).data as SchedulerData) : [];
    let optimizer = !chained && first?.kind === "object" && first.type === "torch.optimizer" ? (first.data as OptimizerData) : children[0]?.optimizer;
    if (!optimizer) {
      optimizer = { className: "unknown", name: "optimizer", range: site.range, groups: [], problems: [{ severity: "error", code: "optimizer-unknown", message: `The optimizer of ${name} is not constructed in this file, so its learning rate is unknown`, range: site.range }], schedulers: [], schedulerProblems: [] };
      this.optimizers.push(optimizer);
    }
    const fail = (problem: ArgProblem): PyVal => {
      optimizer.schedulerProblems.push(problem);
      return { kind: "object", type: "torch.scheduler", data: { optimizer, index: -1, name, range: site.range } satisfies SchedulerData };
    };
    const add = (spec: TorchSchedulerSpec): PyVal => {
      optimizer.schedulers.push(spec);
      return { kind: "object", type: "torch.scheduler", data: { optimizer, index: optimizer.schedulers.length - 1, name, range: site.range } satisfies SchedulerData };
    };
    if (className === "SequentialLR" || chained) {
      if (children.length === 0 || children.some((c) => c.index < 0 || c.optimizer !== optimizer)) return fail({ severity: "error", code: "value-not-static", message: `${name}: its schedulers cannot be read`, range: site.range });
      const indices = children.map((c) => c.index);
      if (chained) return add({ kind: "ChainedScheduler", schedulers: indices, name, range: site.range, args: {} });
      const m = args.keyword.get("milestones") ?? args.positional[2];
      const items = m?.kind === "seq" ? m.items : m ? [m] : [];
      if (items.length === 0 || items.some((x) => x.kind !== "num")) return fail({ severity: "error", code: "value-not-static", message: `${name}: milestones cannot be read`, range: site.range });
      const values = items.map((x) => (x as PyVal & { kind: "num" }).prov);
      return add({ kind: "SequentialLR", schedulers: indices, milestones: values.map((v) => v.value), name, range: site.range, args: Object.fromEntries(values.map((v, i) => [`milestones[${i}]`, v])) });
    }
    const sig = className === "ReduceLROnPlateau" ? schedulerSignatures.ReduceLROnPlateau! : schedulerSignatures[className]!;
    const named = new Map<string, Arg>();
    args.positional.slice(1).forEach((v, i) => {
      const param = sig.params[i]?.[0];
      if (param) named.set(param, this.arg(v));
    });
    for (const [k, v] of args.keyword) if (k !== "optimizer") named.set(k, this.arg(v));
    const built = buildTorchScheduler(className, named, optimizer.groups.length || 1, name, site.range);
    if ("severity" in built) return fail(built);
    optimizer.schedulerProblems.push(...built.problems);
    if (className === "ReduceLROnPlateau") optimizer.schedulerProblems.push({ severity: "warning", code: "plateau", message: "ReduceLROnPlateau lowers the LR when the monitored metric stops improving, which a static reading cannot know: the LR is drawn flat", range: site.range });
    return add({ ...built.kind, name, range: site.range, args: built.args });
  }

  private arg(v: PyVal): Arg {
    switch (v.kind) {
      case "num":
        return { kind: "num", value: v.prov, isInt: v.isInt };
      case "bool":
        return { kind: "bool", value: v.value, range: v.range };
      case "str":
        return { kind: "str", value: v.value, range: v.range };
      case "none":
        return { kind: "none" };
      case "seq":
        return { kind: "list", items: v.items.map((i) => this.arg(i)), range: v.range };
      case "func": {
        const compiled = compileNumeric(v, this.interp);
        if (typeof compiled !== "function") return { kind: "unknown", reason: compiled.reason, range: compiled.range };
        return { kind: "func", lambda: { text: this.file.textOf(v.node).split("\n")[0]!, range: this.file.rangeOf(v.node), fn: compiled } };
      }
      case "unknown":
        return { kind: "unknown", reason: v.reason, range: v.range, needs: v.needs };
      default:
        return { kind: "unknown", reason: "not a value this reader can read" };
    }
  }
}
