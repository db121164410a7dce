import { pyFloorDiv, pyMod } from "../../core/pymath";

export { pyMod };
/** Python `//` on numbers (CPython's algorithm: `1 // 0.1 == 9.0`). */
export const floorDiv = pyFloorDiv;

/**
 * Python's numeric semantics where they differ from JavaScript's: floored `//` and `%`, int-preserving
 * `**`, banker's `round`. Used by the static reader and by compiled lambdas alike.
 */

/** Python `round(x)` with no digits: halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

export function roundDigits(x: number, digits: number): number {
  const m = 10 ** digits;
  return roundHalfEven(x * m) / m;
}

/** Functions of Python's `math` module that are pure functions of numbers. */
export const mathFunctions: Readonly<Record<string, (...xs: number[]) => number>> = {
  cos: Math.cos,
  sin: Math.sin,
  tan: Math.tan,
  acos: Math.acos,
  asin: Math.asin,
  atan: Math.atan,
  atan2: Math.atan2,
  cosh: Math.cosh,
  sinh: Math.sinh,
  tanh: Math.tanh,
  exp: Math.exp,
  expm1: Math.expm1,
  log: (x: number, base?: number) => (base === undefined ? Math.log(x) : Math.log(x) / Math.log(base)),
  log2: Math.log2,
  log10: Math.log10,
  log1p: Math.log1p,
  sqrt: Math.sqrt,
  pow: Math.pow,
  fabs: Math.abs,
  floor: Math.floor,
  ceil: Math.ceil,
  trunc: Math.trunc,
  isqrt: (x: number) => Math.floor(Math.sqrt(x)),
  fmod: (a: number, b: number) => a % b,
  copysign: (a: number, b: number) => (b < 0 || Object.is(b, -0) ? -Math.abs(a) : Math.abs(a)),
};

/** Which `math` functions return an int in Python. */
export const mathIntResults = new Set(["floor", "ceil", "trunc", "isqrt"]);

export const mathConstants: Readonly<Record<string, number>> = {
  pi: Math.PI,
  e: Math.E,
  tau: 2 * Math.PI,
  inf: Infinity,
};

/** Parses a Python number literal; `undefined` for imaginary literals. */
export function parseNumberLiteral(text: string): { value: number; isInt: boolean } | undefined {
  const t = text.replace(/_/g, "").toLowerCase();
  if (t.endsWith("j")) return undefined;
  if (/^0[xob]/.test(t)) return { value: Number(t), isInt: true };
  const isInt = !/[.e]/.test(t);
  return { value: Number(t), isInt };
}

/** The value of a Python string literal (prefixes, quotes, common escapes). */
export function parseStringLiteral(text: string): string | undefined {
  const m = /^([rRbBuU]{0,2})('''|"""|'|")([\s\S]*)\2$/.exec(text);
  if (!m) return undefined;
  const raw = m[1]!.toLowerCase().includes("r");
  const body = m[3]!;
  if (raw) return body;
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)/g, (_, e: string) => {
    switch (e[0]) {
      case "n":
        return "\n";
      case "t":
        return "\t";
      case "r":
        return "\r";
      case "x":
      case "u":
        return String.fromCharCode(parseInt(e.slice(1), 16));
      default:
        return e;
    }
  });
}

/** `math.<name>` as a pure function of numbers, or `undefined` (never an Object.prototype member). */
export function mathFunction(name: string): ((...xs: number[]) => number) | undefined {
  return Object.hasOwn(mathFunctions, name) ? mathFunctions[name] : undefined;
}

/** `math.<name>` as a constant, or `undefined`. */
export function mathConstant(name: string): number | undefined {
  return Object.hasOwn(mathConstants, name) ? mathConstants[name] : undefined;
}
