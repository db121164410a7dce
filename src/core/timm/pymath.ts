/**
 * Python's float arithmetic where it differs from JavaScript's, so timm's formulas give the same bits:
 * floor division (`floatobject.c` float_floor_div), `math.log(x, base)`, `bisect.bisect_right`.
 */
import { pyFloorDiv as exactFloorDiv } from "../pymath";
import { TimmError } from "./scheduler";

/** `a // b` for Python floats and ints (CPython float_divmod), raising as Python does on zero. */
export function pyFloorDiv(a: number, b: number): number {
  if (b === 0) throw new TimmError("zero-division", "ZeroDivisionError: float floor division by zero");
  return exactFloorDiv(a, b);
}

/** `math.log(x, base)`: log(x) / log(base), with Python's ValueError for a non-positive argument. */
export function pyLog(x: number, base: number): number {
  if (!(x > 0) || !(base > 0)) throw new TimmError("math-domain", `ValueError: math domain error (math.log(${x}, ${base}))`);
  const den = Math.log(base);
  if (den === 0) throw new TimmError("zero-division", "ZeroDivisionError: float division by zero (math.log with base 1)");
  return Math.log(x) / den;
}

/** `bisect.bisect_right(a, x)`, the same probes as CPython's (so an unsorted list gives the same answer). */
export function bisectRight(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x < a[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** `x ** y` for Python floats: a negative base with a fractional exponent is a complex number there. */
export function pyPow(x: number, y: number): number {
  if (x < 0 && !Number.isInteger(y)) throw new TimmError("complex-lr", `${x} ** ${y} is a complex number in Python: the LR is not a real number`);
  if (x === 0 && y < 0) throw new TimmError("zero-division", "ZeroDivisionError: 0.0 cannot be raised to a negative power");
  return Math.pow(x, y);
}
