/**
 * IEEE single precision, as Keras (`ops.cast(..., "float32")`) and JAX (`jnp`, x64 disabled) compute
 * schedules. Each helper is one float32 operation: the exact result rounded once to float32. A sum or
 * product of two float32 numbers is exact in double before that rounding, so `f32(a * b)` is what the
 * float32 hardware instruction returns; transcendental functions are rounded from the double result
 * (correctly rounded in all but rare cases, as good libm float32 routines are).
 */
export const f32 = Math.fround;

export function cos32(x: number): number {
  return Math.fround(Math.cos(Math.fround(x)));
}

export function log32(x: number): number {
  return Math.fround(Math.log(Math.fround(x)));
}

/** `pow` of two float32 numbers. */
export function pow32(base: number, exponent: number): number {
  return Math.fround(Math.pow(Math.fround(base), Math.fround(exponent)));
}

/**
 * `lax.integer_pow(x, n)` (what `x ** n` is in JAX for a Python int `n`): binary exponentiation, each
 * product rounded to float32 (jax/_src/lax/lax.py `_integer_pow`).
 */
export function integerPow32(x: number, n: number): number {
  if (n === 0) return 1;
  const negative = n < 0;
  let y = Math.abs(n);
  let base = Math.fround(x);
  let acc: number | undefined;
  while (y > 0) {
    if (y & 1) acc = acc === undefined ? base : Math.fround(acc * base);
    y >>= 1;
    if (y > 0) base = Math.fround(base * base);
  }
  return negative ? Math.fround(1 / acc!) : acc!;
}
