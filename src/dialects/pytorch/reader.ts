import type { Assumption, Input, Problem } from "../../core/problem";
import type { SourceRange } from "../../core/range";
import type { ParamGroup, ScheduleDescription, Unit } from "../../core/schedule";
import type { LrLambda, StepEpoch, TorchSchedulerKind, TorchSchedulerSpec } from "../../core/torch/spec";
import { derived, frameworkDefault, userInput, type Value } from "../../core/value";
import type { LaunchArgv } from "../../parse/python/argparse";
import { Interpreter, type CallSite, type EvaluatedArguments, type Host, type LoopFrame } from "../../parse/python/interpreter";
import { compileNumeric, compileNumericExpression } from "../../parse/python/numeric";
import { parsePython, type PythonFile, type SyntaxNode } from "../../parse/python/syntax";
import { asNumber, unknown, type PyVal } from "../../parse/python/values";
import { optimizerSignatures, schedulerSignatures, type Default } from "./signatures";

/** What the user supplies because the files cannot say it (CLI options, settings). */
export type Inputs = Partial<Record<Input, number>>;

export interface ReadResult {
  readonly schedules: ScheduleDescription[];
  /** Problems of the file that belong to no schedule (syntax errors...). */
  readonly problems: Problem[];
}

interface OptimizerData {
  readonly className: string;
  readonly name: string;
  readonly range: SourceRange;
  readonly groups: ParamGroup[];
  readonly schedulers: SchedulerData[];
  /** Values of the constructor that cannot be read (an lr that needs `--devices`...). */
  readonly problems: Problem[];
}

interface SchedulerData {
  readonly className: string;
  readonly name: string;
  readonly range: SourceRange;
  readonly optimizer: OptimizerData;
  /** The resolved scheduler, or why it cannot be evaluated. */
  readonly kind: TorchSchedulerKind | Problem;
  readonly args: Record<string, Value>;
  readonly children: SchedulerData[];
  readonly steps: CallSite[];
  /** `step(epoch)`'s argument, when read. */
  stepEpoch?: StepEpoch;
  readonly problems: Problem[];
}

/** Classes whose `step(epoch)` is evaluated: `_get_closed_form_lr` (LRScheduler.step), and CosineAnnealingWarmRestarts' own step. */
const stepEpochClasses = new Set(["StepLR", "MultiStepLR", "ConstantLR", "LinearLR", "ExponentialLR", "CosineAnnealingLR", "PolynomialLR", "CosineAnnealingWarmRestarts"]);

const cliOption: Record<Input, string> = {
  stepsPerEpoch: "--steps-per-epoch",
  devices: "--devices",
  totalSteps: "--total-steps",
  datasetSize: "--dataset-size",
  gradientAccumulation: "--gradient-accumulation",
  epochs: "--epochs",
  metric: "--metric",
  commandLine: "command-line arguments",
};

/** How a launch line (src/dialects/launch) runs the script: its command line and the processes it starts. */
export interface ScriptLaunch {
  readonly argv: LaunchArgv;
  /** Processes the launcher starts (torchrun --nproc_per_node × --nnodes...): what `dist.get_world_size()` returns. */
  readonly worldSize?: Value;
  /** Why the launch line does not say the world size. */
  readonly worldSizeUnknown?: { readonly reason: string; readonly range: SourceRange };
}

/**
 * Reads a PyTorch training script statically: the optimizers and `torch.optim.lr_scheduler` schedulers it
 * constructs, the values they use, and where `scheduler.step()` runs (epoch loop → unit epoch, batch loop →
 * unit step). Never runs the file. With `launch`, `parse_args()` reads the launch line's command line
 * instead of only the defaults.
 */
export function readPyTorchScript(fileName: string, text: string, inputs: Inputs = {}, launch?: ScriptLaunch): ReadResult {
  const file = parsePython(fileName, text);
  const host = new TorchHost(file, inputs, launch);
  const interp = new Interpreter(file, host);
  if (launch) interp.argv = launch.argv;
  host.interp = interp;
  interp.run();

  const errorRanges = uniqueRanges(file.errors());
  const problems: Problem[] = errorRanges.slice(0, 5).map((range) => ({ severity: "warning", code: "python-syntax", message: "Python syntax error: the rest of the file is still read, but values near here may be missed", range }));
  const undecided: Problem[] = uniqueRanges(interp.undecided).map((range) => ({ severity: "info", code: "condition-not-static", message: "This condition cannot be read statically; every branch was read", range }));
  // Several schedules come in the order their (first) schedulers are constructed.
  const order = (o: OptimizerData): number => host.schedulers.indexOf(o.schedulers[0]!);
  const schedules = host.optimizers
    .filter((o) => o.schedulers.length > 0)
    .sort((a, b) => order(a) - order(b))
    .map((o) => describe(o, inputs, interp, [...undecided]));
  return { schedules, problems };
}

function describe(optimizer: OptimizerData, inputs: Inputs, interp: Interpreter, problems: Problem[]): ScheduleDescription {
  const all = optimizer.schedulers;
  const children = new Set(all.flatMap((s) => s.children));
  const tops = all.filter((s) => !children.has(s));
  const stepped = all.filter((s) => s.steps.length > 0).sort((a, b) => a.steps[0]!.node.from - b.steps[0]!.node.from);
  const top = stepped.find((s) => tops.includes(s)) ?? stepped[0] ?? tops.at(-1) ?? all.at(-1)!;
  for (const s of all) problems.push(...s.problems);
  problems.push(...optimizer.problems);
  for (const child of children) if (child.steps.length > 0) problems.push({ severity: "warning", code: "child-stepped", message: `${child.name}.step() is called directly while ${child.name} is also driven by another scheduler: PyTorch steps it twice`, range: child.steps[0]!.range });

  const kinds: TorchSchedulerSpec[] = [];
  for (const s of all) {
    if ("severity" in s.kind) {
      problems.push(s.kind);
      continue;
    }
    const kind: TorchSchedulerKind = s.kind.kind === "SequentialLR" || s.kind.kind === "ChainedScheduler" ? { ...s.kind, schedulers: s.children.map((c) => all.indexOf(c)) } : s.kind;
    kinds.push({ ...kind, name: s.name, range: s.range, args: s.args });
  }
  // An optimizer value that cannot be read (an lr scaled by the world size...) is never replaced by a default.
  // step(epoch) is evaluated for a loop that steps that one scheduler only.
  const epochStepped = stepped.find((s) => s.stepEpoch);
  const stepEpoch = epochStepped && stepped.length === 1 ? epochStepped.stepEpoch : undefined;
  if (epochStepped && !stepEpoch) problems.push({ severity: "error", code: "unsupported-step-argument", message: `${epochStepped.name}.step(${epochStepped.stepEpoch!.text}) sets its last_epoch directly while the loop steps other schedulers too, which LR Scope does not evaluate`, range: epochStepped.steps[0]!.range });
  else if (epochStepped && epochStepped.className !== "CosineAnnealingWarmRestarts") problems.push({ severity: "info", code: "step-epoch-deprecated", message: `${epochStepped.name}.step(${epochStepped.stepEpoch!.text}): PyTorch warns that passing an epoch is deprecated; it sets last_epoch and uses the closed form, as drawn`, range: epochStepped.steps[0]!.range });
  const evaluable = (!epochStepped || stepEpoch !== undefined) && kinds.length === all.length && optimizer.groups.length > 0 && !optimizer.problems.some((p) => p.severity === "error" || p.code === "needs-input") && !all.some((s) => s.problems.some((p) => p.code === "unsupported-step-argument"));

  // Unit and length come from the loops around the first step() call.
  const site = top.steps[0] ?? stepped[0]?.steps[0];
  let unit: Unit = "epoch";
  let total: Value | undefined;
  let epochs: Value | undefined;
  let stepsPerEpoch: Value | undefined;
  const assumptions: Assumption[] = [];
  let lengthNeeds: Assumption | undefined;
  if (!site) {
    problems.push({ severity: "warning", code: "never-stepped", message: `${top.name}.step() is never called in this file, so the training length is unknown`, range: top.range });
  } else if (site.loops.length === 0) {
    problems.push({ severity: "warning", code: "step-outside-loop", message: `${top.name}.step() is not inside a loop, so the training length is unknown`, range: site.range });
  } else {
    const loops = site.loops;
    unit = unitOf(loops, top.className);
    const counts = loops.map((l) => l.count);
    const missing = counts.find((c) => c.kind !== "num");
    if (loops.length >= 2) {
      epochs = numValue(counts[0]!);
      stepsPerEpoch = counts.length === 2 ? numValue(counts[1]!) : undefined;
    } else if (unit === "epoch") epochs = numValue(counts[0]!);
    if (!missing) {
      const values = counts.map((c) => (c as PyVal & { kind: "num" }).prov);
      const product = values.reduce((a, b) => a * b.value, 1);
      total = values.length === 1 ? values[0] : derived(product, loops.map((l) => `len(${l.iterable})`).join(" × "), values, site.range);
    } else if (missing.kind === "unknown") {
      lengthNeeds = { input: missing.needs ?? "totalSteps", message: `Training length: ${missing.reason}`, range: missing.range };
    }
  }
  if (inputs.totalSteps !== undefined) {
    if (unit === "step") total = userInput(inputs.totalSteps, cliOption.totalSteps);
    else problems.push({ severity: "info", code: "total-steps-ignored", message: `${cliOption.totalSteps} is ignored: this schedule steps once per epoch` });
  }

  // Values the curve rests on that the file does not fix: launch defaults, user inputs, unknowns.
  const seen = new Set<string>();
  const note = (a: Assumption): void => {
    const key = `${a.input}:${a.message}`;
    if (seen.has(key)) return;
    assumptions.push(a);
    seen.add(key);
  };
  // A flag's defaults are listed once, with every value used (`--milestones ... default 60, 120, 160`).
  const flagDefaults = new Map<string, Value[]>();
  const visit = (v: Value | undefined): void => {
    if (!v) return;
    if (v.origin.kind === "expression") v.origin.inputs.forEach(visit);
    else if (v.origin.kind === "user") note({ input: inputFor(v.origin.option), message: `${v.origin.option} ${v.value}`, value: v.value });
    else if (v.origin.kind === "default" && v.origin.flag) {
      const list = flagDefaults.get(v.origin.flag) ?? [];
      if (!list.includes(v)) list.push(v);
      if (list.length === 1) {
        flagDefaults.set(v.origin.flag, list);
        note({ input: "commandLine", message: v.origin.flag, value: v.value, range: v.range });
      }
    }
  };
  for (const g of optimizer.groups) {
    visit(g.lr);
    visit(g.momentum);
  }
  for (const s of all) Object.values(s.args).forEach(visit);
  visit(total);
  const needs = [...optimizer.problems, ...all.map((s) => s.kind)].filter((k): k is NeedsInput => "severity" in k && k.code === "needs-input");
  for (const k of needs) note({ input: k.input ?? "stepsPerEpoch", message: k.message, range: k.range });
  if (lengthNeeds) note(lengthNeeds);
  for (const [i, a] of assumptions.entries()) {
    const values = a.input === "commandLine" ? flagDefaults.get(a.message) : undefined;
    if (!values) continue;
    const first = values[0]!.range;
    const last = values.at(-1)!.range;
    const range = first && last && values.length > 1 ? { ...first, endLine: last.endLine, endColumn: last.endColumn } : first;
    assumptions[i] = { ...a, message: `${a.message} not given on the command line: default ${values.map((v) => v.value).join(", ")}`, range };
  }
  // One missing input is asked for once: at the first place that needs it.
  const asked = new Set<Input>();
  const kept = assumptions.filter((a) => a.value !== undefined || (!asked.has(a.input) && (asked.add(a.input), true)));

  return {
    name: top.name,
    dialect: "pytorch",
    unit,
    total: evaluable ? total : undefined,
    epochs,
    stepsPerEpoch,
    groups: optimizer.groups,
    program: { family: "torch", schedulers: kinds, stepped: evaluable ? stepped.map((s) => all.indexOf(s)) : [], ...(evaluable && stepEpoch ? { stepEpoch } : {}) },
    source: top.range,
    assumptions: kept.map((a) => ({ ...a, message: a.message.replace(/^(--[\w-]+) (\S+)$/, "$1 $2 (given)") })),
    problems,
  };
  void interp;
}

function uniqueRanges(ranges: readonly SourceRange[]): SourceRange[] {
  const seen = new Set<string>();
  return ranges.filter((r) => {
    const key = `${r.startLine}:${r.startColumn}:${r.endLine}:${r.endColumn}`;
    return !seen.has(key) && (seen.add(key), true);
  });
}

function inputFor(option: string): Input {
  return (Object.keys(cliOption) as Input[]).find((k) => cliOption[k] === option) ?? "totalSteps";
}

function numValue(v: PyVal): Value | undefined {
  return v.kind === "num" ? v.prov : undefined;
}

/**
 * Epoch loop or iteration loop. Two nested loops, or a loop over a data loader, step per batch. A single
 * `range` loop is read by its names (`for it in range(4000)` is per iteration); CyclicLR and OneCycleLR
 * are per-batch schedulers by design.
 */
function unitOf(loops: readonly LoopFrame[], className: string): Unit {
  if (loops.length >= 2 || loops.some((l) => l.kind === "iterable")) return "step";
  const words = `${loops[0]!.variable} ${loops[0]!.iterable}`.toLowerCase();
  if (/epoch/.test(words)) return "epoch";
  if (/\b(it|iters?|iterations?|steps?|batch\w*|global_step|updates?)\b|iter|step/.test(words)) return "step";
  return className === "OneCycleLR" || className === "CyclicLR" ? "step" : "epoch";
}

/** The torch-specific meaning of calls, plugged into the Python interpreter. */
class TorchHost implements Host {
  readonly optimizers: OptimizerData[] = [];
  /** Every scheduler, in construction order. */
  readonly schedulers: SchedulerData[] = [];
  interp!: Interpreter;

  constructor(
    private readonly file: PythonFile,
    private readonly inputs: Inputs,
    private readonly launch?: ScriptLaunch,
  ) {}

  call(callee: PyVal, args: EvaluatedArguments, site: CallSite): PyVal | undefined {
    if (callee.kind === "method" && callee.self.kind === "object" && callee.self.type === "torch.scheduler" && callee.name === "step") {
      const data = callee.self.data as SchedulerData;
      data.steps.push(site);
      // step(epoch) sets last_epoch (closed forms; CosineAnnealingWarmRestarts: T_cur from epoch, the
      // step(epoch + i / iters) of its docstring): evaluated where the expression reads as a number of the
      // loop variables, else refused rather than plotted as step()'s curve. ReduceLROnPlateau's argument is
      // the metric (its own warning).
      const argument = args.syntax.keyword.get("epoch")?.value ?? args.syntax.positional[0];
      if (data.className !== "ReduceLROnPlateau" && argument && !data.problems.some((p) => p.code === "unsupported-step-argument")) {
        const read = data.steps.length === 1 ? this.stepArgument(data, argument, site) : `${data.name}.step() is called in more than one place`;
        if (typeof read === "string") {
          data.stepEpoch = undefined;
          data.problems.push({ severity: "error", code: "unsupported-step-argument", message: `${this.file.textOf(site.node)}: step() with an explicit epoch sets ${data.name}'s last_epoch${data.className === "CosineAnnealingWarmRestarts" ? " (and T_cur)" : ""} directly, which LR Scope does not evaluate here: ${read}`, range: site.range });
        } else data.stepEpoch = read;
      } else if (data.stepEpoch && !data.problems.some((p) => p.code === "unsupported-step-argument")) {
        data.stepEpoch = undefined;
        data.problems.push({ severity: "error", code: "unsupported-step-argument", message: `${this.file.textOf(site.node)}: ${data.name}.step() is called both with and without an explicit epoch, which LR Scope does not evaluate`, range: site.range });
      }
      return { kind: "none" };
    }
    if (callee.kind !== "ref") return undefined;
    const className = callee.path.split(".").at(-1)!;
    const inTorch = !callee.imported || /(^|\.)optim(\.|$)|lr_scheduler/.test(callee.path);
    if (inTorch && className in schedulerSignatures) return this.scheduler(className, args, site);
    if (inTorch && className in optimizerSignatures) return this.optimizer(className, args, site);
    // Progress bars yield what they wrap: `tqdm(train_loader)` is the loader, `trange(n)` is `range(n)`.
    if (callee.imported && (callee.path === "tqdm" || /^tqdm\.(\w+\.)*tqdm$/.test(callee.path)) && args.positional[0]) return args.positional[0];
    if (callee.imported && /^tqdm\.(\w+\.)*trange$/.test(callee.path) && args.positional[0]) return { kind: "object", type: "range", data: args.positional.length === 1 ? { stop: args.positional[0] } : { start: args.positional[0], stop: args.positional[1]!, step: args.positional[2] } };
    if (/DataLoader$/.test(className)) return { kind: "object", type: "loader", data: this.file.textOf(site.node) };
    // The world size is the processes the launch line starts (torch.distributed.get_world_size, launched by torchrun...).
    if (className === "get_world_size" && this.launch && this.inputs.devices === undefined) {
      const w = this.launch.worldSize;
      if (w) return { kind: "num", value: w.value, isInt: true, prov: w };
      const why = this.launch.worldSizeUnknown;
      if (why) return unknown(`${this.file.textOf(site.node)}: ${why.reason}`, why.range, "devices");
    }
    if (className === "get_world_size" || className === "device_count") {
      const given = this.inputs.devices;
      if (given !== undefined) return { kind: "num", value: given, isInt: true, prov: userInput(given, cliOption.devices) };
      return unknown(`${this.file.textOf(site.node)}: the number of devices is set at launch`, site.range, "devices");
    }
    return undefined;
  }

  /**
   * The epoch `step(epoch)` passes after tick t: the argument compiled over the loop variables (a `range`
   * loop's variable, `enumerate`'s index), bound for tick t of one loop or of an epoch loop around a batch
   * loop (t = epoch index × batches + batch index). A string says why it cannot be read.
   */
  private stepArgument(data: SchedulerData, argument: SyntaxNode, site: CallSite): StepEpoch | string {
    if (!stepEpochClasses.has(data.className)) return `only CosineAnnealingWarmRestarts and the schedulers with a closed form (${[...stepEpochClasses].filter((c) => c !== "CosineAnnealingWarmRestarts").join(", ")}) are evaluated with step(epoch)`;
    const loops = site.loops;
    if (loops.length === 0 || loops.length > 2 || !site.scope) return "it is evaluated only inside one loop, or an epoch loop around a batch loop";
    const batches = loops.length === 2 ? asNumber(loops[1]!.count) : 1;
    if (batches === undefined || !Number.isInteger(batches) || batches <= 0) return "the batches per epoch are unknown";
    // What each loop's variable is on its k-th iteration.
    const names: string[] = [];
    const values: ((k: number) => number)[] = [];
    for (const loop of loops) {
      const vars = loop.variable.replace(/^\(|\)$/g, "").split(",").map((v) => v.trim());
      if (loop.kind === "range" && vars.length === 1 && loop.start !== undefined && loop.step !== undefined) {
        const { start, step } = loop;
        names.push(vars[0]!);
        values.push((k) => start + k * step);
      } else if (loop.kind === "iterable" && /^enumerate\(/.test(loop.iterable) && !/\bstart\s*=/.test(loop.iterable) && /^\w+$/.test(vars[0] ?? "")) {
        names.push(vars[0]!);
        values.push((k) => k);
      }
    }
    const fn = compileNumericExpression(argument, site.scope, this.interp, names);
    if (typeof fn !== "function") return fn.reason;
    const indices = (t: number): number[] => (loops.length === 2 ? [Math.floor(t / batches), t % batches] : [t]);
    const positions = loops.map((loop) => names.indexOf(loop.variable.replace(/^\(|\)$/g, "").split(",")[0]!.trim()));
    const xs = new Array<number>(names.length).fill(0);
    return {
      text: this.file.textOf(argument),
      range: this.file.rangeOf(argument),
      at: (t) => {
        const ks = indices(t);
        positions.forEach((p, l) => {
          if (p >= 0) xs[p] = values[p]!(ks[l]!);
        });
        return fn(...xs);
      },
    };
  }

  len(v: PyVal, argument: SyntaxNode, range: SourceRange): PyVal {
    const text = this.file.textOf(argument);
    if (v.kind === "object" && v.type !== "loader") return unknown(`cannot tell how many items ${text} has`, range);
    if (/dataset/i.test(text) && !/loader/i.test(text)) {
      const size = this.inputs.datasetSize;
      if (size !== undefined) return { kind: "num", value: size, isInt: true, prov: userInput(size, cliOption.datasetSize) };
      return unknown(`${text} is the dataset size, which the files do not say`, range, "datasetSize");
    }
    const given = this.inputs.stepsPerEpoch;
    if (given !== undefined) return { kind: "num", value: given, isInt: true, prov: userInput(given, cliOption.stepsPerEpoch) };
    return unknown(`len(${text}), the batches per epoch, depends on the dataset, which the files do not say`, range, "stepsPerEpoch");
  }

  private targetName(site: CallSite, fallback: string): string {
    const parent = site.node.parent;
    if (parent?.name === "AssignStatement") {
      const target = parent.firstChild;
      if (target) return this.file.textOf(target);
    }
    return fallback;
  }

  private optimizer(className: string, args: EvaluatedArguments, site: CallSite): PyVal {
    const sig = optimizerSignatures[className]!;
    const range = site.range;
    const source = `torch.optim.${className} default`;
    const lrArg = args.keyword.get("lr") ?? args.positional[1];
    const lrSyntax = args.syntax.keyword.get("lr")?.value ?? args.syntax.positional[1];
    const problems: NeedsInput[] = [];
    const number = (v: PyVal | undefined, fallback: Value, what: string, node?: SyntaxNode): Value => {
      if (v === undefined) return fallback;
      if (v.kind === "num") return v.prov;
      if (v.kind === "seq" && v.items[0]?.kind === "num") return v.items[0].prov;
      const at = (v.kind === "unknown" ? v.range : undefined) ?? (node ? this.file.rangeOf(node) : range);
      if (v.kind === "unknown" && v.needs) problems.push({ severity: "warning", code: "needs-input", message: `${className} ${what} cannot be read: ${v.reason}`, range: at, input: v.needs });
      else problems.push({ severity: "error", code: "value-not-static", message: `${className} ${what} cannot be read: ${v.kind === "unknown" ? v.reason : "not a number"}`, range: at });
      return fallback;
    };
    const lr = number(lrArg, frameworkDefault(sig.lr, source), "lr", lrSyntax);
    const m = sig.momentum;
    const momentumArg = m ? (args.keyword.get(m.name) ?? args.positional[m.index]) : undefined;
    const momentum = m ? number(momentumArg, frameworkDefault(m.fallback, source), m.name) : undefined;
    const momentumKind = m?.name === "betas" ? ("beta1" as const) : ("momentum" as const);

    const groups: ParamGroup[] = [];
    const params = args.keyword.get("params") ?? args.positional[0];
    if (params?.kind === "seq" && params.items.length > 0 && params.items.every((g) => g.kind === "dict")) {
      for (const g of params.items as (PyVal & { kind: "dict" })[]) {
        const get = (key: string): PyVal | undefined => g.entries.find(([k]) => k.kind === "str" && k.value === key)?.[1];
        groups.push({ lr: number(get("lr"), lr, "lr"), momentum: m ? number(get(m.name), momentum!, m.name) : undefined, momentumKind: m ? momentumKind : undefined });
      }
    } else groups.push({ lr, momentum, momentumKind: m ? momentumKind : undefined });

    const data: OptimizerData = { className, name: this.targetName(site, className), range, groups, schedulers: [], problems };
    this.optimizers.push(data);
    return { kind: "object", type: "torch.optimizer", data };
  }

  private scheduler(className: string, args: EvaluatedArguments, site: CallSite): PyVal {
    const sig = schedulerSignatures[className]!;
    const name = this.targetName(site, className);
    const problems: Problem[] = [];
    // ChainedScheduler(schedulers, optimizer=None); every other: (optimizer, ...)
    const chained = className === "ChainedScheduler";
    const firstArg = args.keyword.get(chained ? "schedulers" : "optimizer") ?? args.positional[0];
    const positional = args.positional.slice(1);
    const childList = chained ? firstArg : (args.keyword.get("schedulers") ?? positional[0]);
    const children: SchedulerData[] = [];
    if (childList?.kind === "seq") for (const c of childList.items) if (c.kind === "object" && c.type === "torch.scheduler") children.push(c.data as SchedulerData);

    let optimizer: OptimizerData | undefined;
    if (!chained && firstArg?.kind === "object" && firstArg.type === "torch.optimizer") optimizer = firstArg.data as OptimizerData;
    if (chained) optimizer = children[0]?.optimizer;
    if (!optimizer) {
      // The optimizer is not built in this file (a factory, another module): an assumed single group.
      optimizer = { className: "unknown", name: "optimizer", range: site.range, groups: [], schedulers: [], problems: [] };
      problems.push({ severity: "error", code: "optimizer-unknown", message: `The optimizer of ${name} is not constructed in this file, so its learning rate is unknown`, range: site.range });
      this.optimizers.push(optimizer);
    }

    const argValues: Record<string, Value> = {};
    const raw = (param: string): { value: PyVal; node?: SyntaxNode } | undefined => {
      const i = sig.params.findIndex(([n]) => n === param);
      const kw = args.syntax.keyword.get(param);
      if (kw) return { value: args.keyword.get(param)!, node: kw.value };
      const pos = chained ? undefined : positional[i];
      if (pos) return { value: pos, node: args.syntax.positional[i + 1] };
      return undefined;
    };
    const fallbackOf = (param: string): Default => sig.params.find(([n]) => n === param)?.[1] ?? "required";
    const missing = (param: string, why: string, needs?: Input, range?: SourceRange): never => {
      throw Object.assign(new SchedulerArgumentError(), { problem: { severity: needs ? "warning" : "error", code: needs ? "needs-input" : "value-not-static", message: `${name}: ${param} ${why}`, range: range ?? site.range, input: needs } });
    };
    const num = (param: string): number => {
      const r = raw(param);
      if (!r) {
        const d = fallbackOf(param);
        if (typeof d !== "number") return missing(param, "is required");
        argValues[param] = frameworkDefault(d, `torch.optim.lr_scheduler.${className} default`);
        return d;
      }
      const v = r.value;
      if (v.kind === "num") return (argValues[param] = v.prov).value;
      if (v.kind === "bool") return v.value ? 1 : 0;
      if (v.kind === "unknown") return missing(param, `cannot be read: ${v.reason}`, v.needs, v.range ?? (r.node && this.file.rangeOf(r.node)));
      return missing(param, "is not a number", undefined, r.node && this.file.rangeOf(r.node));
    };
    /** A number of a list argument (`milestones[1]`, `max_lr[0]`), kept with its provenance. */
    const item = (param: string, i: number, v: PyVal, needsRange?: SourceRange): number => {
      if (v.kind === "num") return (argValues[`${param}[${i}]`] = v.prov).value;
      if (v.kind === "bool") return v.value ? 1 : 0;
      return missing(`${param}[${i}]`, v.kind === "unknown" ? `cannot be read: ${v.reason}` : "is not a number", v.kind === "unknown" ? v.needs : undefined, (v.kind === "unknown" ? v.range : undefined) ?? needsRange);
    };
    const optionalNum = (param: string): number | null => {
      const r = raw(param);
      if (!r || r.value.kind === "none") return null;
      return num(param);
    };
    const perGroup = (param: string): number[] => {
      const r = raw(param);
      const n = optimizer.groups.length || 1;
      if (r?.value.kind === "seq") {
        const node = r.node && this.file.rangeOf(r.node);
        return r.value.items.map((v, i) => item(param, i, v, node));
      }
      return new Array<number>(n).fill(num(param));
    };
    const str = (param: string): string => {
      const r = raw(param);
      if (!r) return String(fallbackOf(param));
      if (r.value.kind === "str") return r.value.value;
      return missing(param, r.value.kind === "unknown" ? `cannot be read: ${r.value.reason}` : "is not a string");
    };
    const bool = (param: string): boolean => {
      const r = raw(param);
      if (!r) return fallbackOf(param) === true;
      const v = r.value;
      if (v.kind === "bool") return v.value;
      if (v.kind === "num") return v.value !== 0;
      return missing(param, v.kind === "unknown" ? `cannot be read: ${v.reason}` : "is not a boolean");
    };
    const lambdas = (param: string): LrLambda[] => {
      const r = raw(param);
      if (!r) return missing(param, "is required");
      const list = r.value.kind === "seq" ? r.value.items : new Array<PyVal>(optimizer.groups.length || 1).fill(r.value);
      return list.map((fn) => {
        if (fn.kind !== "func") return missing(param, fn.kind === "unknown" ? `cannot be read statically: ${fn.reason}` : "is not a function of this file", undefined, r.node && this.file.rangeOf(r.node));
        const compiled = compileNumeric(fn, this.interp);
        if (typeof compiled !== "function") return missing(param, `cannot be read statically: ${compiled.reason}`, undefined, compiled.range);
        return { text: this.file.textOf(fn.node).split("\n")[0]!, range: this.file.rangeOf(fn.node), fn: compiled };
      });
    };

    let kind: TorchSchedulerKind | Problem;
    try {
      kind = this.kindOf(className, { num, item, optionalNum, perGroup, str, bool, lambdas, raw, missing, optimizer, site });
      const lastEpoch = raw("last_epoch");
      if (lastEpoch && asNumber(lastEpoch.value) !== -1) problems.push({ severity: "warning", code: "resumed-schedule", message: `${name} is resumed with last_epoch; the curve is drawn from the start of training`, range: lastEpoch.node && this.file.rangeOf(lastEpoch.node) });
    } catch (e) {
      if (!(e instanceof SchedulerArgumentError)) throw e;
      kind = e.problem;
    }
    const data: SchedulerData = { className, name, range: site.range, optimizer, kind, args: argValues, children, steps: [], problems };
    optimizer.schedulers.push(data);
    this.schedulers.push(data);
    return { kind: "object", type: "torch.scheduler", data };
  }

  private kindOf(className: string, a: ArgReaders): TorchSchedulerKind {
    switch (className) {
      case "StepLR":
        return { kind: "StepLR", stepSize: a.num("step_size"), gamma: a.num("gamma") };
      case "MultiStepLR": {
        const r = a.raw("milestones");
        if (!r) return a.missing("milestones", "is required");
        const items = r.value.kind === "seq" ? r.value.items : [r.value];
        const milestones = items.map((m, i) => a.item("milestones", i, m, r.node && this.file.rangeOf(r.node)));
        return { kind: "MultiStepLR", milestones, gamma: a.num("gamma") };
      }
      case "ConstantLR":
        return { kind: "ConstantLR", factor: a.num("factor"), totalIters: a.num("total_iters") };
      case "LinearLR":
        return { kind: "LinearLR", startFactor: a.num("start_factor"), endFactor: a.num("end_factor"), totalIters: a.num("total_iters") };
      case "ExponentialLR":
        return { kind: "ExponentialLR", gamma: a.num("gamma") };
      case "PolynomialLR":
        return { kind: "PolynomialLR", totalIters: a.num("total_iters"), power: a.num("power") };
      case "CosineAnnealingLR":
        return { kind: "CosineAnnealingLR", tMax: a.num("T_max"), etaMin: a.num("eta_min") };
      case "CosineAnnealingWarmRestarts":
        return { kind: "CosineAnnealingWarmRestarts", t0: a.num("T_0"), tMult: a.num("T_mult"), etaMin: a.num("eta_min") };
      case "CyclicLR": {
        const mode = a.str("mode");
        if (mode !== "triangular" && mode !== "triangular2" && mode !== "exp_range") return a.missing("mode", `is ${JSON.stringify(mode)}, which PyTorch rejects`);
        const scaleFnRaw = a.raw("scale_fn");
        const scaleFn = scaleFnRaw && scaleFnRaw.value.kind !== "none" ? a.lambdas("scale_fn")[0] : undefined;
        const scaleMode = scaleFn ? a.str("scale_mode") : mode === "exp_range" ? "iterations" : "cycle";
        return {
          kind: "CyclicLR",
          baseLr: a.perGroup("base_lr"),
          maxLr: a.perGroup("max_lr"),
          stepSizeUp: a.num("step_size_up"),
          stepSizeDown: a.optionalNum("step_size_down"),
          mode,
          gamma: a.num("gamma"),
          scaleFn,
          scaleMode: scaleMode === "iterations" ? "iterations" : "cycle",
          cycleMomentum: a.bool("cycle_momentum"),
          baseMomentum: a.perGroup("base_momentum"),
          maxMomentum: a.perGroup("max_momentum"),
        };
      }
      case "OneCycleLR": {
        let totalSteps = a.optionalNum("total_steps");
        if (totalSteps === null) {
          const epochs = a.optionalNum("epochs");
          const spe = a.optionalNum("steps_per_epoch");
          if (epochs === null || spe === null) return a.missing("total_steps", "is not given, and epochs × steps_per_epoch is incomplete");
          totalSteps = epochs * spe;
        }
        const strategy = a.str("anneal_strategy");
        if (strategy !== "cos" && strategy !== "linear") return a.missing("anneal_strategy", `is ${JSON.stringify(strategy)}, which PyTorch rejects`);
        return {
          kind: "OneCycleLR",
          maxLr: a.perGroup("max_lr"),
          totalSteps,
          pctStart: a.num("pct_start"),
          annealStrategy: strategy,
          cycleMomentum: a.bool("cycle_momentum"),
          baseMomentum: a.perGroup("base_momentum"),
          maxMomentum: a.perGroup("max_momentum"),
          divFactor: a.num("div_factor"),
          finalDivFactor: a.num("final_div_factor"),
          threePhase: a.bool("three_phase"),
        };
      }
      case "LambdaLR":
        return { kind: "LambdaLR", lambdas: a.lambdas("lr_lambda") };
      case "MultiplicativeLR":
        return { kind: "MultiplicativeLR", lambdas: a.lambdas("lr_lambda") };
      case "SequentialLR": {
        const r = a.raw("milestones");
        if (!r) return a.missing("milestones", "is required");
        const items = r.value.kind === "seq" ? r.value.items : [r.value];
        const milestones = items.map((m, i) => a.item("milestones", i, m, r.node && this.file.rangeOf(r.node)));
        return { kind: "SequentialLR", schedulers: [], milestones };
      }
      case "ChainedScheduler":
        return { kind: "ChainedScheduler", schedulers: [] };
      default:
        return { kind: "ReduceLROnPlateau" };
    }
  }
}

type NeedsInput = Problem & { readonly input?: Input };

class SchedulerArgumentError extends Error {
  problem!: NeedsInput;
}

interface ArgReaders {
  num(param: string): number;
  item(param: string, i: number, v: PyVal, range?: SourceRange): number;
  optionalNum(param: string): number | null;
  perGroup(param: string): number[];
  str(param: string): string;
  bool(param: string): boolean;
  lambdas(param: string): LrLambda[];
  raw(param: string): { value: PyVal; node?: SyntaxNode } | undefined;
  missing(param: string, why: string, needs?: Input, range?: SourceRange): never;
  readonly optimizer: OptimizerData;
  readonly site: CallSite;
}
