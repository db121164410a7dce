import { f32 } from "../float32";

/** `InverseTimeDecay.__call__` in float32: `lr / (1 + rate × step / decay_steps)`, floored with `staircase`. */
export function inverseTimeDecay(step: number, p: { readonly initialLearningRate: number; readonly decaySteps: number; readonly decayRate: number; readonly staircase: boolean }): number {
  let q = f32(f32(step) / f32(p.decaySteps));
  if (p.staircase) q = Math.floor(q);
  const denom = f32(1 + f32(f32(p.decayRate) * q));
  return f32(f32(p.initialLearningRate) / denom);
}
