import { f32, pow32 } from "../float32";

/**
 * `PolynomialDecay.__call__` in float32: `(lr - end) × (1 - step / decay_steps) ** power + end`, the step
 * clipped at `decay_steps`, or with `cycle` the decay length stretched to the first multiple of
 * `decay_steps` at or above the step (1× at step 0).
 */
export function polynomialDecay(step: number, p: { readonly initialLearningRate: number; readonly decaySteps: number; readonly endLearningRate: number; readonly power: number; readonly cycle: boolean }): number {
  const lr = f32(p.initialLearningRate);
  const end = f32(p.endLearningRate);
  let s = f32(step);
  let decaySteps = f32(p.decaySteps);
  if (p.cycle) {
    const multiplier = s === 0 ? 1 : Math.ceil(f32(s / f32(p.decaySteps)));
    decaySteps = f32(decaySteps * multiplier);
  } else {
    s = Math.min(s, decaySteps);
  }
  const q = f32(s / decaySteps);
  return f32(f32(f32(lr - end) * pow32(f32(1 - q), p.power)) + end);
}
