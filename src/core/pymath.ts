/**
 * Python's float floor division and modulo, bit for bit (CPython Objects/floatobject.c `float_divmod`):
 * `1 // 0.1` is 9.0 in Python, while `Math.floor(1 / 0.1)` is 10. Shared by the evaluators and by the
 * static reader's arithmetic. Division by zero is the caller's to report (Python raises).
 */
export function pyFloorDiv(a: number, b: number): number {
  const mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0 && b < 0 !== mod < 0) div -= 1.0;
  if (div !== 0) {
    let floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1.0;
    return floordiv;
  }
  return 0 * (a / b); // a signed zero, as CPython's copysign(0.0, a / b)
}

/** Python's `%`: the result takes the divisor's sign. */
export function pyMod(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}
