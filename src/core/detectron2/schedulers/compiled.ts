/**
 * An fvcore `ParamScheduler` after its constructor ran: `value(where)` is its `__call__`, `phase(where)`
 * names the part of the schedule `where` falls in (for the chart's boundaries).
 */
export interface CompiledScheduler {
  value(where: number): number;
  phase(where: number): string;
}

/** `ParamScheduler.WHERE_EPSILON` (fvcore/common/param_scheduler.py): added to `where` before comparisons. */
export const WHERE_EPSILON = 1e-6;

/** Python's `bisect.bisect_right`. */
export function bisectRight(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x < xs[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Python's `sum()` of floats: left to right from the integer 0. */
export function pySum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

/** A number as Python's `repr` would print it in an error message (`1.0`, `0.25`). */
export function pyFloat(x: number): string {
  return Number.isInteger(x) && Math.abs(x) < 1e16 ? x.toFixed(1) : String(x);
}

export const noPhase = (): string => "";
