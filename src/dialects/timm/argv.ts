import type { Problem } from "../../core/problem";
import type { SourceRange } from "../../core/range";
import { findOption, type TrainOption } from "./options";
import type { ShellWord } from "./shell";

/** One value train.py's `args` gets from a file: a YAML entry or a command-line option. */
export interface Setting {
  /** As written: a string (command line), or what PyYAML makes of the YAML value. */
  readonly value: unknown;
  /** Where the value is written. */
  readonly range?: SourceRange;
  /** Where the key or option is written (the whole `--lr 0.1`). */
  readonly keyRange?: SourceRange;
  readonly from: "yaml" | "command line";
  /** A shell expansion the script cannot say (`$LR` unset, `$(...)`). */
  readonly dynamic?: string;
}

export interface ParsedArgv {
  readonly settings: Map<string, Setting>;
  /** `--config FILE` / `-c FILE`, read by train.py's first parser before the others. */
  readonly config?: ShellWord;
  /** `"$@"`: the script passes its own arguments on. */
  readonly scriptArgs?: SourceRange;
  readonly problems: Problem[];
  /** Options that are not train.py's (a fork's, or another project's train.py). */
  readonly unknown: ShellWord[];
  /** Options recognised, by their flag. */
  readonly recognised: string[];
}

// argparse treats `-1` and `-.5` as values, not options, when no option looks like a negative number.
const negativeNumber = /^-\d+$|^-\d*\.\d+$/;
const isOptionLike = (w: ShellWord): boolean => w.text.startsWith("-") && w.text.length > 1 && !negativeNumber.test(w.text);

/**
 * Splits the arguments of one train.py command line as train.py's two argparse parsers do: first
 * `-c/--config`, then the rest against the full option table (exact strings, then unique prefixes).
 */
export function parseTrainArgv(words: readonly ShellWord[]): ParsedArgv {
  const settings = new Map<string, Setting>();
  const problems: Problem[] = [];
  const unknown: ShellWord[] = [];
  const recognised: string[] = [];
  let config: ShellWord | undefined;
  let scriptArgs: SourceRange | undefined;

  // The config parser (add_help=False, only -c/--config), parse_known_args.
  const rest: ShellWord[] = [];
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    const eq = w.text.indexOf("=");
    const name = w.text.startsWith("--") && eq > 0 ? w.text.slice(0, eq) : w.text;
    const isConfig = name === "-c" || (name.startsWith("--c") && "--config".startsWith(name) && name.length >= 3);
    if (isConfig && !w.scriptArgs) {
      if (eq > 0 && name !== w.text) config = { ...w, text: w.text.slice(eq + 1) };
      else if (words[k + 1]) config = words[++k];
      continue;
    }
    if (w.text.startsWith("-c") && w.text.length > 2 && !w.text.startsWith("--")) {
      config = { ...w, text: w.text.slice(2).replace(/^=/, "") };
      continue;
    }
    rest.push(w);
  }

  const span = (a: SourceRange, b: SourceRange): SourceRange => ({ ...a, endLine: b.endLine, endColumn: b.endColumn });
  let positionals = 0;
  for (let k = 0; k < rest.length; k++) {
    const w = rest[k]!;
    if (w.scriptArgs) {
      scriptArgs ??= w.range;
      continue;
    }
    if (w.text === "--") break;
    if (!isOptionLike(w)) {
      if (++positionals === 2) problems.push({ severity: "warning", code: "unrecognized-argument", message: `train.py: error: unrecognized arguments: ${w.text} (train.py takes one positional argument, the data folder)`, range: w.range });
      continue;
    }
    let name = w.text;
    let explicit: string | undefined;
    if (name.startsWith("--") && name.includes("=")) {
      explicit = name.slice(name.indexOf("=") + 1);
      name = name.slice(0, name.indexOf("="));
    }
    let found = findOption(name);
    if (!found.option && !found.ambiguous && !name.startsWith("--") && name.length > 2) {
      // `-b128`, `-j8`: a short option with its value attached.
      const short = findOption(name.slice(0, 2));
      if (short.option && short.option.arity !== 0) {
        found = short;
        explicit = name.slice(2).replace(/^=/, "");
        name = name.slice(0, 2);
      }
    }
    const option: TrainOption | undefined = found.option;
    if (!option) {
      unknown.push(w);
      if (found.ambiguous) problems.push({ severity: "warning", code: "ambiguous-option", message: `train.py: error: ambiguous option: ${name} could match ${found.ambiguous.join(", ")}`, range: w.range });
      // Its values, if any, are the words up to the next option.
      while (explicit === undefined && rest[k + 1] && !isOptionLike(rest[k + 1]!) && !rest[k + 1]!.scriptArgs) k++;
      continue;
    }
    recognised.push(option.flag);
    const take = (): ShellWord[] => {
      const out: ShellWord[] = [];
      if (explicit !== undefined) return [{ ...w, text: explicit }];
      const max = option.arity === 1 || option.arity === "?" ? 1 : option.arity === 3 ? 3 : Infinity;
      while (out.length < max && rest[k + 1] && !isOptionLike(rest[k + 1]!) && !rest[k + 1]!.scriptArgs) out.push(rest[++k]!);
      return out;
    };
    if (option.arity === 0) {
      if (explicit !== undefined) problems.push({ severity: "warning", code: "unrecognized-argument", message: `train.py: error: argument ${option.flag}: ignored explicit argument '${explicit}'`, range: w.range });
      settings.set(option.dest, { value: true, range: w.range, keyRange: w.range, from: "command line" });
      continue;
    }
    const values = take();
    const last = values.at(-1);
    const keyRange = last ? span(w.range, last.range) : w.range;
    const dynamic = values.find((v) => v.dynamic)?.dynamic;
    if (option.arity === 1) {
      if (!last) {
        problems.push({ severity: "error", code: "missing-value", message: `train.py: error: argument ${option.flag}: expected one argument`, range: w.range });
        continue;
      }
      settings.set(option.dest, { value: last.text, range: last.range, keyRange, from: "command line", ...(dynamic ? { dynamic } : {}) });
    } else if (option.arity === "?") {
      settings.set(option.dest, { value: last?.text ?? true, range: last?.range ?? w.range, keyRange, from: "command line", ...(dynamic ? { dynamic } : {}) });
    } else {
      if (values.length === 0 && option.arity !== "*") {
        problems.push({ severity: "error", code: "missing-value", message: `train.py: error: argument ${option.flag}: expected ${option.arity === 3 ? "3 arguments" : "at least one argument"}`, range: w.range });
        continue;
      }
      const range = values.length > 0 ? span(values[0]!.range, last!.range) : w.range;
      settings.set(option.dest, { value: values.map((v) => v.text), range, keyRange, from: "command line", ...(dynamic ? { dynamic } : {}) });
    }
  }
  return { settings, config, scriptArgs, problems, unknown, recognised };
}
