import type { Problem } from "../../core/problem";
import type { SourceRange } from "../../core/range";
import { Interpreter, type EvaluatedArguments, type Host } from "../../parse/python/interpreter";
import { kids, moduleAssignments, parsePython, type SyntaxNode } from "../../parse/python/syntax";
import { Scope, truthy, unknown, type PyVal } from "../../parse/python/values";
import { baseChain, maxBaseDepth, maxBaseLoads } from "../bases";
import type { WorkspaceFiles } from "../index";
import { dirname, joinPath } from "../paths";
import { modelZooFiles } from "./modelZoo";

export const NODE = "d2.node";
const LAZYCALL = "d2.lazycall";

/**
 * A LazyConfig node: `L(f)(**kwargs)` (an omegaconf DictConfig with `_target_`), or a `dict(...)` the
 * loader turned into a DictConfig. A Map, so the interpreter's `a.b = v` assignments update it in place.
 */
export class LazyNode extends Map<string, PyVal> {
  constructor(
    readonly target: PyVal | undefined,
    readonly range?: SourceRange,
  ) {
    super();
  }
}

export function nodeValue(n: LazyNode): PyVal {
  return { kind: "object", type: NODE, data: n };
}

export function asNode(v: PyVal | undefined): LazyNode | undefined {
  return v?.kind === "object" && v.type === NODE && v.data instanceof LazyNode ? v.data : undefined;
}

/** The class a node instantiates: `MultiStepParamScheduler` for `L(fvcore...MultiStepParamScheduler)`. */
export function targetName(n: LazyNode | undefined): string | undefined {
  const t = n?.target;
  if (!t) return undefined;
  if (t.kind === "ref") return t.path.split(".").pop();
  if (t.kind === "str") return t.value.split(".").pop();
  if (t.kind === "func") return t.name;
  return undefined;
}

const schedulerClasses = new Set(["ConstantParamScheduler", "CosineParamScheduler", "ExponentialParamScheduler", "LinearParamScheduler", "MultiStepParamScheduler", "PolynomialDecayParamScheduler", "StepParamScheduler", "StepWithFixedGammaParamScheduler", "CompositeParamScheduler", "WarmupParamScheduler"]);

/** Reads list comprehensions too (`[m * 4 for m in lr_multiplier.scheduler.milestones]`), as the configs write them. */
class ConfigInterpreter extends Interpreter {
  override evaluate(node: SyntaxNode, scope: Scope): PyVal {
    if (node.name === "ArrayComprehensionExpression") return this.comprehension(node, scope);
    return super.evaluate(node, scope);
  }

  private comprehension(node: SyntaxNode, scope: Scope): PyVal {
    const parts = kids(node).filter((k) => k.name !== "[" && k.name !== "]");
    const forAt = parts.findIndex((p) => p.name === "for");
    const inAt = parts.findIndex((p) => p.name === "in");
    const range = this.range(node);
    if (forAt !== 1 || inAt < 0 || parts.filter((p) => p.name === "for").length !== 1) return unknown("this comprehension cannot be read statically", range);
    const expr = parts[0]!;
    const targets = parts.slice(forAt + 1, inAt);
    const iterable = this.evaluate(parts[inAt + 1]!, scope);
    const conditions = parts.slice(inAt + 2).filter((p) => p.name !== "if");
    if (iterable.kind !== "seq") return iterable.kind === "unknown" ? iterable : unknown(`${this.file.textOf(parts[inAt + 1]!)} is not a list that can be read`, range);
    const items: PyVal[] = [];
    for (const item of iterable.items) {
      const inner = new Scope(scope);
      if (targets.length === 1 && targets[0]!.name === "VariableName") inner.set(this.file.textOf(targets[0]!), item);
      else return unknown("this comprehension cannot be read statically", range);
      let keep: boolean | undefined = true;
      for (const c of conditions) keep = keep && truthy(this.evaluate(c, inner));
      if (keep === undefined) return unknown("a condition of this comprehension cannot be read statically", range);
      if (keep) items.push(this.evaluate(expr, inner));
    }
    return { kind: "seq", tuple: false, items, range };
  }
}

export interface LoadContext {
  readonly files: WorkspaceFiles;
  readonly entry: string;
  readonly problems: Problem[];
  /** Every file read, entry first. */
  readonly read: string[];
}

/** How many files each load (one entry file) has imported so far, for maxBaseLoads. */
const loadCounts = new WeakMap<LoadContext, number>();

export interface LoadedConfig {
  /** The module's globals that LazyConfig keeps (name → value), in assignment order. */
  readonly namespace: Map<string, PyVal>;
  /** Where each name was last bound in the file. */
  readonly ranges: Map<string, SourceRange>;
  readonly detectron2Imports: boolean;
  /** Any global of the module, configs or not (`from .x import get_vit_lr_decay_rate` imports a function). */
  readonly lookup: (name: string) => PyVal | undefined;
}

/** `find_relative_file` of detectron2/config/lazy.py: `from ..a.b import x` → `../a/b.py` from the file's folder. */
function relativeFile(file: string, dots: number, module: string): string {
  let dir = dirname(file);
  for (let i = 0; i < dots - 1; i++) dir = dirname(dir);
  return joinPath(dir, `${module.replace(/\./g, "/")}.py`);
}

function blank(text: string, from: number, to: number): string {
  return text.slice(0, from) + text.slice(from, to).replace(/[^\n]/g, " ") + text.slice(to);
}

/** The model zoo file a path ends with (`…/configs/common/train.py` → `common/train.py`). */
function zooName(path: string): string | undefined {
  return Object.keys(modelZooFiles).find((k) => path === k || path.endsWith(`/${k}`));
}

/**
 * `LazyConfig.load` (detectron2/config/lazy.py) without running anything: the file is read by the static
 * interpreter, `from .x import y` loads `x.py` the same way (each import statement afresh, as detectron2's
 * import hook does), `L(f)(...)`, `dict(...)` and `model_zoo.get_config(...)` make config nodes.
 */
export function loadLazyConfig(path: string, text: string, ctx: LoadContext, stack: readonly string[] = []): LoadedConfig {
  const file = parsePython(path, text);
  let runText = text;
  const imported = new Map<string, PyVal>();
  let detectron2Imports = /\b(detectron2|fvcore)\b/.test(text);

  const loadFile = (full: string, range: SourceRange, what: string): LoadedConfig | undefined => {
    if (stack.includes(full) || full === path) {
      ctx.problems.push({ severity: "error", code: "import-cycle", message: `Config files import each other: ${baseChain([...stack, path], full)}`, range });
      return undefined;
    }
    // Python's import machinery has no limit short of RecursionError, and each import statement loads afresh:
    // the shared limits of src/dialects/bases.ts bound a deep chain and a lattice of shared files.
    if (stack.length + 2 > maxBaseDepth) {
      ctx.problems.push({ severity: "error", code: "import-too-deep", message: `The chain of imported config files is longer than ${maxBaseDepth} files; the rest is not read. Chain: ${baseChain([...stack, path], full)}`, range });
      return undefined;
    }
    const loads = (loadCounts.get(ctx) ?? 0) + 1;
    loadCounts.set(ctx, loads);
    if (loads > maxBaseLoads) {
      ctx.problems.push({ severity: "error", code: "import-too-many", message: `More than ${maxBaseLoads} config files are imported for this config; the rest is not read.`, range });
      return undefined;
    }
    let body = ctx.files.read(full);
    if (body === undefined) {
      const zoo = zooName(full);
      if (zoo === undefined) {
        ctx.problems.push({ severity: "error", code: "import-missing", message: `${what}: ${full} is not in the workspace; LazyConfig.load raises ImportError. What it defines is unknown.`, range });
        return undefined;
      }
      body = modelZooFiles[zoo]!;
      ctx.problems.push({ severity: "info", code: "model-zoo-file", message: `${what}: ${full} is not in the workspace; detectron2's own configs/${zoo} is used.`, range });
    } else ctx.read.push(full);
    return loadLazyConfig(full, body, ctx, [...stack, path]);
  };

  for (const stmt of kids(file.tree.topNode)) {
    if (stmt.name !== "ImportStatement") continue;
    const m = /^from\s+(\.+)\s*([\w.]*)\s+import\s+([\s\S]*)$/.exec(file.textOf(stmt));
    if (!m) continue;
    const [, dots, module, what] = m as unknown as [string, string, string, string];
    const range = file.rangeOf(stmt);
    runText = blank(runText, stmt.from, stmt.to);
    const names = what
      .replace(/[()\\]/g, " ")
      .split(",")
      .map((n) => n.trim())
      .filter(Boolean)
      .map((n) => {
        // `a as b` as words (a regex split on /\s+as\s+/ is quadratic on long blank runs).
        const [name, as, alias] = n.split(/\s+/);
        return { name: name!, alias: as === "as" && alias ? alias : name! };
      });
    const full = relativeFile(path, dots.length, module);
    const loaded = loadFile(full, range, `from ${dots}${module} import …`);
    if (loaded?.detectron2Imports) detectron2Imports = true;
    for (const { name, alias } of names) {
      if (name === "*") {
        for (const [k, v] of loaded?.namespace ?? []) imported.set(k, v);
        continue;
      }
      const v = loaded?.namespace.get(name) ?? loaded?.lookup(name);
      if (loaded && v === undefined) ctx.problems.push({ severity: "error", code: "import-name", message: `${full} does not define ${name} (ImportError).`, range });
      imported.set(alias, v ?? unknown(`${name} from ${full} is not known`, range));
    }
  }

  const host: Host = {
    call(callee, args: EvaluatedArguments, site) {
      if (callee.kind === "ref" && /(^|\.)LazyCall$/.test(callee.path)) return { kind: "object", type: LAZYCALL, data: args.positional[0] ?? unknown("LazyCall without a target", site.range) };
      if (callee.kind === "object" && callee.type === LAZYCALL) return makeNode(callee.data as PyVal, args, site.range, interp);
      if (callee.kind === "ref" && (callee.path === "d2.dict" || /(^|\.)OmegaConf\.create$/.test(callee.path))) {
        const n = new LazyNode(undefined, site.range);
        const first = args.positional[0];
        const from = asNode(first);
        if (from) for (const [k, v] of from) n.set(k, v);
        else if (first?.kind === "dict") for (const [k, v] of first.entries) if (k.kind === "str") n.set(k.value, toConfig(v));
        for (const [k, v] of args.keyword) n.set(k, toConfig(v));
        return nodeValue(n);
      }
      if (callee.kind === "ref" && schedulerClasses.has(callee.path.split(".").pop()!)) return makeNode(callee, args, site.range, interp);
      if (callee.kind === "ref" && /(^|\.)get_config$/.test(callee.path)) {
        const rel = args.positional[0];
        if (rel?.kind !== "str") return unknown("model_zoo.get_config of a path that cannot be read", site.range);
        if (!rel.value.endsWith(".py")) return unknown(`model_zoo.get_config("${rel.value}") returns a yacs CfgNode`, site.range);
        detectron2Imports = true;
        const found = findZooConfig(ctx, rel.value);
        const loaded = found ? loadFile(found, site.range, `get_config("${rel.value}")`) : zooName(rel.value) ? loadFile(rel.value, site.range, `get_config("${rel.value}")`) : undefined;
        if (!loaded) {
          if (!found && !zooName(rel.value)) ctx.problems.push({ severity: "warning", code: "model-zoo-missing", message: `model_zoo.get_config("${rel.value}"): the file is in the installed detectron2 package, not in the workspace; what it defines is unknown.`, range: site.range });
          return unknown(`get_config("${rel.value}") is not in the workspace`, site.range);
        }
        const n = new LazyNode(undefined, site.range);
        for (const [k, v] of loaded.namespace) n.set(k, v);
        return nodeValue(n);
      }
      if (callee.kind === "ref" && /(^|\.)(deepcopy|copy)$/.test(callee.path) && args.positional[0]) return clone(args.positional[0]);
      return undefined;
    },
    attribute(obj, name, range) {
      if (obj.type === NODE) return (obj.data as LazyNode).get(name) ?? unknown(`the config has no ${name}`, range);
      return undefined;
    },
  };
  const interp: ConfigInterpreter = new ConfigInterpreter(parsePython(path, runText), host);
  interp.module.set("dict", { kind: "ref", path: "d2.dict", imported: false });
  interp.module.set("__name__", { kind: "str", value: "detectron2._cfg_loader" });
  interp.module.set("__file__", { kind: "str", value: path });
  for (const [k, v] of imported) interp.module.set(k, v);
  try {
    interp.run();
  } catch (e) {
    ctx.problems.push({ severity: "error", code: "config-not-read", message: `The config could not be read: ${e instanceof Error ? e.message : String(e)}`, range: file.rangeOf(file.tree.topNode) });
  }

  // LazyConfig.load keeps the globals that are configs or dicts and do not start with "_"; imported
  // names count as globals of the module too.
  const namespace = new Map<string, PyVal>();
  const ranges = new Map<string, SourceRange>();
  const add = (name: string, range: SourceRange | undefined): void => {
    if (name.startsWith("_")) return;
    const v = interp.module.get(name);
    if (!v || v.kind === "func" || (v.kind === "ref" && v.imported)) return;
    namespace.set(name, v);
    if (range) ranges.set(name, range);
  };
  for (const name of imported.keys()) add(name, undefined);
  moduleAssignments(interp.file, interp.file.tree.topNode, (name, _target, statement) => add(name, interp.file.rangeOf(statement)));
  return { namespace, ranges, detectron2Imports, lookup: (name) => interp.module.get(name) };
}

/** `model_zoo.get_config("common/train.py")`: the workspace's copy of detectron2's configs folder, when it has one. */
function findZooConfig(ctx: LoadContext, rel: string): string | undefined {
  let dir = dirname(ctx.entry);
  for (let i = 0; i < 8; i++) {
    for (const candidate of [joinPath(dir, `configs/${rel}`), joinPath(dir, rel), joinPath(dir, `detectron2/model_zoo/configs/${rel}`)]) if (ctx.files.read(candidate) !== undefined) return candidate;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

function makeNode(target: PyVal, args: EvaluatedArguments, range: SourceRange, interp: Interpreter): PyVal {
  const n = new LazyNode(target, range);
  if (args.positional.length > 0) n.set("__positional__", unknown("LazyCall takes keyword arguments only (TypeError)", interp.range(args.syntax.positional[0]!)));
  for (const [k, v] of args.keyword) n.set(k, toConfig(v));
  if (args.syntax.spread) n.set("__spread__", unknown("**kwargs cannot be read statically", range));
  return nodeValue(n);
}

/** Dict displays inside configs become DictConfigs (attribute access works on them). */
function toConfig(v: PyVal): PyVal {
  if (v.kind !== "dict") return v;
  const n = new LazyNode(undefined, v.range);
  for (const [k, x] of v.entries) if (k.kind === "str") n.set(k.value, toConfig(x));
  return nodeValue(n);
}

function clone(v: PyVal): PyVal {
  const n = asNode(v);
  if (n) {
    const c = new LazyNode(n.target, n.range);
    for (const [k, x] of n) c.set(k, clone(x));
    return nodeValue(c);
  }
  if (v.kind === "seq") return { ...v, items: v.items.map(clone) };
  return v;
}
