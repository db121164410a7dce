import { f32, pow32 } from "../float32";

/**
 * `exponential_decay`: `init × rate ** ((t - begin) / steps)` (floored with `staircase`) once `t > begin`,
 * `init` before, clipped at `end_value` (a floor when rate < 1, a ceiling otherwise). `transition_steps
 * <= 0` or `decay_rate == 0` is the constant `init_value`.
 */
export function exponentialDecay(t: number, p: { readonly initValue: number; readonly transitionSteps: number; readonly decayRate: number; readonly transitionBegin: number; readonly staircase: boolean; readonly endValue: number | null }): number {
  if (p.transitionSteps <= 0 || p.decayRate === 0) return p.initValue;
  const decreased = t - Math.max(0, p.transitionBegin);
  let q = f32(decreased / p.transitionSteps);
  if (p.staircase) q = Math.floor(q);
  let value = decreased <= 0 ? f32(p.initValue) : f32(f32(p.initValue) * pow32(p.decayRate, q));
  if (p.endValue !== null) value = p.decayRate < 1 ? Math.max(value, f32(p.endValue)) : Math.min(value, f32(p.endValue));
  return value;
}
