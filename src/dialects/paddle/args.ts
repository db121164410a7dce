import type { Problem } from "../../core/problem";
import type { SourceRange } from "../../core/range";
import { frameworkDefault, literal, type Value } from "../../core/value";
import { get, type PMap, type PNode } from "./yaml";

/** A number as Python holds it: its value, whether it is an `int`, and where it came from. */
export interface PyNum {
  readonly v: number;
  readonly int: boolean;
  readonly value: Value;
}

export function pyNum(v: number, int: boolean, value: Value): PyNum {
  return { v, int, value };
}

export function defaultNum(v: number, int: boolean, source: string): PyNum {
  return { v, int, value: frameworkDefault(v, source) };
}

/** Python's `round(x)`: halves go to the even integer. */
export function pyRound(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** Python's repr of a number for messages (`5` for an int, `5.0` for a float). */
export function pyRepr(n: { v: number; int: boolean }): string {
  return n.int || !Number.isInteger(n.v) ? String(n.v) : `${n.v}.0`;
}

/**
 * Arguments of one builder call (`Optimizer.lr`, a PaddleDetection scheduler, `lr_scheduler`), read as the
 * class receives them: numbers typed as PyYAML types them, defaults recorded with their source.
 */
export class Args {
  readonly problems: Problem[] = [];
  readonly used = new Set<string>();

  constructor(
    readonly map: PMap | undefined,
    readonly owner: string,
    /** Names the source of defaults: `ppcls Cosine`, `paddle.optimizer.lr.PolynomialDecay`. */
    readonly defaultsOf: string,
    /** PaddleClas runs `ast.literal_eval` on string values, so `1e-4` is a number there. */
    readonly literalEval = false,
    readonly range?: SourceRange,
  ) {}

  raw(key: string): PNode | undefined {
    this.used.add(key);
    return get(this.map, key);
  }

  has(key: string): boolean {
    return get(this.map, key) !== undefined;
  }

  /** A number argument, or the default (`undefined` default: required; missing → a problem). */
  num(key: string, fallback?: { v: number; int: boolean }, required = fallback === undefined): PyNum | undefined {
    const n = this.raw(key);
    if (n === undefined || (n.kind === "scalar" && n.value === null && fallback !== undefined)) {
      if (fallback) return defaultNum(fallback.v, fallback.int, `${this.defaultsOf} default`);
      if (required) this.problems.push({ severity: "error", code: "argument-missing", message: `${this.owner}: ${key} is required (${this.defaultsOf} raises TypeError without it).`, range: this.range ?? this.map?.range });
      return undefined;
    }
    const got = this.asNum(n, key);
    return got;
  }

  asNum(n: PNode, key: string, evalStrings = this.literalEval): PyNum | undefined {
    if (n.kind === "scalar") {
      if (typeof n.value === "number") return pyNum(n.value, n.isInt === true, literal(n.value, n.range));
      if (typeof n.value === "boolean") return pyNum(n.value ? 1 : 0, true, literal(n.value ? 1 : 0, n.range));
      if (typeof n.value === "string" && evalStrings) {
        const parsed = literalNumber(n.value);
        if (parsed) return pyNum(parsed.v, parsed.int, literal(parsed.v, n.range));
      }
      if (typeof n.value === "string" && n.numberLikeString) {
        this.problems.push({ severity: "error", code: "number-is-string", message: `${this.owner}: ${key}: ${n.value} is a string to PyYAML (YAML 1.1 wants a dot and a signed exponent, e.g. 1.0e-4); Paddle rejects it.`, range: n.range });
        return undefined;
      }
    }
    this.problems.push({ severity: "error", code: "value-not-number", message: `${this.owner}: ${key} is not a number.`, range: n.range });
    return undefined;
  }

  nums(key: string): PyNum[] | undefined {
    const n = this.raw(key);
    if (n === undefined) return undefined;
    if (n.kind !== "seq") {
      this.problems.push({ severity: "error", code: "value-not-list", message: `${this.owner}: ${key} is not a list of numbers.`, range: n.range });
      return undefined;
    }
    const out: PyNum[] = [];
    for (const item of n.items) {
      // ast.literal_eval in PaddleClas reaches only dict values, not list items.
      const x = this.asNum(item, key, false);
      if (!x) return undefined;
      out.push(x);
    }
    return out;
  }

  bool(key: string, fallback: boolean): boolean {
    const n = this.raw(key);
    if (n?.kind !== "scalar") return fallback;
    if (typeof n.value === "boolean") return n.value;
    if (typeof n.value === "number") return n.value !== 0;
    if (n.value === null) return false;
    if (typeof n.value === "string" && this.literalEval) return n.value === "True" ? true : n.value === "False" ? false : n.value.length > 0;
    return n.value.length > 0;
  }

  str(key: string, fallback?: string): string | undefined {
    const n = this.raw(key);
    if (n?.kind === "scalar" && typeof n.value === "string") return n.value;
    return fallback;
  }

  /** Keys the class does not take (a TypeError in Python where the class has no `**kwargs`). */
  unknownKeys(allowed: readonly string[]): string[] {
    if (!this.map) return [];
    return this.map.entries.map((e) => e.key).filter((k) => !allowed.includes(k));
  }
}

/** `ast.literal_eval` of a number string (`1e-4`, `-3`, `0.5`). */
export function literalNumber(text: string): { v: number; int: boolean } | undefined {
  const t = text.trim();
  if (/^[-+]?\d+$/.test(t)) return { v: Number(t), int: true };
  if (/^[-+]?(?:\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)$/.test(t)) return { v: Number(t), int: false };
  return undefined;
}
