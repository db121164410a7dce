import type { Problem } from "../../core/problem";
import type { SourceRange } from "../../core/range";
import { Interpreter, type CallSite, type EvaluatedArguments, type Host } from "../../parse/python/interpreter";
import { parsePython, type PythonFile } from "../../parse/python/syntax";
import type { PyVal } from "../../parse/python/values";
import type { HfArgs, Plain, Setting } from "./args";

/**
 * Classes whose constructor takes the Trainer's arguments: transformers' own, TRL's configs (subclasses of
 * `TrainingArguments`) and sentence-transformers'.
 */
export const argumentClasses = new Set([
  "TrainingArguments",
  "Seq2SeqTrainingArguments",
  "SFTConfig",
  "DPOConfig",
  "GRPOConfig",
  "KTOConfig",
  "ORPOConfig",
  "CPOConfig",
  "BCOConfig",
  "PPOConfig",
  "RLOOConfig",
  "RewardConfig",
  "PRMConfig",
  "GKDConfig",
  "OnlineDPOConfig",
  "NashMDConfig",
  "XPOConfig",
  "AsyncGRPOConfig",
  "SentenceTransformerTrainingArguments",
  "CrossEncoderTrainingArguments",
]);

interface ArgsCall {
  readonly className: string;
  readonly name: string;
  readonly range: SourceRange;
  readonly settings: Map<string, Setting>;
  readonly problems: Problem[];
}

/** Reads the `TrainingArguments(...)`-like calls of a Python file, statically (never runs it). */
export function readHfPython(fileName: string, text: string): HfArgs[] {
  // Cheap test before parsing and reading the whole program.
  if (![...argumentClasses].some((c) => text.includes(c))) return [];
  const file = parsePython(fileName, text);
  const host = new ArgsHost(file);
  const interp = new Interpreter(file, host);
  interp.run();
  const seen = new Set<string>();
  return host.calls
    .filter((c) => {
      // A function read twice (called, then as an entry point) constructs the same call twice.
      const key = `${c.range.startLine}:${c.range.startColumn}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((c) => ({ file: fileName, name: c.name, source: c.range, flavor: "trainer" as const, className: c.className, settings: c.settings, problems: c.problems }));
}

class ArgsHost implements Host {
  readonly calls: ArgsCall[] = [];

  constructor(private readonly file: PythonFile) {}

  call(callee: PyVal, args: EvaluatedArguments, site: CallSite): PyVal | undefined {
    if (callee.kind !== "ref") return undefined;
    const className = callee.path.split(".").at(-1)!;
    if (!argumentClasses.has(className)) return undefined;
    const settings = new Map<string, Setting>();
    for (const [key, value] of args.keyword) {
      const syntax = args.syntax.keyword.get(key);
      settings.set(key, toSetting(key, value, syntax ? this.file.rangeOf(syntax.value) : site.range, syntax ? this.file.rangeOf(syntax.name) : undefined));
    }
    const problems: Problem[] = [];
    if (args.syntax.spread)
      problems.push({ severity: "warning", code: "arguments-not-static", message: `Arguments passed to ${className} with * or ** are not read: values they set are taken as defaults`, range: site.range });
    const call: ArgsCall = { className, name: this.targetName(site) ?? className, range: site.range, settings, problems };
    this.calls.push(call);
    return { kind: "object", type: "hf.args", data: call };
  }

  attribute(obj: PyVal & { kind: "object" }, name: string): PyVal | undefined {
    if (obj.type !== "hf.args") return undefined;
    const s = (obj.data as ArgsCall).settings.get(name);
    if (s?.num) return { kind: "num", value: s.num.value, isInt: Number.isInteger(s.num.value), prov: s.num };
    return undefined;
  }

  private targetName(site: CallSite): string | undefined {
    const parent = site.node.parent;
    if (parent?.name !== "AssignStatement") return undefined;
    const target = parent.firstChild;
    return target ? this.file.textOf(target) : undefined;
  }
}

function toPlain(v: PyVal): Plain | undefined {
  switch (v.kind) {
    case "num":
    case "bool":
    case "str":
      return v.value;
    case "none":
      return null;
    case "seq": {
      const items = v.items.map(toPlain);
      return items.every((x): x is Plain => x !== undefined) ? items : undefined;
    }
    case "dict": {
      const out: Record<string, Plain> = {};
      for (const [k, x] of v.entries) {
        const value = toPlain(x);
        if (k.kind !== "str" || value === undefined) return undefined;
        out[k.value] = value;
      }
      return out;
    }
    default:
      return undefined;
  }
}

function toSetting(key: string, v: PyVal, range: SourceRange, keyRange: SourceRange | undefined): Setting {
  if (v.kind === "num") return { key, value: v.value, num: v.prov.range ? v.prov : { ...v.prov, range }, range, keyRange };
  if (v.kind === "unknown") return { key, value: undefined, range, keyRange, unknown: { reason: v.reason, needs: v.needs } };
  const value = toPlain(v);
  if (value === undefined) return { key, value: undefined, range, keyRange, unknown: { reason: `${v.kind} value` } };
  return { key, value, range, keyRange };
}
