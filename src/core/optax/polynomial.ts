import { f32, integerPow32, pow32 } from "../float32";

/**
 * `polynomial_schedule` (and `linear_schedule`, power 1): `(init - end) × (1 - count / steps) ** power + end`
 * with `count = clip(t - begin, 0, steps)`, in float32. `transition_steps <= 0` is the constant `init_value`;
 * a negative `transition_begin` falls back to 0.
 */
export function polynomialSchedule(t: number, p: { readonly initValue: number; readonly endValue: number; readonly power: number; readonly powerIsInt: boolean; readonly transitionSteps: number; readonly transitionBegin: number }): number {
  if (p.transitionSteps <= 0) return p.initValue;
  const begin = Math.max(0, p.transitionBegin);
  const count = Math.min(Math.max(t - begin, 0), p.transitionSteps);
  const frac = f32(1 - f32(count / p.transitionSteps));
  const powered = p.powerIsInt ? integerPow32(frac, p.power) : pow32(frac, p.power);
  const end = f32(p.endValue);
  return f32(f32(f32(f32(p.initValue) - end) * powered) + end);
}
