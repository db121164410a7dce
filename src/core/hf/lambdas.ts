/**
 * The learning-rate lambdas of the Hugging Face Trainer (huggingface/transformers
 * src/transformers/optimization.py, v5.18), one per `lr_scheduler_type`. Each is the Python function the
 * Trainer wraps in `torch.optim.lr_scheduler.LambdaLR`, transcribed with the same operation order, so
 * `base_lr × lambda(step)` is what PyTorch computes. Pure: no state, no I/O.
 */

/** Python's `ZeroDivisionError`, raised where the lambda divides by zero. */
export class ZeroDivision extends Error {
  constructor(what: string) {
    super(`ZeroDivisionError: ${what}`);
  }
}

function div(a: number, b: number, what: string): number {
  if (b === 0) throw new ZeroDivision(what);
  return a / b;
}

/** `_get_constant_lambda`: 1. */
export function constantLambda(): number {
  return 1;
}

/** `_get_constant_schedule_with_warmup_lr_lambda`: note `max(1.0, ...)` here, `max(1, ...)` elsewhere (same value). */
export function constantWithWarmupLambda(step: number, p: { readonly numWarmupSteps: number }): number {
  if (step < p.numWarmupSteps) return step / Math.max(1.0, p.numWarmupSteps);
  return 1.0;
}

export interface WarmupTotal {
  readonly numWarmupSteps: number;
  readonly numTrainingSteps: number;
}

/** `_get_linear_schedule_with_warmup_lr_lambda`. */
export function linearLambda(step: number, p: WarmupTotal): number {
  if (step < p.numWarmupSteps) return step / Math.max(1, p.numWarmupSteps);
  return Math.max(0.0, (p.numTrainingSteps - step) / Math.max(1, p.numTrainingSteps - p.numWarmupSteps));
}

/** `_get_cosine_schedule_with_warmup_lr_lambda` (num_cycles defaults to 0.5: half a cosine down to 0). */
export function cosineLambda(step: number, p: WarmupTotal & { readonly numCycles: number }): number {
  if (step < p.numWarmupSteps) return step / Math.max(1, p.numWarmupSteps);
  const progress = (step - p.numWarmupSteps) / Math.max(1, p.numTrainingSteps - p.numWarmupSteps);
  return Math.max(0.0, 0.5 * (1.0 + Math.cos(Math.PI * p.numCycles * 2.0 * progress)));
}

/** Python's float `%` (the result takes the sign of the divisor). */
function pyFmod(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}

/** `_get_cosine_with_hard_restarts_schedule_with_warmup_lr_lambda` (num_cycles defaults to 1). */
export function cosineWithRestartsLambda(step: number, p: WarmupTotal & { readonly numCycles: number }): number {
  if (step < p.numWarmupSteps) return step / Math.max(1, p.numWarmupSteps);
  const progress = (step - p.numWarmupSteps) / Math.max(1, p.numTrainingSteps - p.numWarmupSteps);
  if (progress >= 1.0) return 0.0;
  return Math.max(0.0, 0.5 * (1.0 + Math.cos(Math.PI * pyFmod(p.numCycles * progress, 1.0))));
}

/**
 * `_get_polynomial_decay_schedule_with_warmup_lr_lambda`: decays from `lr_init` (the optimizer's default lr,
 * i.e. `learning_rate`, not each group's) to `lr_end`, returned as a ratio of `lr_init`.
 */
export function polynomialLambda(step: number, p: WarmupTotal & { readonly lrEnd: number; readonly power: number; readonly lrInit: number }): number {
  if (step < p.numWarmupSteps) return step / Math.max(1, p.numWarmupSteps);
  if (step > p.numTrainingSteps) return div(p.lrEnd, p.lrInit, "lr_end / lr_init");
  const lrRange = p.lrInit - p.lrEnd;
  const decaySteps = p.numTrainingSteps - p.numWarmupSteps;
  const pctRemaining = 1 - div(step - p.numWarmupSteps, decaySteps, "division by zero (num_training_steps == num_warmup_steps)");
  const decay = lrRange * Math.pow(pctRemaining, p.power) + p.lrEnd;
  return div(decay, p.lrInit, "decay / lr_init");
}

/** `_get_inverse_sqrt_schedule_lr_lambda`; `timescale` defaults to `num_warmup_steps or 10_000` (see `inverseSqrtTimescale`). */
export function inverseSqrtLambda(step: number, p: { readonly numWarmupSteps: number; readonly timescale: number }): number {
  if (step < p.numWarmupSteps) return step / Math.max(1, p.numWarmupSteps);
  const shift = p.timescale - p.numWarmupSteps;
  return 1.0 / Math.sqrt(div(step + shift, p.timescale, "division by zero (timescale=0)"));
}

/** `get_inverse_sqrt_schedule`: `timescale = num_warmup_steps or 10_000` when not given. */
export function inverseSqrtTimescale(numWarmupSteps: number): number {
  return numWarmupSteps !== 0 ? numWarmupSteps : 10_000;
}

/** `_get_cosine_schedule_with_warmup_lr_lambda` with `min_lr_rate` (`cosine_with_min_lr`). */
export function cosineWithMinLrLambda(step: number, p: WarmupTotal & { readonly numCycles: number; readonly minLrRate: number }): number {
  if (step < p.numWarmupSteps) return step / Math.max(1, p.numWarmupSteps);
  const progress = (step - p.numWarmupSteps) / Math.max(1, p.numTrainingSteps - p.numWarmupSteps);
  let factor = 0.5 * (1.0 + Math.cos(Math.PI * p.numCycles * 2.0 * progress));
  factor = factor * (1 - p.minLrRate) + p.minLrRate;
  return Math.max(0, factor);
}

/**
 * `_get_cosine_with_min_lr_schedule_with_warmup_lr_rate_lambda` (`cosine_warmup_with_min_lr`): the warmup
 * counts from step + 1 (so it does not start at 0) and the cosine progress is shifted by one step.
 */
export function cosineWarmupWithMinLrLambda(step: number, p: WarmupTotal & { readonly numCycles: number; readonly minLrRate: number; readonly warmupLrRate: number | null }): number {
  const W = p.numWarmupSteps;
  if (step < W) {
    if (p.warmupLrRate === null) return (step + 1.0) / Math.max(1.0, W);
    return p.warmupLrRate + ((1.0 - p.warmupLrRate) * step) / Math.max(1, W - 1);
  }
  const progress = (step - W + 1.0) / Math.max(1.0, p.numTrainingSteps - W);
  let factor = 0.5 * (1.0 + Math.cos(Math.PI * p.numCycles * 2.0 * progress));
  factor = factor * (1 - p.minLrRate) + p.minLrRate;
  return Math.max(0, factor);
}

export type WsdShape = "linear" | "cosine" | "1-sqrt";

/** `_get_wsd_scheduler_lambda` (`warmup_stable_decay`): warmup from `min_lr_ratio`, stable at 1, decay back to it. */
export function wsdLambda(
  step: number,
  p: {
    readonly numWarmupSteps: number;
    readonly numStableSteps: number;
    readonly numDecaySteps: number;
    readonly warmupType: WsdShape;
    readonly decayType: WsdShape;
    readonly minLrRatio: number;
    readonly numCycles: number;
  },
): number {
  const W = p.numWarmupSteps;
  if (step < W) {
    const progress = step / Math.max(1, W);
    let factor = p.warmupType === "linear" ? progress : p.warmupType === "cosine" ? 0.5 * (1.0 - Math.cos(Math.PI * progress)) : 1.0 - Math.sqrt(1.0 - progress);
    factor = factor * (1.0 - p.minLrRatio) + p.minLrRatio;
    return Math.max(0.0, factor);
  }
  if (step < W + p.numStableSteps) return 1.0;
  if (step < W + p.numStableSteps + p.numDecaySteps) {
    const progress = (step - W - p.numStableSteps) / Math.max(1, p.numDecaySteps);
    let factor = p.decayType === "linear" ? 1.0 - progress : p.decayType === "cosine" ? 0.5 * (1.0 + Math.cos(Math.PI * p.numCycles * 2.0 * progress)) : 1.0 - Math.sqrt(progress);
    factor = factor * (1.0 - p.minLrRatio) + p.minLrRatio;
    return Math.max(0.0, factor);
  }
  return p.minLrRatio;
}
