import type { Input, Problem } from "../../core/problem";
import type { SourceRange } from "../../core/range";
import type { ParamGroup } from "../../core/schedule";
import type { LrLambda, TorchSchedulerKind } from "../../core/torch/spec";
import { frameworkDefault, literal, type Value } from "../../core/value";
import type { ConfigNode } from "../../parse/config";
import { optimizerSignatures, schedulerSignatures, type Default } from "../pytorch/signatures";

/**
 * An argument of a torch optimizer or scheduler as a config file or a Python call gives it, before it is
 * checked against the constructor's signature. Config readers (LightningCLI `init_args`, DeepSpeed
 * `scheduler.params` naming a torch scheduler) and the LightningModule reader both produce these.
 */
export type Arg =
  | { readonly kind: "num"; readonly value: Value; readonly isInt: boolean }
  | { readonly kind: "str"; readonly value: string; readonly range?: SourceRange }
  | { readonly kind: "bool"; readonly value: boolean; readonly range?: SourceRange }
  | { readonly kind: "none"; readonly range?: SourceRange }
  | { readonly kind: "list"; readonly items: readonly Arg[]; readonly range?: SourceRange }
  | { readonly kind: "func"; readonly lambda: LrLambda }
  | { readonly kind: "unknown"; readonly reason: string; readonly range?: SourceRange; readonly needs?: Input };

export type ArgProblem = Problem & { readonly input?: Input };

function rangeOf(a: Arg): SourceRange | undefined {
  return a.kind === "num" ? a.value.range : a.kind === "func" ? a.lambda.range : a.range;
}

class ArgumentError extends Error {
  constructor(readonly problem: ArgProblem) {
    super(problem.message);
  }
}

/** The short class name of a dotted path (`torch.optim.lr_scheduler.StepLR` → `StepLR`), if torch has it. */
export function torchSchedulerName(path: string): string | undefined {
  const short = path.split(".").at(-1) ?? path;
  if (short === "ReduceLROnPlateau") return short;
  return short in schedulerSignatures ? short : undefined;
}

export function torchOptimizerName(path: string): string | undefined {
  const short = path.split(".").at(-1) ?? path;
  return short in optimizerSignatures ? short : undefined;
}

/**
 * One param group of `torch.optim.<className>(params, **args)`: lr and momentum (SGD, RMSprop) or β1
 * (Adam family), with the constructor's defaults (src/dialects/pytorch/signatures.ts) for what is not
 * given. Values that cannot be read become problems (`needs-input` when an input can supply them).
 */
export function torchOptimizerGroup(className: string, args: ReadonlyMap<string, Arg>, site: SourceRange): { group: ParamGroup; problems: ArgProblem[] } {
  const sig = optimizerSignatures[className];
  const problems: ArgProblem[] = [];
  if (!sig) return { group: { lr: frameworkDefault(NaN, className) }, problems: [{ severity: "error", code: "optimizer-unknown", message: `${className} is not a torch.optim optimizer this reader knows, so its learning rate is unknown`, range: site }] };
  const source = `torch.optim.${className} default`;
  const number = (a: Arg | undefined, fallback: Value, what: string): Value => {
    if (a === undefined || a.kind === "none") return fallback;
    if (a.kind === "num") return a.value;
    if (a.kind === "list" && a.items[0]?.kind === "num") return a.items[0].value;
    if (a.kind === "unknown" && a.needs) problems.push({ severity: "warning", code: "needs-input", message: `${className} ${what} cannot be read: ${a.reason}`, range: a.range ?? site, input: a.needs });
    else problems.push({ severity: "error", code: "value-not-static", message: `${className} ${what} cannot be read: ${a.kind === "unknown" ? a.reason : "not a number"}`, range: rangeOf(a) ?? site });
    return fallback;
  };
  const lr = number(args.get("lr"), frameworkDefault(sig.lr, source), "lr");
  const m = sig.momentum;
  if (!m) return { group: { lr }, problems };
  const momentum = number(args.get(m.name), frameworkDefault(m.fallback, source), m.name);
  return { group: { lr, momentum, momentumKind: m.name === "betas" ? "beta1" : "momentum" }, problems };
}

export interface BuiltScheduler {
  readonly kind: TorchSchedulerKind;
  readonly args: Record<string, Value>;
  /** Warnings that do not stop the curve (a resumed `last_epoch`...). */
  readonly problems: ArgProblem[];
}

/**
 * `torch.optim.lr_scheduler.<className>(optimizer, **args)` checked against PyTorch's signature: defaults
 * filled in and named for hovers, an unexpected keyword rejected as PyTorch's `TypeError` would be.
 * `groups` is the optimizer's param-group count (per-group arguments are repeated). Schedulers made of
 * other schedulers (SequentialLR, ChainedScheduler) cannot be built from keyword arguments alone.
 */
export function buildTorchScheduler(className: string, args: ReadonlyMap<string, Arg>, groups: number, name: string, site: SourceRange): BuiltScheduler | ArgProblem {
  const sig = schedulerSignatures[className];
  if (!sig) return { severity: "error", code: "scheduler-unknown", message: `${name}: ${className} is not a torch.optim.lr_scheduler class this reader knows`, range: site };
  const fail = (param: string, why: string, at?: SourceRange, needs?: Input): never => {
    throw new ArgumentError({ severity: needs ? "warning" : "error", code: needs ? "needs-input" : "value-not-static", message: `${name}: ${param} ${why}`, range: at ?? site, input: needs });
  };
  const extra = className === "ReduceLROnPlateau" ? ["monitor", "verbose"] : ["verbose"];
  for (const key of args.keys()) {
    if (!sig.params.some(([n]) => n === key) && !extra.includes(key)) {
      return { severity: "error", code: "unexpected-argument", message: `${name}: ${className}() got an unexpected keyword argument '${key}' (TypeError)`, range: rangeOf(args.get(key)!) ?? site };
    }
  }
  const values: Record<string, Value> = {};
  const problems: ArgProblem[] = [];
  const fallbackOf = (param: string): Default => {
    const found = sig.params.find(([n]) => n === param);
    return found ? found[1] : "required";
  };
  const bad = (param: string, a: Arg, what: string): never => (a.kind === "unknown" ? fail(param, `cannot be read: ${a.reason}`, a.range, a.needs) : fail(param, `is not ${what}`, rangeOf(a)));
  const num = (param: string): number => {
    const a = args.get(param);
    if (a === undefined) {
      const d = fallbackOf(param);
      if (typeof d !== "number") return fail(param, "is required");
      values[param] = frameworkDefault(d, `torch.optim.lr_scheduler.${className} default`);
      return d;
    }
    if (a.kind === "num") return (values[param] = a.value).value;
    if (a.kind === "bool") return a.value ? 1 : 0;
    return bad(param, a, "a number");
  };
  const optionalNum = (param: string): number | null => {
    const a = args.get(param);
    if (a === undefined ? fallbackOf(param) === null : a.kind === "none") return null;
    return num(param);
  };
  const list = (param: string): number[] => {
    const a = args.get(param);
    if (a === undefined) return fail(param, "is required");
    const items = a.kind === "list" ? a.items : [a];
    return items.map((item, i) => {
      if (item.kind === "num") return (values[`${param}[${i}]`] = item.value).value;
      return bad(`${param}[${i}]`, item, "a number");
    });
  };
  const perGroup = (param: string): number[] => {
    const a = args.get(param);
    if (a?.kind === "list") return list(param);
    return new Array<number>(groups).fill(num(param));
  };
  const str = (param: string): string => {
    const a = args.get(param);
    if (a === undefined) return String(fallbackOf(param));
    if (a.kind === "str") return a.value;
    return bad(param, a, "a string");
  };
  const bool = (param: string): boolean => {
    const a = args.get(param);
    if (a === undefined) return fallbackOf(param) === true;
    if (a.kind === "bool") return a.value;
    if (a.kind === "num") return a.value.value !== 0;
    return bad(param, a, "a boolean");
  };
  const lambdas = (param: string): LrLambda[] => {
    const a = args.get(param);
    if (a === undefined) return fail(param, "is required");
    const items = a.kind === "list" ? a.items : new Array<Arg>(groups).fill(a);
    return items.map((item) => (item.kind === "func" ? item.lambda : bad(param, item, "a function this reader can read")));
  };
  try {
    const kind = ((): TorchSchedulerKind => {
      switch (className) {
        case "StepLR":
          return { kind: "StepLR", stepSize: num("step_size"), gamma: num("gamma") };
        case "MultiStepLR":
          return { kind: "MultiStepLR", milestones: list("milestones"), gamma: num("gamma") };
        case "ConstantLR":
          return { kind: "ConstantLR", factor: num("factor"), totalIters: num("total_iters") };
        case "LinearLR":
          return { kind: "LinearLR", startFactor: num("start_factor"), endFactor: num("end_factor"), totalIters: num("total_iters") };
        case "ExponentialLR":
          return { kind: "ExponentialLR", gamma: num("gamma") };
        case "PolynomialLR":
          return { kind: "PolynomialLR", totalIters: num("total_iters"), power: num("power") };
        case "CosineAnnealingLR":
          return { kind: "CosineAnnealingLR", tMax: num("T_max"), etaMin: num("eta_min") };
        case "CosineAnnealingWarmRestarts":
          return { kind: "CosineAnnealingWarmRestarts", t0: num("T_0"), tMult: num("T_mult"), etaMin: num("eta_min") };
        case "CyclicLR": {
          const mode = str("mode");
          if (mode !== "triangular" && mode !== "triangular2" && mode !== "exp_range") return fail("mode", `is ${JSON.stringify(mode)}, which PyTorch rejects`);
          const scaleFnArg = args.get("scale_fn");
          const scaleFn = scaleFnArg && scaleFnArg.kind !== "none" ? lambdas("scale_fn")[0] : undefined;
          const scaleMode = scaleFn ? str("scale_mode") : mode === "exp_range" ? "iterations" : "cycle";
          return {
            kind: "CyclicLR",
            baseLr: perGroup("base_lr"),
            maxLr: perGroup("max_lr"),
            stepSizeUp: num("step_size_up"),
            stepSizeDown: optionalNum("step_size_down"),
            mode,
            gamma: num("gamma"),
            scaleFn,
            scaleMode: scaleMode === "iterations" ? "iterations" : "cycle",
            cycleMomentum: bool("cycle_momentum"),
            baseMomentum: perGroup("base_momentum"),
            maxMomentum: perGroup("max_momentum"),
          };
        }
        case "OneCycleLR": {
          let totalSteps = optionalNum("total_steps");
          if (totalSteps === null) {
            const epochs = optionalNum("epochs");
            const spe = optionalNum("steps_per_epoch");
            if (epochs === null || spe === null) return fail("total_steps", "is not given, and epochs × steps_per_epoch is incomplete (ValueError)");
            totalSteps = epochs * spe;
          }
          const strategy = str("anneal_strategy");
          if (strategy !== "cos" && strategy !== "linear") return fail("anneal_strategy", `is ${JSON.stringify(strategy)}, which PyTorch rejects`);
          return {
            kind: "OneCycleLR",
            maxLr: perGroup("max_lr"),
            totalSteps,
            pctStart: num("pct_start"),
            annealStrategy: strategy,
            cycleMomentum: bool("cycle_momentum"),
            baseMomentum: perGroup("base_momentum"),
            maxMomentum: perGroup("max_momentum"),
            divFactor: num("div_factor"),
            finalDivFactor: num("final_div_factor"),
            threePhase: bool("three_phase"),
          };
        }
        case "LambdaLR":
          return { kind: "LambdaLR", lambdas: lambdas("lr_lambda") };
        case "MultiplicativeLR":
          return { kind: "MultiplicativeLR", lambdas: lambdas("lr_lambda") };
        case "ReduceLROnPlateau":
          return { kind: "ReduceLROnPlateau" };
        default:
          return fail("schedulers", `: ${className} is built from other schedulers, which a config's keyword arguments cannot give`);
      }
    })();
    const lastEpoch = args.get("last_epoch");
    if (lastEpoch && !(lastEpoch.kind === "num" && lastEpoch.value.value === -1)) problems.push({ severity: "warning", code: "resumed-schedule", message: `${name} is resumed with last_epoch; the curve is drawn from the start of training`, range: rangeOf(lastEpoch) ?? site });
    return { kind, args: values, problems };
  } catch (e) {
    if (e instanceof ArgumentError) return e.problem;
    throw e;
  }
}

/**
 * A config value as an argument. `numbersFromStrings`: the loader reads `1e-4` as a float (jsonargparse's
 * YAML loader adds that resolver; PyYAML alone would give a string).
 */
export function configArg(node: ConfigNode, numbersFromStrings: boolean): Arg {
  if (node.kind === "seq") return { kind: "list", items: node.items.map((i) => configArg(i, numbersFromStrings)), range: node.range };
  if (node.kind === "map") return { kind: "unknown", reason: "a mapping where a value was expected", range: node.range };
  const v = node.value;
  if (typeof v === "number") return { kind: "num", value: literal(v, node.range), isInt: Number.isInteger(v) };
  if (typeof v === "boolean") return { kind: "bool", value: v, range: node.range };
  if (v === null) return { kind: "none", range: node.range };
  if (numbersFromStrings && node.numberLikeString === true && Number.isFinite(Number(v))) return { kind: "num", value: literal(Number(v), node.range), isInt: false };
  return { kind: "str", value: v, range: node.range };
}
