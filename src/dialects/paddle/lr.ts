import type { PaddleSchedulerSpec } from "../../core/paddle/spec";
import type { Args, PyNum } from "./args";

const common = ["last_epoch", "verbose"];
const F = (v: number): { v: number; int: boolean } => ({ v, int: false });
const I = (v: number): { v: number; int: boolean } => ({ v, int: true });

/** The `paddle.optimizer.lr` classes by name, with their parameters as lr.py declares them. */
export const paddleLrParams: Readonly<Record<string, readonly string[]>> = {
  PolynomialDecay: ["learning_rate", "decay_steps", "end_lr", "power", "cycle"],
  CosineAnnealingDecay: ["learning_rate", "T_max", "eta_min"],
  PiecewiseDecay: ["boundaries", "values"],
  StepDecay: ["learning_rate", "step_size", "gamma"],
  MultiStepDecay: ["learning_rate", "milestones", "gamma"],
  ExponentialDecay: ["learning_rate", "gamma"],
  NaturalExpDecay: ["learning_rate", "gamma"],
  InverseTimeDecay: ["learning_rate", "gamma"],
  NoamDecay: ["d_model", "warmup_steps", "learning_rate"],
  LinearLR: ["learning_rate", "total_steps", "start_factor", "end_factor"],
  OneCycleLR: ["max_learning_rate", "total_steps", "divide_factor", "end_learning_rate", "phase_pct", "anneal_strategy", "three_phase"],
  CyclicLR: ["base_learning_rate", "max_learning_rate", "step_size_up", "step_size_down", "mode", "exp_gamma", "scale_fn", "scale_mode"],
  CosineAnnealingWarmRestarts: ["learning_rate", "T_0", "T_mult", "eta_min"],
  ReduceOnPlateau: ["learning_rate", "mode", "factor", "patience", "threshold", "threshold_mode", "cooldown", "min_lr", "epsilon"],
};

function intArg(a: Args, key: string, n: PyNum | undefined): number | undefined {
  if (!n) return undefined;
  if (!n.int) {
    a.problems.push({ severity: "error", code: "argument-not-int", message: `${a.owner}: ${key} must be a Python int, got ${n.v} (Paddle raises TypeError / AssertionError).`, range: n.value.range ?? a.map?.range });
    return undefined;
  }
  return n.v;
}

/**
 * `getattr(paddle.optimizer.lr, type)(**args)`: the spec of a Paddle scheduler from its keyword arguments,
 * or a reason it cannot be built (a TypeError or a lambda this reader cannot read). `decay_steps` etc. may
 * be given by the caller (PaddleSeg's default `decay_steps`).
 */
export function paddleLrFromArgs(type: string, a: Args): PaddleSchedulerSpec | string {
  const params = paddleLrParams[type];
  if (!params) return type === "LambdaDecay" || type === "MultiplicativeDecay" ? `${type} needs a Python function (lr_lambda), which a YAML config cannot give` : `paddle.optimizer.lr has no ${type}`;
  const unknown = a.unknownKeys([...params, ...common]);
  if (unknown.length > 0) return `${type}.__init__() got an unexpected keyword argument '${unknown[0]}' (TypeError)`;
  const lr = (key = "learning_rate"): number | undefined => a.num(key)?.v;
  const x = (): PaddleSchedulerSpec | undefined => {
    switch (type) {
      case "PolynomialDecay": {
        const learningRate = lr();
        const decaySteps = intArg(a, "decay_steps", a.num("decay_steps"));
        const endLr = a.num("end_lr", F(0.0001))!.v;
        const power = a.num("power", F(1.0))!.v;
        if (learningRate === undefined || decaySteps === undefined) return undefined;
        return { kind: "PolynomialDecay", learningRate, decaySteps, endLr, power, cycle: a.bool("cycle", false) };
      }
      case "CosineAnnealingDecay": {
        const learningRate = lr();
        const tMax = intArg(a, "T_max", a.num("T_max"));
        const etaMin = a.num("eta_min", I(0))!.v;
        if (learningRate === undefined || tMax === undefined) return undefined;
        return { kind: "CosineAnnealingDecay", learningRate, tMax, etaMin };
      }
      case "PiecewiseDecay": {
        const boundaries = a.nums("boundaries");
        const values = a.nums("values");
        if (!boundaries || !values) return undefined;
        return { kind: "PiecewiseDecay", boundaries: boundaries.map((b) => b.v), values: values.map((v) => v.v) };
      }
      case "StepDecay": {
        const learningRate = lr();
        const stepSize = intArg(a, "step_size", a.num("step_size"));
        const gamma = a.num("gamma", F(0.1))!.v;
        if (learningRate === undefined || stepSize === undefined) return undefined;
        return { kind: "StepDecay", learningRate, stepSize, gamma };
      }
      case "MultiStepDecay": {
        const learningRate = lr();
        const milestones = a.nums("milestones");
        const gamma = a.num("gamma", F(0.1))!.v;
        if (learningRate === undefined || !milestones) return undefined;
        return { kind: "MultiStepDecay", learningRate, milestones: milestones.map((m) => m.v), gamma };
      }
      case "ExponentialDecay":
      case "NaturalExpDecay":
      case "InverseTimeDecay": {
        const learningRate = lr();
        const gamma = a.num("gamma")?.v;
        if (learningRate === undefined || gamma === undefined) return undefined;
        return { kind: type, learningRate, gamma };
      }
      case "NoamDecay": {
        const dModel = a.num("d_model")?.v;
        const warmupSteps = a.num("warmup_steps")?.v;
        const learningRate = a.num("learning_rate", F(1.0))!.v;
        if (dModel === undefined || warmupSteps === undefined) return undefined;
        return { kind: "NoamDecay", dModel, warmupSteps, learningRate };
      }
      case "LinearLR": {
        const learningRate = lr();
        const totalSteps = a.num("total_steps")?.v;
        if (learningRate === undefined || totalSteps === undefined) return undefined;
        return { kind: "LinearLR", learningRate, totalSteps, startFactor: a.num("start_factor", F(1 / 3))!.v, endFactor: a.num("end_factor", F(1.0))!.v };
      }
      case "OneCycleLR": {
        const maxLearningRate = a.num("max_learning_rate")?.v;
        const totalSteps = intArg(a, "total_steps", a.num("total_steps"));
        const phase = a.num("phase_pct", F(0.3))!;
        if (phase.int) a.problems.push({ severity: "error", code: "argument-not-float", message: `${a.owner}: phase_pct must be a float (TypeError).`, range: phase.value.range });
        const strategy = a.str("anneal_strategy", "cos")!;
        if (strategy !== "cos" && strategy !== "linear") {
          a.problems.push({ severity: "error", code: "invalid-argument", message: `'anneal_strategy' must by one of 'cos' or 'linear', but received ${strategy}`, range: a.map?.range });
          return undefined;
        }
        if (maxLearningRate === undefined || totalSteps === undefined) return undefined;
        return { kind: "OneCycleLR", maxLearningRate, totalSteps, divideFactor: a.num("divide_factor", F(25.0))!.v, endLearningRate: a.num("end_learning_rate", F(0.0001))!.v, phasePct: phase.v, annealStrategy: strategy, threePhase: a.bool("three_phase", false) };
      }
      case "CyclicLR": {
        const baseLearningRate = a.num("base_learning_rate")?.v;
        const maxLearningRate = a.num("max_learning_rate")?.v;
        const stepSizeUp = intArg(a, "step_size_up", a.num("step_size_up"));
        const down = a.has("step_size_down") && a.raw("step_size_down")?.kind === "scalar" && (a.raw("step_size_down") as { value: unknown }).value !== null ? intArg(a, "step_size_down", a.num("step_size_down")) : null;
        const mode = a.str("mode", "triangular")!;
        const g = a.num("exp_gamma", F(1.0))!;
        if (g.int) a.problems.push({ severity: "error", code: "argument-not-float", message: `${a.owner}: exp_gamma must be a float (TypeError).`, range: g.value.range });
        if (mode !== "triangular" && mode !== "triangular2" && mode !== "exp_range") {
          a.problems.push({ severity: "error", code: "invalid-argument", message: "'mode' is invalid and 'scale_fn' is not specified, make sure one of 'mode' or 'scale_fn' is valid", range: a.map?.range });
          return undefined;
        }
        if (baseLearningRate === undefined || maxLearningRate === undefined || stepSizeUp === undefined || down === undefined) return undefined;
        return { kind: "CyclicLR", baseLearningRate, maxLearningRate, stepSizeUp, stepSizeDown: down, mode, expGamma: g.v };
      }
      case "CosineAnnealingWarmRestarts": {
        const learningRate = lr();
        const t0 = intArg(a, "T_0", a.num("T_0"));
        const tMult = intArg(a, "T_mult", a.num("T_mult", I(1)));
        if (learningRate === undefined || t0 === undefined || tMult === undefined) return undefined;
        return { kind: "CosineAnnealingWarmRestarts", learningRate, t0, tMult, etaMin: a.num("eta_min", I(0))!.v };
      }
      case "ReduceOnPlateau": {
        const learningRate = lr();
        const mode = (a.str("mode", "min") ?? "min").toLowerCase();
        const thresholdMode = (a.str("threshold_mode", "rel") ?? "rel").toLowerCase();
        if ((mode !== "min" && mode !== "max") || (thresholdMode !== "rel" && thresholdMode !== "abs")) {
          a.problems.push({ severity: "error", code: "invalid-argument", message: `${a.owner}: mode / threshold_mode is unknown (ValueError).`, range: a.map?.range });
          return undefined;
        }
        if (learningRate === undefined) return undefined;
        return { kind: "ReduceOnPlateau", learningRate, mode, factor: a.num("factor", F(0.1))!.v, patience: a.num("patience", I(10))!.v, threshold: a.num("threshold", F(1e-4))!.v, thresholdMode, cooldown: a.num("cooldown", I(0))!.v, minLr: a.num("min_lr", I(0))!.v, epsilon: a.num("epsilon", F(1e-8))!.v };
      }
      default:
        return undefined;
    }
  };
  const spec = x();
  return spec ?? `${type} cannot be built from this config`;
}
