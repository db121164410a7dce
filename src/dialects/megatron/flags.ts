import type { Problem } from "../../core/problem";
import type { SourceRange } from "../../core/range";
import { frameworkDefault, literal, type Value } from "../../core/value";
import type { ArgWord } from "../../parse/shell";

/** `--flag value...` / `--flag=value` settings of a command line; the last one wins, as in argparse. */
export interface FlagSetting {
  readonly flag: string;
  readonly values: readonly ArgWord[];
  readonly range: SourceRange;
}

export function parseFlags(words: readonly ArgWord[]): Map<string, FlagSetting> {
  const out = new Map<string, FlagSetting>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!w.text.startsWith("--")) continue;
    const eq = w.text.indexOf("=");
    if (eq > 0) {
      const flag = w.text.slice(0, eq);
      out.set(flag, { flag, values: [{ ...w, text: w.text.slice(eq + 1) }], range: w.range });
      continue;
    }
    const values: ArgWord[] = [];
    // A negative number is a value, not a flag.
    while (i + 1 < words.length && (!words[i + 1]!.text.startsWith("-") || /^-\d|^-\./.test(words[i + 1]!.text))) values.push(words[++i]!);
    out.set(w.text, { flag: w.text, values, range: values.length > 0 ? { ...w.range, endLine: values.at(-1)!.range.endLine, endColumn: values.at(-1)!.range.endColumn } : w.range });
  }
  return out;
}

/** Reads typed flag values with provenance; a value the script cannot say is a problem with its range. */
export class FlagReader {
  readonly values: Record<string, Value> = {};
  readonly problems: Problem[] = [];
  readonly used = new Set<string>();

  constructor(
    readonly flags: Map<string, FlagSetting>,
    private readonly source: string,
  ) {}

  has(flag: string): boolean {
    return this.flags.has(flag);
  }

  private word(flag: string): ArgWord | undefined {
    const s = this.flags.get(flag);
    if (!s) return undefined;
    this.used.add(flag);
    const w = s.values[0];
    if (!w) {
      this.problems.push({ severity: "error", code: "flag-without-value", message: `${flag} has no value (argparse: expected one argument)`, range: s.range });
      return undefined;
    }
    if (w.dynamic) {
      this.problems.push({ severity: "warning", code: "needs-input", message: `${flag}: ${w.dynamic}, so its value is not known here`, range: w.range });
      return undefined;
    }
    return w;
  }

  /** A float flag (Python `float()`: also `1e-4`, `.001`); `fallback` when absent. */
  number(flag: string, fallback: number | null, name = flag): number | null | undefined {
    if (!this.flags.has(flag)) {
      if (fallback !== null) this.values[name] = frameworkDefault(fallback, `${this.source} default ${flag}`);
      return fallback;
    }
    const w = this.word(flag);
    if (!w) return undefined;
    const x = Number(w.text.replace(/_/g, ""));
    if (w.text.trim() === "" || !Number.isFinite(x)) {
      this.problems.push({ severity: "error", code: "invalid-value", message: `${flag} ${w.text}: not a number`, range: w.range });
      return undefined;
    }
    this.values[name] = literal(x, w.range);
    return x;
  }

  /** Comma-separated floats (fairseq's `--lr 0.1,0.01`). */
  numbers(flag: string, fallback: readonly number[] | null): number[] | null | undefined {
    if (!this.flags.has(flag)) return fallback === null ? null : [...fallback];
    const w = this.word(flag);
    if (!w) return undefined;
    const xs = w.text
      .replace(/^\[|\]$/g, "")
      .split(",")
      .filter((s) => s.trim() !== "")
      .map((s) => Number(s.trim()));
    if (xs.length === 0 || xs.some((x) => !Number.isFinite(x))) {
      this.problems.push({ severity: "error", code: "invalid-value", message: `${flag} ${w.text}: not a list of numbers`, range: w.range });
      return undefined;
    }
    xs.forEach((x, i) => (this.values[`${flag}[${i}]`] = literal(x, w.range)));
    return xs;
  }

  string(flag: string, fallback: string): string | undefined {
    if (!this.flags.has(flag)) return fallback;
    return this.word(flag)?.text;
  }

  range(flag: string): SourceRange | undefined {
    return this.flags.get(flag)?.range;
  }
}
