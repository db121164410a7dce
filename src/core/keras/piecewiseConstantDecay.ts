import { f32 } from "../float32";

/**
 * `PiecewiseConstantDecay.__call__`: `values[0]` while `step <= boundaries[0]`, `values[i]` while
 * `boundaries[i-1] < step <= boundaries[i]`, `values[-1]` once `step > boundaries[-1]`. Boundaries are cast
 * to the step's integer dtype (a float boundary is truncated), values are float32 tensors.
 */
export function piecewiseConstantDecay(step: number, p: { readonly boundaries: readonly number[]; readonly values: readonly number[] }): number {
  const bounds = p.boundaries.map(Math.trunc);
  for (let i = 0; i < bounds.length; i++) if (step <= bounds[i]!) return f32(p.values[i]!);
  return f32(p.values[p.values.length - 1]!);
}
