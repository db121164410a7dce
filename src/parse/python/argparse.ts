import type { Problem } from "../../core/problem";
import { formatLocation, type SourceRange } from "../../core/range";
import { derived, literal, type Value } from "../../core/value";
import { ArgNamespace, valuesEqual, type EvaluatedArguments, type Interpreter } from "./interpreter";
import type { SyntaxNode } from "./syntax";
import { unknown, type PyVal } from "./values";

export function isArgParserCall(callee: PyVal): boolean {
  return callee.kind === "ref" && (callee.path === "argparse.ArgumentParser" || callee.path === "ArgumentParser");
}

interface Argument {
  readonly flags: readonly string[];
  readonly dest: string;
  default: PyVal;
  /** How argparse consumes it: `action=`, `nargs=`, `type=`, `choices=`, `const=`, `required=` as far as they are literals. */
  readonly action?: string;
  readonly nargs?: number | "?" | "*" | "+";
  /** `int`, `float`, `str`; another callable is named by `typeName` and applied at run time. */
  readonly type?: "int" | "float" | "str" | "other";
  readonly typeName?: string;
  readonly choices?: readonly PyVal[];
  readonly const?: PyVal;
  readonly required?: boolean;
}

/** One word of a launch line's command line for the script (src/dialects/launch). */
export interface ArgvWord {
  readonly text: string;
  readonly range: SourceRange;
  /** Why the word cannot be read (an unset `$LR`, `$(nproc)`); its value is then unknown, never guessed. */
  readonly dynamic?: string;
}

/** What a launch line gives a script's `parse_args()`; the parser reports what it did with it. */
export interface LaunchArgv {
  readonly words: readonly ArgvWord[];
  /** The launch line, for what concerns the whole command line (a required argument missing). */
  readonly range: SourceRange;
  /** Flags the launcher adds or that a library adds to the parser (deepspeed's `--local_rank`, `--deepspeed`): not reported when undeclared. */
  readonly tolerated?: ReadonlySet<string>;
  /** Problems found while parsing (unrecognized arguments, invalid choices...), with ranges in the launch file. */
  readonly problems: Problem[];
  /** dest → the flag, the words and the value the launch line gives, and the script's default. */
  readonly applied: Map<string, { readonly flag: string; readonly range: SourceRange; readonly value: PyVal; readonly default: PyVal }>;
}

/**
 * An `argparse.ArgumentParser` as the script builds it. Reading `args.lr` gives the default of `--lr`:
 * what the script does when launched without that flag (an assumption the views say out loud).
 */
export class ArgParser {
  private readonly args = new Map<string, Argument>();

  static create(_interp: Interpreter, _args: EvaluatedArguments, _range: SourceRange): PyVal {
    return { kind: "object", type: "argparse.ArgumentParser", data: new ArgParser() };
  }

  /** Every argument by dest, for the launch-line reader and hovers. */
  arguments(): ReadonlyMap<string, Argument> {
    return this.args;
  }

  method(name: string, call: EvaluatedArguments, node: SyntaxNode, interp: Interpreter): PyVal {
    switch (name) {
      case "add_argument":
        this.addArgument(call, interp);
        return { kind: "none" };
      case "add_argument_group":
      case "add_mutually_exclusive_group":
        // Groups share the parser's namespace.
        return { kind: "object", type: "argparse.ArgumentParser", data: this };
      case "set_defaults":
        for (const [dest, value] of call.keyword) {
          const arg = this.args.get(dest);
          const syntax = call.syntax.keyword.get(dest)!;
          const wrapped = asDefault(value, arg?.flags[0] ?? dest, interp.range(syntax.value));
          if (arg) arg.default = wrapped;
          else this.args.set(dest, { flags: [], dest, default: wrapped });
        }
        return { kind: "none" };
      // A list passed in the code (`parse_args([])`, `parse_args(argv)`) is not the launch line's command line.
      case "parse_args":
        return this.namespace(interp, call.positional.length === 0 && !call.keyword.has("args") ? interp.argv : undefined, false);
      case "parse_known_args":
        return { kind: "seq", tuple: true, items: [this.namespace(interp, call.positional.length === 0 && !call.keyword.has("args") ? interp.argv : undefined, true), { kind: "seq", tuple: false, items: [] }] };
      default:
        return unknown(`ArgumentParser.${name}() is not read`, interp.range(node));
    }
  }

  private namespace(interp: Interpreter, argv: LaunchArgv | undefined, known: boolean): PyVal {
    const values = new Map<string, PyVal>();
    for (const [dest, arg] of this.args) values.set(dest, arg.default);
    if (argv) new ArgvParser(this, argv, interp.file.file, known).parse(values);
    const file = interp.file.file;
    return {
      kind: "object",
      type: "argparse.Namespace",
      data: new ArgNamespace(values, (attr, range) => unknown(`args.${attr} is not an argument of the parser in ${file}`, range)),
    };
  }

  private addArgument(call: EvaluatedArguments, interp: Interpreter): void {
    const flags = call.positional.flatMap((p) => (p.kind === "str" ? [p.value] : []));
    if (flags.length === 0) return;
    const dest = destOf(flags, call.keyword.get("dest"));
    const action = call.keyword.get("action");
    const actionName = action?.kind === "str" ? action.value : undefined;
    const defaultSyntax = call.syntax.keyword.get("default");
    let value: PyVal;
    if (defaultSyntax) value = call.keyword.get("default")!;
    else if (actionName === "store_true") value = { kind: "bool", value: false };
    else if (actionName === "store_false") value = { kind: "bool", value: true };
    else value = { kind: "none" };
    // argparse applies `type` to string defaults.
    const type = call.keyword.get("type");
    if (value.kind === "str" && type?.kind === "ref" && (type.path === "builtins.int" || type.path === "builtins.float")) {
      const n = Number(value.value);
      if (!Number.isNaN(n)) value = { kind: "num", value: type.path === "builtins.int" ? Math.trunc(n) : n, isInt: type.path === "builtins.int", prov: { value: n, origin: { kind: "literal" } } };
    }
    const flag = flags.find((f) => f.startsWith("--")) ?? flags[0]!;
    const range = defaultSyntax ? interp.range(defaultSyntax.value) : undefined;
    const nargs = call.keyword.get("nargs");
    const choices = call.keyword.get("choices");
    const required = call.keyword.get("required");
    const typeName = type?.kind === "ref" ? type.path.replace(/^builtins\./, "") : type?.kind === "func" ? type.name : type ? interp.file.textOf(call.syntax.keyword.get("type")!.value) : undefined;
    this.args.set(dest, {
      flags,
      dest,
      default: asDefault(value, flag, range),
      ...(actionName ? { action: actionName } : action ? { action: "other" } : {}),
      ...(nargs?.kind === "num" ? { nargs: nargs.value } : nargs?.kind === "str" && (nargs.value === "?" || nargs.value === "*" || nargs.value === "+") ? { nargs: nargs.value } : {}),
      ...(typeName === undefined ? {} : { type: typeName === "int" || typeName === "float" || typeName === "str" ? typeName : "other", typeName }),
      ...(choices?.kind === "seq" ? { choices: choices.items } : {}),
      ...(call.keyword.has("const") ? { const: call.keyword.get("const")! } : {}),
      ...(required?.kind === "bool" ? { required: required.value } : {}),
    });
  }
}

// argparse treats `-1` and `-.5` as values, not options, when no option of the parser looks like a negative number.
const negativeNumber = /^-\d+$|^-\d*\.\d+$/;

/**
 * Applies a launch line's words to a parser's defaults as `ArgumentParser.parse_args` (allow_abbrev=True, the
 * default) does: `--lr 0.1` and `--lr=0.1`, unique prefixes of long options, `-b128`, `store_true`/`store_false`/
 * `store_const`/`count`/`append`, `nargs`, `type=int|float` and `choices`. What argparse would reject becomes a
 * problem with the word's range (argparse would exit there); values other callables convert stay unknown.
 * Follows CPython's Lib/argparse.py (`_parse_known_args`, `_parse_optional`, `_get_option_tuples`, `_get_values`).
 */
class ArgvParser {
  private readonly byFlag = new Map<string, Argument>();
  private readonly negativeOptions: boolean;

  constructor(
    private readonly parser: ArgParser,
    private readonly argv: LaunchArgv,
    private readonly script: string,
    private readonly known: boolean,
  ) {
    for (const arg of parser.arguments().values()) for (const f of arg.flags) if (f.startsWith("-")) this.byFlag.set(f, arg);
    this.negativeOptions = [...this.byFlag.keys()].some((f) => negativeNumber.test(f));
  }

  private isOption(w: ArgvWord): boolean {
    if (!w.text.startsWith("-") || w.text.length < 2) return false;
    if (this.byFlag.has(w.text)) return true;
    return !(negativeNumber.test(w.text) && !this.negativeOptions);
  }

  private problem(message: string, range: SourceRange, severity: Problem["severity"] = "warning", code = "launch-argument"): void {
    const text = `${basename(this.script)}: ${message}`;
    const same = (r: SourceRange | undefined): boolean => r !== undefined && r.startLine === range.startLine && r.startColumn === range.startColumn && r.file === range.file;
    if (!this.argv.problems.some((p) => p.message === text && same(p.range))) this.argv.problems.push({ severity, code, message: text, range });
  }

  /** The argument a flag names: exact, else (long options) its unique prefix. */
  private find(flag: string, range: SourceRange): Argument | undefined | "ambiguous" {
    const exact = this.byFlag.get(flag);
    if (exact) return exact;
    if (!flag.startsWith("--")) return undefined;
    const matches = [...this.byFlag.keys()].filter((f) => f.startsWith("--") && f.startsWith(flag));
    if (matches.length > 1) {
      this.problem(`error: ambiguous option: ${flag} could match ${matches.join(", ")} (argparse exits)`, range, "error");
      return "ambiguous";
    }
    return matches.length === 1 ? this.byFlag.get(matches[0]!) : undefined;
  }

  parse(values: Map<string, PyVal>): void {
    const words = this.argv.words;
    const positionals = [...this.parser.arguments().values()].filter((a) => a.flags.length > 0 && !a.flags[0]!.startsWith("-"));
    const seen = new Set<Argument>();
    const unrecognized: ArgvWord[] = [];
    let onlyPositionals = false;
    for (let k = 0; k < words.length; k++) {
      const w = words[k]!;
      if (!onlyPositionals && w.text === "--" && !w.dynamic) {
        onlyPositionals = true;
        continue;
      }
      // A word the file cannot say at all (`"$@"`, an unset `$EXTRA`): it may be anything; it fills a positional
      // slot if one is left, else it is passed over in silence (the reader says the line has unknown words).
      if (w.dynamic && w.text === "" && positionals.length === 0) continue;
      if (onlyPositionals || !this.isOption(w)) {
        const arg = positionals.shift();
        if (!arg) {
          unrecognized.push(w);
          continue;
        }
        const many = arg.nargs === "*" || arg.nargs === "+";
        const taken = [w];
        while (many && words[k + 1] && (onlyPositionals || !this.isOption(words[k + 1]!))) taken.push(words[++k]!);
        this.store(arg, arg.dest, taken, many, values, w.range);
        seen.add(arg);
        continue;
      }
      let flag = w.text;
      let explicit: ArgvWord | undefined;
      const eq = flag.indexOf("=");
      if (eq > 0) {
        explicit = { ...w, text: flag.slice(eq + 1) };
        flag = flag.slice(0, eq);
      }
      let arg = this.find(flag, w.range);
      if (arg === undefined && !flag.startsWith("--") && flag.length > 2 && explicit === undefined) {
        // `-b128`: a single-dash option with its value attached.
        const short = this.byFlag.get(flag.slice(0, 2));
        if (short) {
          arg = short;
          explicit = { ...w, text: flag.slice(2) };
          flag = flag.slice(0, 2);
        }
      }
      if (arg === "ambiguous" || !arg) {
        if (!arg && !this.argv.tolerated?.has(flag)) unrecognized.push(w);
        // Its values, if any, are the words up to the next option.
        while (explicit === undefined && words[k + 1] && !this.isOption(words[k + 1]!)) k++;
        continue;
      }
      seen.add(arg);
      const shown = arg.flags.find((f) => f.startsWith("--")) ?? arg.flags[0]!;
      const action = arg.action ?? "store";
      if (action === "store_true" || action === "store_false" || action === "store_const" || action === "count" || action === "append_const" || action === "help" || action === "version") {
        if (explicit) {
          this.problem(`error: argument ${arg.flags.join("/")}: ignored explicit argument '${explicit.text}' (argparse exits)`, w.range, "error");
          continue;
        }
        const value: PyVal =
          action === "store_true" ? { kind: "bool", value: true, range: w.range }
          : action === "store_false" ? { kind: "bool", value: false, range: w.range }
          : action === "count" ? countOf(values.get(arg.dest), shown, w)
          : action === "store_const" ? (arg.const ?? { kind: "none" })
          : unknown(`${flag}: action ${action} is not read`, w.range, "commandLine");
        this.record(arg, shown, w.range, value, values);
        continue;
      }
      if (action !== "store" && action !== "append") {
        this.problem(`${flag}: action=${action} is not read; the script's default is kept`, w.range, "info");
        continue;
      }
      // Values: an explicit `=value`, else the words up to the next option (as many as nargs takes).
      const max = arg.nargs === undefined || arg.nargs === "?" ? 1 : typeof arg.nargs === "number" ? arg.nargs : Infinity;
      const taken: ArgvWord[] = explicit ? [explicit] : [];
      while (!explicit && taken.length < max && words[k + 1] && !this.isOption(words[k + 1]!)) taken.push(words[++k]!);
      const min = arg.nargs === "?" || arg.nargs === "*" ? 0 : arg.nargs === "+" ? 1 : typeof arg.nargs === "number" ? arg.nargs : 1;
      if (taken.length < min || (explicit && typeof arg.nargs === "number" && arg.nargs !== 1)) {
        const expected = arg.nargs === undefined ? "expected one argument" : arg.nargs === "+" ? "expected at least one argument" : `expected ${String(arg.nargs)} arguments`;
        this.problem(`error: argument ${arg.flags.join("/")}: ${expected} (argparse exits)`, w.range, "error");
        continue;
      }
      const range = taken.length > 0 ? span(w.range, taken.at(-1)!.range) : w.range;
      if (taken.length === 0) {
        // `--flag` with nargs='?': its const.
        this.record(arg, shown, range, arg.const ?? { kind: "none" }, values);
        continue;
      }
      const list = arg.nargs !== undefined && arg.nargs !== "?";
      if (action === "append") {
        const current = values.get(arg.dest);
        const before = current?.kind === "seq" ? current.items : [];
        const item = this.convert(arg, taken, list, shown);
        if (item) this.record(arg, shown, range, { kind: "seq", tuple: false, items: [...before, item], range }, values);
        continue;
      }
      this.store(arg, shown, taken, list, values, range);
    }
    if (unrecognized.length > 0 && !this.known) {
      for (const w of unrecognized) this.problem(`error: unrecognized arguments: ${w.text} (argparse exits; the value is not used here)`, w.range);
    }
    // Required options, and positionals that take at least one word, not given (argparse lists them all, then exits).
    const missing = [...this.parser.arguments().values()].filter((arg) => !seen.has(arg) && arg.flags.length > 0 && (arg.flags[0]!.startsWith("-") ? arg.required === true : arg.nargs !== "?" && arg.nargs !== "*"));
    if (missing.length > 0) this.problem(`error: the following arguments are required: ${missing.map((a) => a.flags.join("/")).join(", ")} (argparse exits)`, this.argv.range, "error");
  }

  private store(arg: Argument, shown: string, taken: readonly ArgvWord[], list: boolean, values: Map<string, PyVal>, range: SourceRange): void {
    const value = this.convert(arg, taken, list, shown);
    if (value) this.record(arg, shown, range, value, values);
  }

  private record(arg: Argument, flag: string, range: SourceRange, value: PyVal, values: Map<string, PyVal>): void {
    values.set(arg.dest, value);
    this.argv.applied.set(arg.dest, { flag, range, value, default: arg.default });
  }

  /** The words as argparse's `_get_values` makes them: each through `type`, checked against `choices`. */
  private convert(arg: Argument, taken: readonly ArgvWord[], list: boolean, flag: string): PyVal | undefined {
    const items: PyVal[] = [];
    for (const [i, w] of taken.entries()) {
      if (w.dynamic) {
        items.push(unknown(`${flag} ${w.dynamic}: the launch line does not say the value`, w.range, "commandLine"));
        continue;
      }
      const defaultItem = arg.default.kind === "seq" ? arg.default.items[i] : arg.default;
      const v = this.typed(arg, w, flag, defaultItem);
      if (v === undefined) return undefined;
      if (arg.choices && v.kind !== "unknown" && !arg.choices.some((c) => valuesEqual(c, v) === true)) {
        this.problem(`error: argument ${arg.flags.join("/")}: invalid choice: '${w.text}' (choose from ${arg.choices.map(show).join(", ")}) (argparse exits)`, w.range, "error");
        return undefined;
      }
      items.push(v);
    }
    if (!list) return items[0];
    const range = span(taken[0]!.range, taken.at(-1)!.range);
    return { kind: "seq", tuple: false, items, range };
  }

  private typed(arg: Argument, w: ArgvWord, flag: string, defaultItem: PyVal | undefined): PyVal | undefined {
    const type = arg.type ?? "str";
    if (type === "str") return { kind: "str", value: w.text, range: w.range };
    if (type === "other") return unknown(`${flag} ${w.text}: type=${arg.typeName ?? "?"} converts it when the script runs`, w.range, "commandLine");
    const n = type === "int" ? pyInt(w.text) : pyFloat(w.text);
    if (n === undefined) {
      this.problem(`error: argument ${arg.flags.join("/")}: invalid ${type} value: '${w.text}' (argparse exits)`, w.range, "error");
      return undefined;
    }
    const before = defaultItem?.kind === "num" ? defaultItem.prov : undefined;
    const at = before?.range ? `, ${formatLocation(before.range)}` : "";
    const text = before ? `${flag} ${w.text} on the launch line, over the argparse default ${String(before.value)}${at}` : `${flag} ${w.text} on the launch line`;
    const inputs = before ? [literal(before.value, before.range)] : [];
    return { kind: "num", value: n, isInt: type === "int", prov: derived(n, text, inputs, w.range) };
  }
}

function countOf(current: PyVal | undefined, flag: string, w: ArgvWord): PyVal {
  const n = (current?.kind === "num" ? current.value : 0) + 1;
  return { kind: "num", value: n, isInt: true, prov: derived(n, `${flag} counted on the launch line`, [], w.range) };
}

/** Python's `int(str)` in base 10: digits with an optional sign, underscores between digits, spaces around. */
function pyInt(text: string): number | undefined {
  const t = text.trim();
  return /^[+-]?\d+(?:_\d+)*$/.test(t) ? Number(t.replace(/_/g, "")) : undefined;
}

/** Python's `float(str)`: decimal and exponent forms, `inf`/`infinity`/`nan` in any case, underscores between digits. */
function pyFloat(text: string): number | undefined {
  const t = text.trim();
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(t);
  if (special) return special[2]!.toLowerCase() === "nan" ? NaN : special[1] === "-" ? -Infinity : Infinity;
  const digits = "\\d+(?:_\\d+)*";
  return new RegExp(`^[+-]?(?:${digits}(?:\\.(?:${digits})?)?|\\.${digits})(?:[eE][+-]?${digits})?$`).test(t) ? Number(t.replace(/_/g, "")) : undefined;
}

function show(v: PyVal): string {
  return v.kind === "str" ? `'${v.value}'` : v.kind === "num" ? String(v.value) : v.kind;
}

function span(a: SourceRange, b: SourceRange): SourceRange {
  return { ...a, endLine: b.endLine, endColumn: b.endColumn };
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** argparse's rule: `dest=`, else the first long flag, else the first flag, dashes → underscores. */
function destOf(flags: string[], dest: PyVal | undefined): string {
  if (dest?.kind === "str") return dest.value;
  const long = flags.find((f) => f.startsWith("--")) ?? flags[0]!;
  return long.replace(/^-+/, "").replace(/-/g, "_");
}

/** Marks numbers (also inside lists) as the default of a command-line flag. */
function asDefault(value: PyVal, flag: string, range: SourceRange | undefined): PyVal {
  if (value.kind === "num") {
    const prov: Value = { value: value.value, origin: { kind: "default", source: `argparse default of ${flag}`, flag }, range: range ?? value.prov.range };
    return { ...value, prov };
  }
  if (value.kind === "seq") return { ...value, items: value.items.map((item) => asDefault(item, flag, item.kind === "num" ? item.prov.range : range)) };
  return value;
}
