import type { Problem } from "../../core/problem";
import type { SourceRange } from "../../core/range";
import { frameworkDefault, literal, type Value } from "../../core/value";
import type { EvaluatedArguments } from "../../parse/python/interpreter";
import type { PythonFile, SyntaxNode } from "../../parse/python/syntax";
import type { PyVal } from "../../parse/python/values";

/** `"required"` marks a parameter without a default. */
export type PyDefault = number | boolean | null | "required";

/** A Python signature: parameters in positional order with their defaults. */
export type PySignature = readonly (readonly [name: string, fallback: PyDefault])[];

export interface BoundArgument {
  readonly value?: PyVal;
  readonly node?: SyntaxNode;
  readonly fallback: PyDefault;
}

/** Binds a call's arguments to a signature as Python does (keywords by name, the rest by position). */
export function bindArguments(sig: PySignature, args: EvaluatedArguments): Map<string, BoundArgument> {
  const out = new Map<string, BoundArgument>();
  sig.forEach(([name, fallback], i) => {
    const kw = args.keyword.get(name);
    if (kw) out.set(name, { value: kw, node: args.syntax.keyword.get(name)?.value, fallback });
    else if (i < args.positional.length) out.set(name, { value: args.positional[i], node: args.syntax.positional[i], fallback });
    else out.set(name, { fallback });
  });
  return out;
}

/**
 * Reads the numbers of a bound call: each with its provenance (the file's value, or the framework's
 * default naming `source`), and a problem with a range when the file's value cannot be read.
 */
export class ArgReader {
  readonly values: Record<string, Value> = {};
  readonly problems: Problem[] = [];

  constructor(
    private readonly bound: Map<string, BoundArgument>,
    private readonly file: PythonFile,
    private readonly what: string,
    private readonly source: string,
    private readonly range: SourceRange,
  ) {}

  private where(b: BoundArgument | undefined): SourceRange {
    const v = b?.value;
    return (v?.kind === "unknown" ? v.range : undefined) ?? (b?.node ? this.file.rangeOf(b.node) : this.range);
  }

  private fail(name: string, b: BoundArgument | undefined, why: string): undefined {
    const v = b?.value;
    const needs = v?.kind === "unknown" ? v.needs : undefined;
    this.problems.push({ severity: needs ? "warning" : "error", code: needs ? "needs-input" : "value-not-static", message: `${this.what} ${name} cannot be read: ${why}`, range: this.where(b) });
    return undefined;
  }

  /** Whether the call passed this argument at all. */
  given(name: string): boolean {
    return this.bound.get(name)?.value !== undefined;
  }

  number(name: string): number | undefined {
    const b = this.bound.get(name);
    const v = b?.value;
    if (v === undefined) {
      const d = b?.fallback;
      if (typeof d === "number") {
        this.values[name] = frameworkDefault(d, this.source);
        return d;
      }
      return this.fail(name, b, "it is required and not given");
    }
    if (v.kind === "num") {
      this.values[name] = v.prov;
      return v.value;
    }
    if (v.kind === "bool") {
      this.values[name] = literal(v.value ? 1 : 0, v.range);
      return v.value ? 1 : 0;
    }
    return this.fail(name, b, v.kind === "unknown" ? v.reason : "not a number");
  }

  /** A number that the file may write as an int: `[value, isInt]`. */
  numberWithType(name: string): [number, boolean] | undefined {
    const b = this.bound.get(name);
    const v = b?.value;
    const x = this.number(name);
    if (x === undefined) return undefined;
    // Defaults are given as floats where the framework writes floats; an int default is passed as such by the caller.
    if (v === undefined) return [x, false];
    return [x, v.kind === "num" ? v.isInt : v.kind === "bool"];
  }

  /** `None` → null. */
  optionalNumber(name: string): number | null | undefined {
    const b = this.bound.get(name);
    const v = b?.value;
    if (v === undefined && b?.fallback === null) return null;
    if (v?.kind === "none") return null;
    return this.number(name);
  }

  bool(name: string): boolean | undefined {
    const b = this.bound.get(name);
    const v = b?.value;
    if (v === undefined) return typeof b?.fallback === "boolean" ? b.fallback : this.fail(name, b, "it is required and not given");
    if (v.kind === "bool") return v.value;
    if (v.kind === "num") return v.value !== 0;
    if (v.kind === "none") return false;
    return this.fail(name, b, v.kind === "unknown" ? v.reason : "not a boolean");
  }

  /** A list (or tuple) of numbers. */
  numbers(name: string): number[] | undefined {
    const b = this.bound.get(name);
    const v = b?.value;
    if (v === undefined) return this.fail(name, b, "it is required and not given");
    if (v.kind !== "seq") return this.fail(name, b, v.kind === "unknown" ? v.reason : "not a list of numbers");
    const xs: number[] = [];
    for (const [i, item] of v.items.entries()) {
      if (item.kind !== "num") return this.fail(name, b, item.kind === "unknown" ? item.reason : "not a list of numbers");
      this.values[`${name}[${i}]`] = item.prov;
      xs.push(item.value);
    }
    return xs;
  }

  raw(name: string): BoundArgument | undefined {
    return this.bound.get(name);
  }
}
