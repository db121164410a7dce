import type { Problem } from "../../core/problem";
import type { SourceRange } from "../../core/range";
import type { PaddleSchedulerSpec } from "../../core/paddle/spec";
import { derived, frameworkDefault, userInput, type Value } from "../../core/value";
import type { Inputs } from "../index";
import { Args } from "./args";
import { momentumOf, StepsPerEpoch, type SuiteResult } from "./suite";
import { asMap, entryOf, get, type PMap, type PNode } from "./yaml";

const SRC = "ppdet/optimizer/optimizer.py";
const F = (v: number): { v: number; int: boolean } => ({ v, int: false });
const I = (v: number): { v: number; int: boolean } => ({ v, int: true });

interface DetSched {
  readonly name: string;
  readonly args: Args;
  readonly range: SourceRange;
}

/** A `schedulers` entry: a tagged object (`- !PiecewiseDecay`) or a dict with `name`. */
function schedOf(node: PNode, problems: Problem[]): DetSched | undefined {
  const tag = node.tag?.replace(/^!+/, "");
  if (tag) return { name: tag, args: new Args(node.kind === "map" ? node : undefined, tag, `${SRC} ${tag}`, false, node.range), range: node.range };
  if (node.kind === "map") {
    const n = get(node, "name");
    if (n?.kind === "scalar" && typeof n.value === "string") {
      const args = new Args(node, n.value, `${SRC} ${n.value}`, false, node.range);
      args.used.add("name");
      return { name: n.value, args, range: node.range };
    }
  }
  problems.push({ severity: "error", code: "scheduler-unknown", message: "A LearningRate.schedulers entry is neither a !Tag object nor a dict with name.", range: node.range });
  return undefined;
}

/**
 * PaddleDetection: `LearningRate(base_lr, schedulers)(step_per_epoch)` (ppdet/optimizer/optimizer.py) turns the
 * decay scheduler (schedulers[0]) and the warmup (schedulers[1]) into one Paddle scheduler (a long
 * PiecewiseDecay when warming up); ppdet/engine/trainer.py steps it after every iteration for `epoch` epochs.
 */
export function readDet(root: PMap, inputs: Inputs, wholeFile: SourceRange): { result?: SuiteResult; fatal: Problem[] } {
  const fatal: Problem[] = [];
  const problems: Problem[] = [];
  const lrEntry = entryOf(root, "LearningRate");
  const lrMap = asMap(lrEntry?.value);
  const source = lrEntry?.keyRange ?? wholeFile;
  const la = new Args(lrMap, "LearningRate", `${SRC} LearningRate`, false, source);
  const baseLr = la.num("base_lr", F(0.01))!;
  const epochNode = entryOf(root, "epoch");
  const epochArgs = new Args(root, "epoch", "ppdet config", false, epochNode?.keyRange ?? wholeFile);
  let epochs: Value | undefined = epochNode ? epochArgs.num("epoch")?.value : undefined;
  if (inputs.epochs !== undefined) epochs = userInput(inputs.epochs, "--epochs");
  fatal.push(...la.problems, ...(epochNode ? epochArgs.problems : []));
  const speSource = new StepsPerEpoch(inputs, undefined, epochNode?.keyRange ?? source);
  const spe = (): number => {
    const s = speSource.get();
    return s ? Math.trunc(s.v) : Number.NaN;
  };

  const schedNode = get(lrMap, "schedulers");
  const scheds: DetSched[] = [];
  if (schedNode === undefined) {
    problems.push({ severity: "info", code: "default-schedulers", message: "LearningRate has no schedulers: ppdet's default is [PiecewiseDecay(gamma=[0.1, 0.01], milestones=[8, 11]), LinearWarmup(steps=500, start_factor=1/3)].", range: source });
    scheds.push({ name: "PiecewiseDecay", args: new Args(undefined, "PiecewiseDecay", `${SRC} PiecewiseDecay`), range: source }, { name: "LinearWarmup", args: new Args(undefined, "LinearWarmup", `${SRC} LinearWarmup`), range: source });
  } else if (schedNode.kind === "seq") for (const item of schedNode.items) {
    const s = schedOf(item, fatal);
    if (s) scheds.push(s);
  }
  if (scheds.length === 0) fatal.push({ severity: "error", code: "no-schedulers", message: "LearningRate.schedulers is empty (ppdet asserts len(schedulers) >= 1).", range: source });
  if (fatal.length > 0) return { fatal };

  const known = ["CosineDecay", "PiecewiseDecay", "LinearWarmup", "ExpWarmup"];
  for (const s of scheds) if (!known.includes(s.name)) fatal.push({ severity: "error", code: "scheduler-unknown", message: `${s.name} is not a scheduler of ${SRC} (this release has ${known.join(", ")}).`, range: s.range });
  if (fatal.length > 0) return { fatal };

  const decay = scheds[0]!;
  const useWarmup = decay.name === "CosineDecay" || decay.name === "PiecewiseDecay" ? decay.args.bool("use_warmup", true) : false;
  const B = baseLr.v;
  let boundary: number[] | undefined;
  let value: number[] | undefined;
  let warmupSteps = 0;
  if (useWarmup) {
    const w = scheds[1];
    if (!w) return { fatal: [{ severity: "error", code: "no-warmup", message: `${decay.name} has use_warmup: True but schedulers has no warmup entry (ppdet: IndexError).`, range: decay.range }] };
    boundary = [];
    value = [];
    if (w.name === "LinearWarmup") {
      const steps = w.args.num("steps", I(500))!.v;
      const startFactor = w.args.num("start_factor", F(1 / 3))!.v;
      const ep = w.args.raw("epochs");
      const epochsFirst = w.args.bool("epochs_first", true);
      let n = epochsFirst && ep && !(ep.kind === "scalar" && ep.value === null) ? (w.args.num("epochs")?.v ?? 0) * spe() : steps;
      n = Math.max(n, 1);
      for (let i = 0; i <= n; i++) {
        const alpha = i / n;
        const factor = startFactor * (1 - alpha) + alpha;
        value.push(B * factor);
        if (i > 0) boundary.push(i);
      }
      warmupSteps = n;
    } else if (w.name === "ExpWarmup") {
      const steps = w.args.num("steps", I(1000))!.v;
      const ep = w.args.raw("epochs");
      const power = w.args.num("power", I(2))!.v;
      let n = ep && !(ep.kind === "scalar" && ep.value === null) ? (w.args.num("epochs")?.v ?? 0) * spe() : steps;
      n = Math.max(n, 1);
      for (let i = 0; i <= n; i++) {
        value.push(B * (i / n) ** power);
        if (i > 0) boundary.push(i);
      }
      warmupSteps = n;
    } else return { fatal: [{ severity: "error", code: "warmup-unknown", message: `schedulers[1] is ${w.name}, which ppdet calls as a warmup (base_lr, step_per_epoch) and cannot.`, range: w.range }] };
    fatal.push(...w.args.problems);
  }

  let spec: PaddleSchedulerSpec | undefined;
  const milestoneTicks: number[] = [];
  const d = decay.args;
  if (decay.name === "PiecewiseDecay") {
    const gammaNode = d.raw("gamma");
    const milestones = (d.has("milestones") ? d.nums("milestones") : [{ v: 8 }, { v: 11 }])?.map((m) => m.v);
    let gamma: number[] | undefined;
    if (gammaNode === undefined) gamma = [0.1, 0.01];
    else if (gammaNode.kind === "seq") gamma = d.nums("gamma")?.map((x) => x.v);
    else {
      const g = d.num("gamma");
      if (g && milestones) gamma = milestones.map((_, i) => g.v / 10 ** i);
    }
    const values = d.has("values") && !(d.raw("values")?.kind === "scalar") ? d.nums("values")?.map((x) => x.v) : undefined;
    if (milestones && gamma) {
      const S = spe();
      let b: number[];
      let v: number[] | undefined;
      if (boundary && useWarmup) {
        b = [...boundary, ...milestones.map((m) => S * m)];
        v = value;
      } else {
        b = milestones.map((m) => S * m);
        v = [B];
      }
      milestoneTicks.push(...milestones.map((m) => S * m));
      if (values) {
        if (milestones.length + 1 !== values.length) fatal.push({ severity: "error", code: "values-length", message: "PiecewiseDecay: len(milestones) + 1 must equal len(values) (AssertionError).", range: decay.range });
        spec = { kind: "PiecewiseDecay", boundaries: b, values };
      } else {
        const vv = [...(v ?? [B])];
        for (const g of gamma) vv.push(B * g);
        spec = { kind: "PiecewiseDecay", boundaries: b, values: vv };
      }
    }
  } else if (decay.name === "CosineDecay") {
    const maxEpochs = d.num("max_epochs", I(1000))!.v;
    const minLrRatio = d.num("min_lr_ratio", F(0))!.v;
    const plateauEpochs = d.num("last_plateau_epochs", I(0))!.v;
    const S = spe();
    const maxIters = maxEpochs * S;
    const plateau = plateauEpochs * S;
    const minLr = B * minLrRatio;
    if (boundary && value && useWarmup) {
      const w = boundary.length;
      const b = [...boundary];
      const v = [...value];
      for (let i = Math.trunc(b[b.length - 1]!); i < maxIters; i++) {
        b.push(i);
        v.push(i < maxIters - plateau ? minLr + (B - minLr) * 0.5 * (Math.cos(((i - w) * Math.PI) / (maxIters - w - plateau)) + 1) : minLr);
      }
      spec = { kind: "PiecewiseDecay", boundaries: b, values: v };
    } else if (plateau > 0) {
      const b: number[] = [];
      const v: number[] = [];
      for (let i = 0; i < maxIters; i++) {
        v.push(i < maxIters - plateau ? minLr + (B - minLr) * 0.5 * (Math.cos((i * Math.PI) / (maxIters - plateau)) + 1) : minLr);
        if (i > 0) b.push(i);
      }
      spec = { kind: "PiecewiseDecay", boundaries: b, values: v };
    } else spec = { kind: "CosineAnnealingDecay", learningRate: B, tMax: maxIters, etaMin: minLr };
    if (epochs && maxEpochs !== epochs.value) problems.push({ severity: "info", code: "cosine-max-epochs", message: `CosineDecay.max_epochs ${maxEpochs} differs from epoch ${epochs.value}: the cosine ${maxEpochs > epochs.value ? "does not reach its end" : "ends early"}.`, range: decay.range });
  } else {
    return { fatal: [{ severity: "error", code: "decay-unknown", message: `schedulers[0] is ${decay.name}: ppdet calls it as the decay scheduler and it is not one.`, range: decay.range }] };
  }
  fatal.push(...d.problems);
  if (!spec || fatal.length > 0) return { fatal };

  const builder = asMap(get(root, "OptimizerBuilder"));
  const optimizer = asMap(get(builder, "optimizer"));
  const optType = (() => {
    const t = get(optimizer, "type");
    return t?.kind === "scalar" && typeof t.value === "string" ? t.value : optimizer ? undefined : "Momentum";
  })();
  const mom = optimizer ? momentumOf(optimizer, optType, "ppdet") : { momentum: frameworkDefault(0.9, "ppdet OptimizerBuilder default optimizer Momentum(momentum=0.9)"), momentumKind: "momentum" as const };

  const s = speSource.value;
  let total: Value | undefined;
  if (!epochs) problems.push({ severity: "warning", code: "no-epoch", message: "No epoch in this config or its _BASE_ files: the trainer needs cfg.epoch.", range: wholeFile });
  else if (s) total = derived(epochs.value * Math.trunc(s.value), `epoch ${epochs.value} × ${s.value} iterations per epoch`, [epochs, s]);
  else spe();
  const assumptions = [];
  const as = speSource.assumption();
  if (as) assumptions.push(as);
  if (!epochs && inputs.totalSteps === undefined) assumptions.push({ input: "epochs" as const, message: "The number of epochs (epoch) is not in this config", range: wholeFile });
  const boundaries = [...(warmupSteps > 0 ? [{ tick: warmupSteps, label: "warmup ends" }] : []), ...milestoneTicks.map((t) => ({ tick: t, label: "decay" }))];
  return {
    fatal,
    result: { name: "LearningRate", unit: "step", groups: [{ scheduler: spec, stepEvery: 1, group: { lr: baseLr.value, ...mom }, boundaries }], epochs, total, stepsPerEpoch: s, source, problems, assumptions },
  };
}
