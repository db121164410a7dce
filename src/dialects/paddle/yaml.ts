import { isAlias, isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from "yaml";
import type { Problem } from "../../core/problem";
import type { SourceRange } from "../../core/range";
import { resolvePlainScalar } from "../../parse/config";
import { LineIndex } from "../../parse/lines";
import { baseChain, maxBaseDepth, maxBaseLoads } from "../bases";
import type { WorkspaceFiles } from "../index";
import { dirname, joinPath } from "../paths";

/**
 * A Paddle suite's YAML as PyYAML loads it, with ranges, the YAML tags PaddleDetection uses for its
 * schedulers (`- !PiecewiseDecay`), and whether a number is a Python int (Paddle checks `isinstance(x, int)`).
 */
export type PNode = PMap | PSeq | PScalar;

export interface PMap {
  readonly kind: "map";
  readonly entries: readonly PEntry[];
  readonly range: SourceRange;
  readonly tag?: string;
}

export interface PEntry {
  readonly key: string;
  readonly keyRange: SourceRange;
  readonly value: PNode;
}

export interface PSeq {
  readonly kind: "seq";
  readonly items: readonly PNode[];
  readonly range: SourceRange;
  readonly tag?: string;
}

export interface PScalar {
  readonly kind: "scalar";
  readonly value: string | number | boolean | null;
  readonly range: SourceRange;
  /** A number PyYAML makes an `int`. */
  readonly isInt?: boolean;
  /** `1e-4`: PyYAML (YAML 1.1) reads it as a string. */
  readonly numberLikeString?: boolean;
  readonly tag?: string;
}

const pyyamlInt = /^[-+]?(?:0b[0-1_]+|0[0-7_]+|(?:0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+)$/;

export function get(node: PNode | undefined, key: string): PNode | undefined {
  return entryOf(node, key)?.value;
}

export function entryOf(node: PNode | undefined, key: string): PEntry | undefined {
  if (node?.kind !== "map") return undefined;
  for (let i = node.entries.length - 1; i >= 0; i--) if (node.entries[i]!.key === key) return node.entries[i];
  return undefined;
}

export function asMap(node: PNode | undefined): PMap | undefined {
  return node?.kind === "map" ? node : undefined;
}

/** Parses one YAML file as PyYAML's loaders type it (YAML 1.1). */
export function parsePaddleYaml(file: string, text: string): { root?: PNode; problems: Problem[] } {
  const lines = new LineIndex(file, text);
  const doc = parseDocument(text, { version: "1.1", keepSourceTokens: true, uniqueKeys: false, prettyErrors: false });
  // PyYAML accepts some layouts the YAML 1.2 parser rejects (a flow map closed at a lower indent, as in
  // PaddleDetection's reader configs): what parsed is kept, and the complaint is a warning.
  const problems: Problem[] = doc.errors.slice(0, 5).map((e) => ({ severity: "warning", code: "yaml-syntax", message: `YAML: ${e.message.split("\n")[0]} (keys after it may be missing)`, range: lines.range(e.pos[0], Math.max(e.pos[1], e.pos[0] + 1)) }));
  const range = (n: { range?: [number, number, number] | null }): SourceRange => lines.range(n.range?.[0] ?? 0, n.range?.[1] ?? 0);
  const convert = (node: unknown, depth: number): PNode => {
    if (depth > 100) return { kind: "scalar", value: null, range: lines.range(0, 0) };
    if (isAlias(node)) {
      const target = node.resolve(doc);
      return target ? convert(target, depth + 1) : { kind: "scalar", value: null, range: range(node) };
    }
    const tag = (node as { tag?: string } | null)?.tag;
    const own = tag && !tag.startsWith("tag:yaml.org") ? { tag } : {};
    if (isMap(node)) {
      const entries: PEntry[] = [];
      for (const pair of node.items) {
        const keyNode = pair.key as YamlNode | null;
        const key = isScalar(keyNode) ? (keyNode.type === "PLAIN" && typeof keyNode.source === "string" ? keyNode.source : String(keyNode.value)) : keyNode ? String(keyNode.toJSON()) : "";
        const value: PNode = pair.value == null ? { kind: "scalar", value: null, range: keyNode ? range(keyNode) : range(node) } : convert(pair.value, depth + 1);
        if (key === "<<" && (value.kind === "map" || value.kind === "seq")) {
          // YAML 1.1 merge keys: the merged maps' entries, under the ones written here.
          const maps = value.kind === "map" ? [value] : value.items.filter((x): x is PMap => x.kind === "map");
          for (const m of maps) for (const e of m.entries) entries.unshift(e);
          continue;
        }
        entries.push({ key, keyRange: keyNode ? range(keyNode) : range(node), value });
      }
      return { kind: "map", entries, range: range(node), ...own };
    }
    if (isSeq(node)) return { kind: "seq", items: node.items.map((i) => convert(i, depth + 1)), range: range(node), ...own };
    if (isScalar(node)) {
      if (node.type === "PLAIN" && typeof node.source === "string") {
        const r = resolvePlainScalar(node.source);
        return { kind: "scalar", ...r, ...(typeof r.value === "number" && pyyamlInt.test(node.source) ? { isInt: true } : {}), range: range(node), ...own };
      }
      const v = node.value;
      return { kind: "scalar", value: typeof v === "number" || typeof v === "boolean" || typeof v === "string" ? v : v == null ? null : JSON.stringify(v), range: range(node), ...own };
    }
    return { kind: "scalar", value: null, range: range(node as YamlNode) };
  };
  return { root: doc.contents ? convert(doc.contents, 0) : undefined, problems };
}

export interface LoadedConfig {
  readonly root?: PMap;
  readonly problems: Problem[];
  /** The files read, entry first. */
  readonly files: string[];
}

/** `dict_merge` of ppdet/core/workspace.py: dicts merge key by key, anything else is replaced. */
export function mergeDet(base: PMap, over: PMap): PMap {
  const entries = [...base.entries];
  for (const e of over.entries) {
    const i = findLast(entries, e.key);
    if (i >= 0) {
      const old = entries[i]!.value;
      entries[i] = old.kind === "map" && e.value.kind === "map" ? { ...e, value: mergeDet(old, e.value) } : e;
    } else entries.push(e);
  }
  return { ...over, entries };
}

/** `merge_config_dicts(dic, base_dic)` of paddleseg/cvlibs/config.py, with `_inherited_: False`. */
export function mergeSeg(dic: PMap, base: PMap): PMap {
  const inherit = get(dic, "_inherited_");
  if (inherit && inherit.kind === "scalar" && !inherit.value) return { ...dic, entries: dic.entries.filter((e) => e.key !== "_inherited_") };
  const entries = [...base.entries];
  for (const e of dic.entries) {
    const i = findLast(entries, e.key);
    if (i >= 0) {
      const old = entries[i]!.value;
      entries[i] = e.value.kind === "map" && old.kind === "map" ? { ...e, value: mergeSeg(e.value, old) } : e;
    } else entries.push(e);
  }
  return { ...dic, entries };
}

function findLast(entries: readonly PEntry[], key: string): number {
  for (let i = entries.length - 1; i >= 0; i--) if (entries[i]!.key === key) return i;
  return -1;
}

/**
 * Loads a config with its inheritance: PaddleDetection `_BASE_` (ppdet/core/workspace.py
 * `_load_config_with_base`: bases merged in list order, later ones win, the file wins over all) or
 * PaddleSeg `_base_` (paddleseg/cvlibs/config.py `parse_from_yaml`: the file merged onto each base in turn,
 * so an earlier base wins over a later one).
 */
export function loadWithBases(file: string, text: string, files: WorkspaceFiles, style: "det" | "seg", seen: readonly string[] = [], budget: { loads: number } = { loads: 0 }): LoadedConfig {
  const parsed = parsePaddleYaml(file, text);
  const problems = [...parsed.problems];
  const read: string[] = [file];
  if (parsed.root?.kind !== "map") return { problems, files: read };
  let root: PMap = parsed.root;
  const key = style === "det" ? "_BASE_" : "_base_";
  const baseEntry = entryOf(root, key);
  if (!baseEntry) return { root, problems, files: read };
  root = { ...root, entries: root.entries.filter((e) => e.key !== key) };
  const list: { path: string; range: SourceRange }[] = [];
  const v = baseEntry.value;
  if (v.kind === "scalar" && typeof v.value === "string") {
    if (style === "det") problems.push({ severity: "warning", code: "base-not-list", message: "_BASE_ is a string: ppdet takes list(_BASE_), one file per character; a list of files is meant.", range: v.range });
    list.push({ path: v.value, range: v.range });
  } else if (v.kind === "seq") for (const item of v.items) if (item.kind === "scalar" && typeof item.value === "string") list.push({ path: item.value, range: item.range });
  const bases: PMap[] = [];
  for (const b of list) {
    if (b.path.startsWith("~")) {
      problems.push({ severity: "warning", code: "base-unresolved", message: `${b.path}: a path in the home folder cannot be read from the workspace; left out.`, range: b.range });
      continue;
    }
    const path = b.path.startsWith("/") ? b.path : joinPath(dirname(file), b.path);
    // Neither suite limits the chain (a cycle ends in RecursionError) and both re-read a base each time it is
    // named, so the shared limits of src/dialects/bases.ts apply.
    const chain = baseChain([...seen, file], path);
    if (seen.includes(path) || path === file) {
      problems.push({ severity: "error", code: "base-cycle", message: `${key} files include each other: ${chain}`, range: b.range });
      continue;
    }
    if (seen.length + 2 > maxBaseDepth) {
      problems.push({ severity: "error", code: "base-too-deep", message: `The ${key} chain is longer than ${maxBaseDepth} files; the rest is not read. Chain: ${chain}`, range: b.range });
      continue;
    }
    if (++budget.loads > maxBaseLoads) {
      problems.push({ severity: "error", code: "base-too-many", message: `More than ${maxBaseLoads} ${key} files are read for this config; the rest is not read.`, range: b.range });
      continue;
    }
    const baseText = files.read(path);
    if (baseText === undefined) {
      // ppdet/core/workspace.py `open(base_yml)`, paddleseg/cvlibs/config.py `codecs.open(path)`: FileNotFoundError.
      problems.push({ severity: "error", code: "base-missing", message: `The base config ${b.path} (${path}) does not exist; ${style === "det" ? "PaddleDetection" : "PaddleSeg"} raises FileNotFoundError here. Its keys are missing below. Chain: ${chain}`, range: b.range });
      continue;
    }
    const loaded = loadWithBases(path, baseText, files, style, [...seen, file], budget);
    problems.push(...loaded.problems);
    read.push(...loaded.files);
    if (loaded.root) bases.push(loaded.root);
  }
  if (style === "det") {
    let all: PMap | undefined;
    for (const b of bases) all = all ? mergeDet(all, b) : b;
    return { root: all ? mergeDet(all, root) : root, problems, files: read };
  }
  let dic = root;
  for (const b of bases) dic = mergeSeg(dic, b);
  return { root: dic, problems, files: read };
}
