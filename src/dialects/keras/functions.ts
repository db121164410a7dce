import type { NumericFunctions } from "../../parse/python/numeric";

const f = Math.fround;

/** Element-wise ops on a float32 tensor made from Python numbers: float32 in, float32 out. */
const float32Ops: Readonly<Record<string, (...xs: number[]) => number>> = {
  exp: (x) => f(Math.exp(f(x))),
  log: (x) => f(Math.log(f(x))),
  sqrt: (x) => f(Math.sqrt(f(x))),
  rsqrt: (x) => f(1 / Math.sqrt(f(x))),
  cos: (x) => f(Math.cos(f(x))),
  sin: (x) => f(Math.sin(f(x))),
  floor: (x) => Math.floor(f(x)),
  ceil: (x) => Math.ceil(f(x)),
  abs: (x) => Math.abs(f(x)),
  pow: (x, y) => f(Math.pow(f(x), f(y ?? NaN))),
  power: (x, y) => f(Math.pow(f(x), f(y ?? NaN))),
  maximum: (x, y) => Math.max(f(x), f(y ?? NaN)),
  minimum: (x, y) => Math.min(f(x), f(y ?? NaN)),
};

/** NumPy on Python floats: float64. */
const float64Ops: Readonly<Record<string, (...xs: number[]) => number>> = {
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  cos: Math.cos,
  sin: Math.sin,
  floor: Math.floor,
  ceil: Math.ceil,
  abs: Math.abs,
  power: (x, y) => Math.pow(x, y ?? NaN),
  maximum: (x, y) => Math.max(x, y ?? NaN),
  minimum: (x, y) => Math.min(x, y ?? NaN),
};

/**
 * The math a `LearningRateScheduler` function may call besides `math.*`: `tf.math.exp`, `keras.ops.exp`
 * (float32 tensors, as in the Keras and TensorFlow docs' `lr * ops.exp(-0.1)`) and `np.exp` (float64).
 */
export const kerasFunctions: NumericFunctions = (path) => {
  const m = /^(?:tensorflow(?:\.math)?|(?:tensorflow\.)?keras(?:\.src)?\.ops(?:\.numpy)?|keras\.backend|jax\.numpy)\.(\w+)$/.exec(path);
  if (m) return float32Ops[m[1]!];
  const n = /^numpy\.(\w+)$/.exec(path);
  if (n) return float64Ops[n[1]!];
  return undefined;
};
