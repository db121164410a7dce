import { cos32, f32, integerPow32, pow32 } from "../float32";

const PI32 = f32(Math.PI);

/**
 * `cosine_decay_schedule`: `init × ((1 - alpha) × (½(1 + cos(π × min(t, T) / T))) ** exponent + alpha)` in
 * float32; note optax multiplies by π before dividing by T.
 */
export function cosineDecaySchedule(t: number, p: { readonly initValue: number; readonly decaySteps: number; readonly alpha: number; readonly exponent: number; readonly exponentIsInt: boolean }): number {
  const count = f32(Math.min(t, p.decaySteps));
  const cosine = f32(0.5 * f32(1 + cos32(f32(f32(PI32 * count) / f32(p.decaySteps)))));
  const powered = p.exponentIsInt ? integerPow32(cosine, p.exponent) : pow32(cosine, p.exponent);
  const decayed = f32(f32(f32(1 - p.alpha) * powered) + f32(p.alpha));
  return f32(f32(p.initValue) * decayed);
}
