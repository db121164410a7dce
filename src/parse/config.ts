import * as jsonc from "jsonc-parser";
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from "yaml";
import type { Problem } from "../core/problem";
import type { SourceRange } from "../core/range";
import { LineIndex } from "./lines";
import { ParseMemo } from "./memo";
import { limitNesting, limitYamlIndentation, maxNesting } from "./nesting";

/**
 * A YAML or JSON config as a tree that keeps the source range of every key and value, so readers can
 * point hovers and diagnostics at `warmup_steps: 500` itself.
 */
export type ConfigNode = ConfigMap | ConfigSeq | ConfigScalar;

export interface ConfigMap {
  readonly kind: "map";
  readonly entries: readonly ConfigEntry[];
  readonly range: SourceRange;
}

export interface ConfigEntry {
  readonly key: string;
  readonly keyRange: SourceRange;
  readonly value: ConfigNode;
}

export interface ConfigSeq {
  readonly kind: "seq";
  readonly items: readonly ConfigNode[];
  readonly range: SourceRange;
}

export interface ConfigScalar {
  readonly kind: "scalar";
  readonly value: string | number | boolean | null;
  readonly range: SourceRange;
  /**
   * Set on a plain YAML scalar that looks like a number but that PyYAML (YAML 1.1, which every Python
   * framework here uses) reads as a string: `1e-4` (no dot), `1.0e4` (no exponent sign).
   */
  readonly numberLikeString?: boolean;
}

export interface ConfigDocument {
  readonly file: string;
  readonly root?: ConfigNode;
  readonly problems: readonly Problem[];
}

// PyYAML's float resolver (resolver.py): a dot is required, an exponent needs a sign.
const pyyamlFloat = /^[-+]?(?:[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const pyyamlInt = /^[-+]?(?:0b[0-1_]+|0[0-7_]+|(?:0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+)$/;
const pyyamlBool = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const pyyamlNull = /^(?:~|null|Null|NULL|)$/;
// The digits split one way only: `\d[\d_]*\.?\d*` backtracked quadratically (minutes on a 1 MB digit run).
const looksNumeric = /^[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

/** What PyYAML's `safe_load` makes of a plain (unquoted) scalar. */
export function resolvePlainScalar(text: string): { value: string | number | boolean | null; numberLikeString?: boolean } {
  if (pyyamlNull.test(text)) return { value: null };
  if (pyyamlBool.test(text)) return { value: /^(?:yes|true|on)$/i.test(text) };
  if (pyyamlInt.test(text)) {
    const t = text.replace(/_/g, "");
    const sign = t.startsWith("-") ? -1 : 1;
    const body = t.replace(/^[-+]/, "");
    if (body.startsWith("0b")) return { value: sign * parseInt(body.slice(2), 2) };
    if (body.startsWith("0x")) return { value: sign * parseInt(body.slice(2), 16) };
    if (body.length > 1 && body.startsWith("0")) return { value: sign * parseInt(body, 8) };
    return { value: sign * Number(body) };
  }
  if (pyyamlFloat.test(text)) {
    const t = text.replace(/_/g, "").toLowerCase();
    if (t.endsWith(".inf")) return { value: t.startsWith("-") ? -Infinity : Infinity };
    if (t.endsWith(".nan")) return { value: NaN };
    return { value: Number(t) };
  }
  return looksNumeric.test(text) ? { value: text, numberLikeString: true } : { value: text };
}

const tooDeepMessage = `Nested more than ${maxNesting} levels deep: this part is not read.`;

const yamlDocuments = new ParseMemo(parseYamlUncached);
const jsonDocuments = new ParseMemo(parseJsonUncached);

/**
 * Parses YAML the way PyYAML's `safe_load` types it; syntax errors become problems, never exceptions. One
 * parse per (file, text), shared by every reader that asks (treat the document as immutable).
 */
export function parseYamlConfig(file: string, text: string): ConfigDocument {
  return yamlDocuments.get(file, text);
}

/** Parses JSON (with comments and trailing commas); one parse per (file, text), shared like `parseYamlConfig`. */
export function parseJsonConfig(file: string, text: string): ConfigDocument {
  return jsonDocuments.get(file, text);
}

function parseYamlUncached(file: string, text: string): ConfigDocument {
  const lines = new LineIndex(file, text);
  const flow = limitNesting(text);
  const block = limitYamlIndentation(flow.text);
  const limited = { text: block.text, blanked: [...flow.blanked, ...block.blanked] };
  const doc = parseDocument(limited.text, { version: "1.1", keepSourceTokens: true, uniqueKeys: false, prettyErrors: false });
  const problems: Problem[] = doc.errors.slice(0, 5).map((e) => ({ severity: "error", code: "yaml-syntax", message: `YAML: ${e.message.split("\n")[0]}`, range: lines.range(e.pos[0], Math.max(e.pos[1], e.pos[0] + 1)) }));
  problems.push(...limited.blanked.slice(0, 1).map((span): Problem => ({ severity: "error", code: "nesting-too-deep", message: tooDeepMessage, range: lines.range(span.from, span.from + 1) })));
  const range = (n: { range?: [number, number, number] | null }): SourceRange => lines.range(n.range?.[0] ?? 0, n.range?.[1] ?? 0);
  // A collection as a key (PyYAML refuses it: unhashable) by its text; `toJSON` is exponential in its nesting.
  const complexKey = (n: YamlNode): string => (n.range ? text.slice(n.range[0], n.range[1]) : "");
  const convert = (node: unknown, depth: number): ConfigNode => {
    if (depth > 200) return { kind: "scalar", value: null, range: lines.range(0, 0) };
    if (isMap(node)) {
      const entries: ConfigEntry[] = [];
      for (const pair of node.items) {
        const keyNode = pair.key as YamlNode | null;
        // Plain keys by their text: the 1.1 schema of `yaml` would read a key `n` as false, PyYAML does not.
        const key = isScalar(keyNode) ? (keyNode.type === "PLAIN" && typeof keyNode.source === "string" ? keyNode.source : String(keyNode.value)) : keyNode ? complexKey(keyNode) : "";
        entries.push({ key, keyRange: keyNode ? range(keyNode) : range(node), value: pair.value == null ? { kind: "scalar", value: null, range: keyNode ? range(keyNode) : range(node) } : convert(pair.value, depth + 1) });
      }
      return { kind: "map", entries, range: range(node) };
    }
    if (isSeq(node)) return { kind: "seq", items: node.items.map((i) => convert(i, depth + 1)), range: range(node) };
    if (isScalar(node)) {
      if (node.type === "PLAIN" && typeof node.source === "string") return { kind: "scalar", ...resolvePlainScalar(node.source), range: range(node) };
      const v = node.value;
      return { kind: "scalar", value: typeof v === "number" || typeof v === "boolean" || typeof v === "string" ? v : v == null ? null : JSON.stringify(v), range: range(node) };
    }
    // Aliases and other nodes: their JSON value, at their place.
    const n = node as YamlNode & { toJSON?: () => unknown };
    return { kind: "scalar", value: null, range: range(n) };
  };
  return { file, root: doc.contents ? convert(doc.contents, 0) : undefined, problems };
}

/** JSON with comments and trailing commas, as DeepSpeed and HF configs are often written. */
function parseJsonUncached(file: string, text: string): ConfigDocument {
  const lines = new LineIndex(file, text);
  const errors: jsonc.ParseError[] = [];
  const limited = limitNesting(text);
  const tree = jsonc.parseTree(limited.text, errors, { allowTrailingComma: true, disallowComments: false });
  const problems: Problem[] = errors.slice(0, 5).map((e) => ({ severity: "error", code: "json-syntax", message: `JSON: ${jsonc.printParseErrorCode(e.error)}`, range: lines.range(e.offset, e.offset + Math.max(1, e.length)) }));
  problems.push(...limited.blanked.slice(0, 1).map((span): Problem => ({ severity: "error", code: "nesting-too-deep", message: tooDeepMessage, range: lines.range(span.from, span.from + 1) })));
  const range = (n: jsonc.Node): SourceRange => lines.range(n.offset, n.offset + n.length);
  const convert = (node: jsonc.Node, depth: number): ConfigNode => {
    if (depth > 200) return { kind: "scalar", value: null, range: range(node) };
    if (node.type === "object") {
      const entries: ConfigEntry[] = [];
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (!k) continue;
        entries.push({ key: String(k.value), keyRange: range(k), value: v ? convert(v, depth + 1) : { kind: "scalar", value: null, range: range(k) } });
      }
      return { kind: "map", entries, range: range(node) };
    }
    if (node.type === "array") return { kind: "seq", items: (node.children ?? []).map((c) => convert(c, depth + 1)), range: range(node) };
    const v: unknown = node.value;
    return { kind: "scalar", value: typeof v === "number" || typeof v === "boolean" || typeof v === "string" ? v : null, range: range(node) };
  };
  return { file, root: tree ? convert(tree, 0) : undefined, problems };
}

/** The entry of a map under `key`; the last one wins, as in both YAML loaders and JSON.parse. */
export function entry(node: ConfigNode | undefined, key: string): ConfigEntry | undefined {
  if (node?.kind !== "map") return undefined;
  for (let i = node.entries.length - 1; i >= 0; i--) if (node.entries[i]!.key === key) return node.entries[i];
  return undefined;
}

/** The node at a dotted path (`trainer.max_epochs`). */
export function at(node: ConfigNode | undefined, path: string): ConfigNode | undefined {
  let cur = node;
  for (const key of path.split(".")) cur = entry(cur, key)?.value;
  return cur;
}

/** Plain JavaScript value of a node (for small sub-trees such as `lr_scheduler_kwargs`). */
export function plain(node: ConfigNode | undefined): unknown {
  if (!node) return undefined;
  if (node.kind === "scalar") return node.value;
  if (node.kind === "seq") return node.items.map(plain);
  return Object.fromEntries(node.entries.map((e) => [e.key, plain(e.value)]));
}
