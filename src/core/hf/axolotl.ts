/**
 * The LambdaLR lambdas axolotl puts in place of the Trainer's (axolotl-ai-cloud/axolotl
 * src/axolotl/utils/schedulers.py, chosen in src/axolotl/core/trainers/mixins/scheduler.py), transcribed
 * with the same operation order. Pure.
 */
import type { WarmupTotal } from "./lambdas";

/** `_get_cosine_schedule_with_quadratic_warmup_lr_lambda` (`lr_quadratic_warmup: true` with cosine). */
export function cosineQuadraticWarmupLambda(step: number, p: WarmupTotal & { readonly numCycles: number }): number {
  if (step < p.numWarmupSteps) return (step / Math.max(1, p.numWarmupSteps)) ** 2;
  const progress = (step - p.numWarmupSteps) / Math.max(1, p.numTrainingSteps - p.numWarmupSteps);
  return Math.max(0.0, 0.5 * (1.0 + Math.cos(Math.PI * p.numCycles * 2.0 * progress)));
}

/** `_get_cosine_schedule_with_min_lr_lambda` (`cosine_min_lr_ratio` with cosine): no clamp at 0, unlike HF's. */
export function axolotlCosineMinLrLambda(step: number, p: WarmupTotal & { readonly minLrRatio: number }): number {
  if (step < p.numWarmupSteps) return step / Math.max(1, p.numWarmupSteps);
  const progress = (step - p.numWarmupSteps) / Math.max(1, p.numTrainingSteps - p.numWarmupSteps);
  const scaling = 0.5 * (1.0 + Math.cos(Math.PI * progress));
  return (1 - p.minLrRatio) * scaling + p.minLrRatio;
}

/**
 * `_get_cosine_schedule_with_warmup_decay_constant_lr_lambda` (`cosine_min_lr_ratio` and
 * `cosine_constant_lr_ratio`): the cosine reaches `min_lr_ratio` at `int(total × constant_lr_ratio)` and holds.
 */
export function cosineDecayConstantLambda(step: number, p: WarmupTotal & { readonly constantLrRatio: number; readonly minLrRatio: number; readonly numCycles: number }): number {
  if (step < p.numWarmupSteps) return step / Math.max(1, p.numWarmupSteps);
  const numConstantSteps = Math.trunc(p.numTrainingSteps * p.constantLrRatio);
  const current = Math.min(step, numConstantSteps);
  const progress = (current - p.numWarmupSteps) / Math.max(1, numConstantSteps - p.numWarmupSteps);
  return Math.max(0, (1 - p.minLrRatio) * 0.5 * (1.0 + Math.cos(Math.PI * p.numCycles * 2.0 * progress))) + p.minLrRatio;
}
