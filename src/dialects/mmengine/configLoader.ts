import type { Problem } from "../../core/problem";
import type { SourceRange } from "../../core/range";
import { Interpreter, type EvaluatedArguments, type Host } from "../../parse/python/interpreter";
import { kids, moduleAssignments, parsePython, type PythonFile, type SyntaxNode } from "../../parse/python/syntax";
import { unknown, type PyVal } from "../../parse/python/values";
import { maxBaseDepth, maxBaseLoads } from "../bases";
import type { WorkspaceFiles } from "../index";
import { dirname, joinPath } from "../paths";
import { asDict, CONFIG_DICT, getKey, makeDict, mergeAIntoB, MergeError, plain, updateInPlace, type DictVal } from "./merge";

/** A config file read with its whole `_base_` / `read_base()` chain, as `Config.fromfile` gives it. */
export interface LoadedConfig {
  readonly cfg: DictVal;
  readonly problems: Problem[];
  /** Every file read, entry first. */
  readonly files: string[];
  readonly lazy: boolean;
}

// How deep `_base_` chains are followed and how many files one config reads: shared with the other readers.
export { maxBaseDepth, maxBaseLoads };

/** Top-level names of the file whose assignment marks an OpenMMLab config. */
const markers = new Set(["param_scheduler", "optim_wrapper", "train_cfg", "lr_config", "_base_"]);

/** Whether a Python file looks like an OpenMMLab config (cheap text test, then the syntax tree). */
export function looksLikeConfig(file: PythonFile): boolean {
  for (const stmt of kids(file.tree.topNode)) {
    if (stmt.name === "AssignStatement") {
      const [target, op, value] = kids(stmt);
      if (target?.name !== "VariableName" || op?.name !== "AssignOp") continue;
      const name = file.textOf(target);
      if (markers.has(name)) return true;
      if (name === "optimizer" && value?.name === "CallExpression" && file.textOf(value).startsWith("dict(")) return true;
    } else if (stmt.name === "WithStatement" && isReadBase(stmt, file)) return true;
  }
  return false;
}

export const quickSniff = /^(?:_base_|param_scheduler|optim_wrapper|train_cfg|lr_config|optimizer)\s*=|read_base\s*\(/m;

function isReadBase(stmt: SyntaxNode, file: PythonFile): boolean {
  const call = kids(stmt).find((k) => k.name === "CallExpression");
  return call !== undefined && /^read_base\s*\(/.test(file.textOf(call));
}

/** `{{_base_.a.b}}` → `(_base_.a.b) ` padded to the same length, so every range stays where it was. */
function substituteBaseVars(text: string): string {
  return text.replace(/\{\{(\s*)_base_\.([\w.]+)(\s*)\}\}/g, (m, _a: string, path: string) => `(_base_.${path})`.padEnd(m.length, " "));
}

/** Blanks a statement (keeping newlines), as mmengine's `RemoveAssignFromAST` drops `_base_ = ...`. */
function blank(text: string, from: number, to: number): string {
  return text.slice(0, from) + text.slice(from, to).replace(/[^\n]/g, " ") + text.slice(to);
}

interface BaseRef {
  readonly path: string;
  readonly range: SourceRange;
  /** For `from .x import a, b`: the names imported; undefined for `*` and for `_base_` files. */
  readonly names?: { name: string; alias: string }[];
}

export function loadConfig(path: string, text: string, files: WorkspaceFiles, stack: readonly string[] = [], budget: { loads: number } = { loads: 0 }): LoadedConfig {
  const problems: Problem[] = [];
  const read = [path];
  const file = parsePython(path, substituteBaseVars(text));
  let runText = file.text;

  // Old style: `_base_ = 'x.py'` or a list of paths, relative to this file.
  const bases: BaseRef[] = [];
  const lazyBases: BaseRef[] = [];
  const probe = new Interpreter(file, { call: () => undefined });
  for (const stmt of kids(file.tree.topNode)) {
    if (stmt.name === "AssignStatement") {
      const [target, , value] = kids(stmt);
      if (target?.name !== "VariableName" || file.textOf(target) !== "_base_" || !value) continue;
      const v = probe.evaluate(value, probe.module);
      const items = v.kind === "seq" ? v.items : [v];
      for (const item of items) {
        if (item.kind !== "str") {
          problems.push({ severity: "warning", code: "base-not-static", message: "An entry of _base_ is not a literal path; it is not followed.", range: file.rangeOf(value) });
          continue;
        }
        bases.push({ path: item.value, range: item.range ?? file.rangeOf(value) });
      }
      runText = blank(runText, stmt.from, stmt.to);
    } else if (stmt.name === "WithStatement" && isReadBase(stmt, file)) {
      // New style: `with read_base(): from .._base_.x import *`.
      const body = stmt.getChild("Body");
      for (const imp of body ? kids(body) : []) {
        if (imp.name !== "ImportStatement") continue;
        const m = /^from\s+(\.*)([\w.]*)\s+import\s+([\s\S]*)$/.exec(file.textOf(imp));
        if (!m) continue;
        const [, dots, module, what] = m as unknown as [string, string, string, string];
        // `*` binds every name of the base (ImportTransformer: `global_dict.update(base)`); `a as b` binds b.
        const names = what.replace(/[()\s]/g, "") === "*" ? undefined : what.replace(/[()]/g, "").split(",").map((n) => n.trim()).filter(Boolean).map((n) => { const [name, as, alias] = n.split(/\s+/); return { name: name!, alias: as === "as" && alias ? alias : name! }; });
        let rel: string;
        if (dots.length > 0) rel = [...Array<string>(dots.length - 1).fill(".."), `${module.replace(/\./g, "/")}.py`].join("/");
        else {
          // `from mmdet.configs.x import *`: an installed package; found when the workspace holds it.
          const [pkg, ...rest] = module.split(".");
          const parts = dirname(path).split("/");
          const at = parts.lastIndexOf(pkg!);
          if (at < 0) {
            problems.push({ severity: "warning", code: "base-package", message: `${module} is imported from the installed ${pkg} package, which is not in the workspace; it is not read.`, range: file.rangeOf(imp) });
            continue;
          }
          rel = joinPath(parts.slice(0, at + 1).join("/"), `${rest.join("/")}.py`);
          lazyBases.push({ path: rel, range: file.rangeOf(imp), names });
          continue;
        }
        lazyBases.push({ path: joinPath(dirname(path), rel), range: file.rangeOf(imp), names });
      }
      runText = blank(runText, stmt.from, stmt.to);
    }
  }

  const chainText = (p: string): string => [...stack, path, p].join(" → ");
  const loadBase = (ref: BaseRef, full: string): LoadedConfig | undefined => {
    if (stack.includes(full) || full === path) {
      problems.push({ severity: "error", code: "base-cycle", message: `_base_ files include each other: ${chainText(full)}`, range: ref.range });
      return undefined;
    }
    if (stack.length + 2 > maxBaseDepth) {
      problems.push({ severity: "error", code: "base-too-deep", message: `The _base_ chain is longer than ${maxBaseDepth} files; the rest is not read. Chain: ${chainText(full)}`, range: ref.range });
      return undefined;
    }
    // Bases shared by many others are read once per use, as MMEngine does: a lattice of them could be endless.
    if (++budget.loads > maxBaseLoads) {
      problems.push({ severity: "error", code: "base-too-many", message: `More than ${maxBaseLoads} _base_ files are read for this config; the rest is not read.`, range: ref.range });
      return undefined;
    }
    const baseText = files.read(full);
    if (baseText === undefined) {
      problems.push({ severity: "error", code: "base-missing", message: `The base config ${ref.path} (${full}) does not exist; MMEngine stops here. Chain: ${chainText(full)}`, range: ref.range });
      return undefined;
    }
    const loaded = loadConfig(full, baseText, files, [...stack, path], budget);
    read.push(...loaded.files);
    problems.push(...loaded.problems);
    return loaded;
  };

  let base = makeDict([]);
  for (const ref of bases) {
    if (ref.path.includes("::")) {
      problems.push({ severity: "warning", code: "base-package", message: `${ref.path} is a config of an installed package, which is not in the workspace; it is not read.`, range: ref.range });
      continue;
    }
    const loaded = loadBase(ref, joinPath(dirname(path), ref.path));
    if (!loaded) continue;
    const dup = loaded.cfg.entries.map(([k]) => (k.kind === "str" ? k.value : "")).filter((k) => k && getKey(base, k) !== undefined);
    if (dup.length > 0) problems.push({ severity: "error", code: "base-duplicate-key", message: `Duplicate key is not allowed among bases (MMEngine raises KeyError): ${dup.join(", ")}`, range: ref.range });
    base = makeDict([...base.entries, ...loaded.cfg.entries.filter(([k]) => !(k.kind === "str" && dup.includes(k.value)))]);
  }

  // Names imported from `read_base()` bases, bound before the rest of the file runs.
  const imported = new Map<string, PyVal>();
  for (const ref of lazyBases) {
    const loaded = loadBase(ref, ref.path);
    if (!loaded) continue;
    for (const [k, v] of loaded.cfg.entries) {
      if (k.kind !== "str") continue;
      if (!ref.names) imported.set(k.value, v);
      else for (const n of ref.names) if (n.name === k.value) imported.set(n.alias, v);
    }
  }

  const host: Host = {
    call(callee, args: EvaluatedArguments, site) {
      if (callee.kind === "ref" && (callee.path === "mm.dict" || callee.path === "dict" || callee.path.endsWith("ConfigDict"))) {
        const entries: (readonly [PyVal, PyVal])[] = [];
        for (const p of args.positional) {
          const d = asDict(p);
          if (d) entries.push(...d.entries);
        }
        for (const [k, v] of args.keyword) {
          const node = args.syntax.keyword.get(k)!.name;
          entries.push([{ kind: "str", value: k, range: interp.range(node) }, v]);
        }
        return makeDict(entries, site.range);
      }
      if (callee.kind === "ref" && /(^|\.)(deepcopy|copy)$/.test(callee.path)) return args.positional[0] ? clone(args.positional[0]) : undefined;
      if (callee.kind === "method") {
        const self = asDict(callee.self);
        if (self && callee.name === "update") {
          const other = args.positional[0] ? asDict(args.positional[0]) : makeDict([...args.keyword].map(([k, v]) => [{ kind: "str", value: k }, v] as [PyVal, PyVal]));
          if (other) updateInPlace(self, other);
          return { kind: "none" };
        }
        if (self && (callee.name === "copy" || callee.name === "deepcopy")) return clone(self);
        if (self && callee.name === "get") {
          const key = args.positional[0];
          return (key?.kind === "str" ? getKey(self, key.value) : undefined) ?? args.positional[1] ?? { kind: "none" };
        }
        if (callee.self.kind === "seq" && (callee.name === "append" || callee.name === "extend")) {
          const items = callee.self.items as PyVal[];
          const arg = args.positional[0];
          if (arg && callee.name === "append") items.push(arg);
          else if (arg?.kind === "seq") items.push(...arg.items);
          return { kind: "none" };
        }
      }
      return undefined;
    },
    attribute(obj, name, range) {
      if (obj.type !== CONFIG_DICT) return undefined;
      const v = getKey(obj.data as DictVal, name);
      if (v === undefined) return name === "get" || name === "update" || name === "copy" ? undefined : unknown(`the base config has no ${name}`, range);
      return wrap(v);
    },
  };
  const interp: Interpreter = new Interpreter(parsePython(path, runText), host);
  interp.module.set("dict", { kind: "ref", path: "mm.dict", imported: false });
  interp.module.set("_base_", wrap(base));
  // Configs run with a globals dict that has no `__name__`: Python finds the builtins module's, so an
  // `if __name__ == '__main__':` block in a config never runs.
  interp.module.set("__name__", { kind: "str", value: "builtins" });
  for (const [k, v] of imported) interp.module.set(k, wrap(clone(v)));
  try {
    interp.run();
  } catch (e) {
    problems.push({ severity: "error", code: "config-not-read", message: `The config could not be read: ${e instanceof Error ? e.message : String(e)}`, range: file.rangeOf(file.tree.topNode) });
  }

  // The module's globals, in first-assignment order; modules, functions and `__x` names are dropped.
  const entries: [PyVal, PyVal][] = [];
  const seen = new Set<string>();
  const add = (name: string, range: SourceRange): void => {
    if (seen.has(name) || name.startsWith("__") || name === "_base_") return;
    const v = interp.module.get(name);
    if (!v || v.kind === "func" || (v.kind === "ref" && v.path === "mm.dict")) return;
    if (v.kind === "ref" && v.imported && !imported.has(name)) return;
    seen.add(name);
    entries.push([{ kind: "str", value: name, range }, plain(v)]);
  };
  for (const name of imported.keys()) add(name, file.rangeOf(file.tree.topNode));
  moduleAssignments(interp.file, interp.file.tree.topNode, (name, target) => add(name, interp.file.rangeOf(target)));

  let cfg = makeDict(entries);
  if (bases.length > 0) {
    try {
      cfg = mergeAIntoB(cfg, base);
    } catch (e) {
      if (!(e instanceof MergeError)) throw e;
      problems.push({ severity: "error", code: "base-merge", message: e.message, range: bases[0]!.range });
    }
  }
  return { cfg, problems, files: read, lazy: lazyBases.length > 0 };
}

/** `_base_.x` and imported base values behave as ConfigDicts (attribute access). */
function wrap(v: PyVal): PyVal {
  const d = asDict(v);
  if (d) return { kind: "object", type: CONFIG_DICT, data: d };
  if (v.kind === "seq") return { ...v, items: v.items.map(wrap) };
  return v;
}

/** A deep copy of dicts and lists, so `.update()` on a copy does not change the original. */
function clone(v: PyVal): PyVal {
  const d = asDict(v);
  if (d) {
    const c = makeDict(d.entries.map(([k, x]) => [k, clone(x)] as [PyVal, PyVal]), d.range);
    return v.kind === "object" ? { kind: "object", type: CONFIG_DICT, data: c } : c;
  }
  if (v.kind === "seq") return { ...v, items: v.items.map(clone) };
  return v;
}
