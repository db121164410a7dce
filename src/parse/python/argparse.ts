import type { SourceRange } from "../../core/range";
import type { Value } from "../../core/value";
import { ArgNamespace, type EvaluatedArguments, type Interpreter } from "./interpreter";
import type { SyntaxNode } from "./syntax";
import { unknown, type PyVal } from "./values";

export function isArgParserCall(callee: PyVal): boolean {
  return callee.kind === "ref" && (callee.path === "argparse.ArgumentParser" || callee.path === "ArgumentParser");
}

interface Argument {
  readonly flags: readonly string[];
  readonly dest: string;
  default: PyVal;
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
      case "parse_args":
        return this.namespace(interp);
      case "parse_known_args":
        return { kind: "seq", tuple: true, items: [this.namespace(interp), { kind: "seq", tuple: false, items: [] }] };
      default:
        return unknown(`ArgumentParser.${name}() is not read`, interp.range(node));
    }
  }

  private namespace(interp: Interpreter): PyVal {
    const values = new Map<string, PyVal>();
    for (const [dest, arg] of this.args) values.set(dest, arg.default);
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
    this.args.set(dest, { flags, dest, default: asDefault(value, flag, range) });
  }
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
