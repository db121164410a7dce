import type { Problem } from "../../core/problem";
import type { SourceRange } from "../../core/range";
import { frameworkDefault, literal, type Value } from "../../core/value";
import type { Setting } from "./argv";
import { scheduleOptions, TIMM_REFERENCE, type ScheduleOption } from "./options";
import { pyFloat, pyInt, pyRepr, pyTruthy } from "./pyvalue";

/**
 * train.py's `args` for the options the schedule depends on: what the YAML or command line sets, typed as
 * argparse types it, else train.py's default — each as a `Value` that says which. Invalid values become error
 * problems (argparse would exit) and the default is used in their place.
 */
export class TrainArgs {
  constructor(
    private readonly settings: ReadonlyMap<string, Setting>,
    readonly problems: Problem[],
  ) {}

  /** Whether the files set `dest` (to anything). */
  has(dest: string): boolean {
    return this.settings.has(dest);
  }

  setting(dest: string): Setting | undefined {
    return this.settings.get(dest);
  }

  range(dest: string): SourceRange | undefined {
    const s = this.settings.get(dest);
    return s?.keyRange ?? s?.range;
  }

  private option(dest: string): ScheduleOption {
    const o = scheduleOptions.get(dest);
    if (!o) throw new Error(`no train.py option ${dest}`);
    return o;
  }

  private fallback<T>(o: ScheduleOption): Value<T> {
    return frameworkDefault(o.default as T, `train.py default of ${o.flag}, train.py:${o.line} (${TIMM_REFERENCE})`);
  }

  private invalid<T>(o: ScheduleOption, s: Setting, why: string): Value<T> {
    this.problems.push({ severity: "error", code: s.dynamic ? "value-not-static" : "invalid-value", message: why, range: s.range ?? s.keyRange });
    return this.fallback(o);
  }

  /** The Python value of `dest`, converted as argparse converts it. `null` stands for None. */
  value<T = unknown>(dest: string): Value<T> {
    const o = this.option(dest);
    const s = this.settings.get(dest);
    if (!s) return this.fallback(o);
    if (s.dynamic) return this.invalid(o, s, `${o.flag} ${s.dynamic}: the shell sets this value when the script runs; it cannot be read from the file`);
    const convert = (v: unknown, scalar: "int" | "float" | "str"): { ok: true; v: unknown } | { ok: false } => {
      if (typeof v !== "string" || scalar === "str") return { ok: true, v };
      const n = scalar === "int" ? pyInt(v) : pyFloat(v);
      return n === undefined ? { ok: false } : { ok: true, v: n };
    };
    const raw = s.value;
    if (o.type === "bool") return literal(pyTruthy(raw) as T, s.range);
    if (o.type === "int+" || o.type === "float+") {
      const scalar = o.type === "int+" ? "int" : "float";
      if (Array.isArray(raw)) {
        const out: unknown[] = [];
        for (const item of raw) {
          const c = convert(item, scalar);
          if (!c.ok) return this.invalid(o, s, `train.py: error: argument ${o.flag}: invalid ${scalar} value: ${pyRepr(item)}`);
          out.push(c.v);
        }
        return literal(out as T, s.range);
      }
      const c = convert(raw, scalar);
      if (!c.ok) return this.invalid(o, s, `train.py: error: argument ${o.flag}: invalid ${scalar} value: ${pyRepr(raw)}`);
      return literal(c.v as T, s.range);
    }
    const c = convert(raw, o.type);
    if (!c.ok) return this.invalid(o, s, `train.py: error: argument ${o.flag}: invalid ${o.type} value: ${pyRepr(raw)}`);
    return literal(c.v as T, s.range);
  }

  /** A number the schedule needs; None, a list or a string here is the TypeError timm would raise. */
  num(dest: string): Value {
    const v = this.value(dest);
    if (typeof v.value === "number") return v as Value;
    if (typeof v.value === "boolean") return { ...v, value: v.value ? 1 : 0 };
    const o = this.option(dest);
    const s = this.settings.get(dest);
    return s ? this.invalid(o, s, `${dest} is ${pyRepr(v.value)}: timm needs a number here (TypeError)`) : this.fallback(o);
  }

  /** A number, or null for None. */
  optionalNum(dest: string): Value<number | null> {
    const v = this.value(dest);
    if (v.value === null || typeof v.value === "number") return v as Value<number | null>;
    if (typeof v.value === "boolean") return { ...v, value: v.value ? 1 : 0 };
    return this.num(dest);
  }

  str(dest: string): Value<string> {
    const v = this.value(dest);
    return { ...v, value: v.value === null ? "None" : typeof v.value === "string" ? v.value : pyRepr(v.value) };
  }

  bool(dest: string): Value<boolean> {
    return this.value<boolean>(dest);
  }
}
