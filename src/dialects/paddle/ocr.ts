import type { Problem } from "../../core/problem";
import type { SourceRange } from "../../core/range";
import type { PaddleSchedulerSpec } from "../../core/paddle/spec";
import { derived, userInput, type Value } from "../../core/value";
import type { Inputs } from "../index";
import { Args, pyNum, pyRound } from "./args";
import { momentumOf, StepsPerEpoch, type SuiteResult } from "./suite";
import { asMap, entryOf, get, type PMap } from "./yaml";

const F = (v: number): { v: number; int: boolean } => ({ v, int: false });
const I = (v: number): { v: number; int: boolean } => ({ v, int: true });

/**
 * PaddleOCR: `build_optimizer(config["Optimizer"], epochs=Global.epoch_num, step_each_epoch=len(train_dataloader))`
 * (ppocr/optimizer/__init__.py) builds `Optimizer.lr.name` of ppocr/optimizer/learning_rate.py; tools/program.py
 * `train` steps it after every iteration (`if not isinstance(lr_scheduler, float)`), for `epoch_num` epochs.
 */
export function readOcr(root: PMap, inputs: Inputs, wholeFile: SourceRange): { result?: SuiteResult; fatal: Problem[] } {
  const fatal: Problem[] = [];
  const problems: Problem[] = [];
  const g = new Args(asMap(get(root, "Global")), "Global", "PaddleOCR tools/program.py", false, entryOf(root, "Global")?.keyRange);
  const epochNum = g.num("epoch_num");
  fatal.push(...g.problems);
  if (!epochNum) return { fatal };
  const epochs: Value = inputs.epochs !== undefined ? userInput(inputs.epochs, "--epochs") : epochNum.value;
  const speSource = new StepsPerEpoch(inputs, undefined, entryOf(root, "Global")?.keyRange ?? wholeFile);
  const spe = (): number => speSource.get()?.v ?? Number.NaN;
  const optEntry = entryOf(root, "Optimizer");
  const opt = asMap(optEntry?.value);
  if (!opt || !optEntry) return { fatal: [{ severity: "error", code: "no-optimizer", message: "No Optimizer in this PaddleOCR config.", range: wholeFile }] };
  const lrEntry = entryOf(opt, "lr");
  const lrMap = asMap(lrEntry?.value);
  if (!lrEntry || !lrMap) return { fatal: [{ severity: "error", code: "no-lr", message: "Optimizer.lr must be a dict (build_lr_scheduler calls lr_config.update).", range: lrEntry?.keyRange ?? optEntry.keyRange }] };
  const nameNode = get(lrMap, "name");
  const name = nameNode?.kind === "scalar" && typeof nameNode.value === "string" ? nameNode.value : undefined;
  const a = new Args(lrMap, `Optimizer.lr${name ? ` (${name})` : ""}`, `ppocr ${name ?? "lr"}`, false, lrEntry.keyRange);
  const E = epochs.value;
  const warmupSteps = (): number => pyRound(a.num("warmup_epoch", I(0))!.v * spe());
  const warm = (inner: PaddleSchedulerSpec | number, endLr: number): PaddleSchedulerSpec => {
    const w = warmupSteps();
    if (w > 0) return { kind: "LinearWarmup", learningRate: inner, warmupSteps: w, startLr: 0.0, endLr };
    return typeof inner === "number" ? { kind: "Constant", learningRate: inner } : inner;
  };
  let spec: PaddleSchedulerSpec | undefined;
  let lr: Value | undefined;
  let milestones: number[] = [];
  const need = (v: ReturnType<Args["num"]>): v is NonNullable<typeof v> => v !== undefined;
  const set = (s: PaddleSchedulerSpec, v: Value): void => {
    spec = s;
    lr = v;
  };
  switch (name) {
    case undefined: {
      const x = a.num("learning_rate");
      if (need(x)) set({ kind: "Constant", learningRate: x.v }, x.value);
      break;
    }
    case "Linear": {
      const x = a.num("learning_rate");
      if (need(x)) {
        spec = warm({ kind: "PolynomialDecay", learningRate: x.v, decaySteps: E * spe(), endLr: a.num("end_lr", F(0.0))!.v, power: a.num("power", F(1.0))!.v, cycle: false }, x.v);
        lr = x.value;
      }
      break;
    }
    case "Cosine": {
      const x = a.num("learning_rate");
      if (need(x)) set(warm({ kind: "CosineAnnealingDecay", learningRate: x.v, tMax: spe() * E, etaMin: 0 }, x.v), x.value);
      break;
    }
    case "Step": {
      const x = a.num("learning_rate");
      const size = a.num("step_size");
      const gamma = a.num("gamma");
      if (need(x) && need(size) && need(gamma)) set(warm({ kind: "StepDecay", learningRate: x.v, stepSize: spe() * size.v, gamma: gamma.v }, x.v), x.value);
      break;
    }
    case "Piecewise": {
      const decay = a.nums("decay_epochs");
      const values = a.nums("values");
      if (decay && values && values.length > 0) {
        milestones = decay.map((e) => spe() * e.v);
        spec = warm({ kind: "PiecewiseDecay", boundaries: milestones, values: values.map((v) => v.v) }, values[0]!.v);
        lr = values[0]!.value;
      } else fatal.push({ severity: "error", code: "argument-missing", message: "Piecewise needs decay_epochs and values.", range: lrEntry.keyRange });
      break;
    }
    case "CyclicalCosine": {
      const x = a.num("learning_rate");
      const cycle = a.num("cycle");
      if (need(x) && need(cycle)) set(warm({ kind: "CyclicalCosineDecay", learningRate: x.v, tMax: spe() * E, cycle: pyRound(cycle.v * spe()), etaMin: 0.0 }, x.v), x.value);
      break;
    }
    case "OneCycle": {
      const maxLr = a.num("max_lr");
      const strategy = a.str("anneal_strategy", "cos")!;
      if (strategy !== "cos" && strategy !== "linear") fatal.push({ severity: "error", code: "invalid-argument", message: `anneal_strategy must by one of 'cos' or 'linear', instead got ${strategy}`, range: lrEntry.keyRange });
      else if (need(maxLr)) {
        if (!epochNum.int) fatal.push({ severity: "error", code: "argument-not-int", message: `Expected positive integer epochs, but got ${E} (OneCycleDecay raises ValueError).`, range: epochNum.value.range });
        spec = warm({ kind: "OneCycleDecay", maxLr: maxLr.v, epochs: E, stepsPerEpoch: spe(), pctStart: 0.3, annealStrategy: strategy, divFactor: 25.0, finalDivFactor: 1e4, threePhase: a.bool("three_phase", false) }, maxLr.v);
        lr = maxLr.value;
      }
      break;
    }
    case "Const": {
      const x = a.num("learning_rate");
      if (need(x)) set(warm(x.v, x.v), x.value);
      break;
    }
    case "DecayLearningRate": {
      const x = a.num("learning_rate");
      // end_lr is read but the class always passes 0.
      if (need(x)) set({ kind: "PolynomialDecay", learningRate: x.v, decaySteps: spe() * E, endLr: 0, power: a.num("factor", F(0.9))!.v, cycle: false }, x.value);
      break;
    }
    case "MultiStepDecay": {
      const x = a.num("learning_rate");
      const ms = a.nums("milestones");
      const gamma = a.num("gamma");
      if (need(x) && ms && need(gamma)) {
        milestones = ms.map((m) => spe() * m.v);
        spec = warm({ kind: "MultiStepDecay", learningRate: x.v, milestones, gamma: gamma.v }, x.v);
        lr = x.value;
      } else if (!ms) fatal.push({ severity: "error", code: "argument-missing", message: "MultiStepDecay needs milestones.", range: lrEntry.keyRange });
      break;
    }
    case "TwoStepCosine": {
      const x = a.num("learning_rate");
      if (need(x)) set(warm({ kind: "TwoStepCosineDecay", learningRate: x.v, tMax1: spe() * 200, tMax2: spe() * E, etaMin: 0 }, x.v), x.value);
      break;
    }
    default:
      fatal.push({ severity: "error", code: "lr-unknown", message: `${name} is not a learning-rate class of ppocr/optimizer/learning_rate.py (AttributeError).`, range: nameNode?.range });
  }
  fatal.push(...a.problems.filter((p) => p.severity === "error"));
  if (!spec || !lr || fatal.length > 0) return { fatal };
  const optName = get(opt, "name");
  const optType = optName?.kind === "scalar" && typeof optName.value === "string" ? optName.value : undefined;
  const w = warmupSteps();
  const boundaries = [...(w > 0 ? [{ tick: w, label: "warmup ends" }] : []), ...milestones.map((m) => ({ tick: m, label: "decay" }))];
  let total: Value | undefined;
  const s = speSource.value;
  if (s && speSource.needed) total = derived(E * s.value, `Global.epoch_num ${E} × ${s.value} iterations per epoch`, [epochs, s]);
  else if (s) total = derived(E * s.value, `Global.epoch_num ${E} × ${s.value} iterations per epoch`, [epochs, s]);
  else spe();
  const assumptions = [];
  const as = speSource.assumption();
  if (as) assumptions.push(as);
  void pyNum;
  return {
    fatal,
    result: { name: "Optimizer.lr", unit: "step", groups: [{ scheduler: spec, stepEvery: 1, group: { lr, ...momentumOf(opt, optType, "ppocr") }, boundaries }], epochs, total, stepsPerEpoch: s, source: lrEntry.keyRange, problems, assumptions },
  };
}
