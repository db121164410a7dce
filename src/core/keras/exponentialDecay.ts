import { f32, pow32 } from "../float32";

/** `ExponentialDecay.__call__` in float32 (keras/src/optimizers/schedules/learning_rate_schedule.py). */
export function exponentialDecay(step: number, p: { readonly initialLearningRate: number; readonly decaySteps: number; readonly decayRate: number; readonly staircase: boolean }): number {
  let q = f32(f32(step) / f32(p.decaySteps));
  if (p.staircase) q = Math.floor(q);
  return f32(f32(p.initialLearningRate) * pow32(p.decayRate, q));
}
