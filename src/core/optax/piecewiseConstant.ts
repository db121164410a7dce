import { f32 } from "../float32";

/**
 * `piecewise_constant_schedule`: `init` times every scale whose boundary `t` has reached (`t >= b`), the
 * products taken in float32 in boundary order.
 */
export function piecewiseConstantSchedule(t: number, p: { readonly initValue: number; readonly boundariesAndScales: readonly (readonly [number, number])[] | null }): number {
  if (p.boundariesAndScales === null) return p.initValue;
  let v = f32(p.initValue);
  for (const [boundary, scale] of p.boundariesAndScales) if (t >= boundary) v = f32(f32(scale) * v);
  return v;
}
