import type { SourceRange } from "../core/range";
import { LineIndex } from "./lines";

/**
 * The argument lists of a launch script as bash builds them, shared by the Megatron-LM, fairseq and launch-line
 * readers (src/dialects/launch also feeds it Makefile recipes): unlike timm's one-line commands
 * (src/dialects/timm/shell.ts), these collect flags in variables and arrays
 * (`GPT_ARGS=(--lr 1e-4 ...)`, `OPTS="--lr 1e-4 ..."`) and expand them in the launch line
 * (`torchrun ${DIST[@]} pretrain_gpt.py ${GPT_ARGS[@]} $OPTS`), so this reader keeps arrays and splits
 * unquoted expansions into words as bash does. It never runs anything: command substitutions, positional
 * parameters and unset variables make a word `dynamic`.
 */
export interface ArgWord {
  readonly text: string;
  /** Where the word is written (for a word from a variable, where the variable's value is written). */
  readonly range: SourceRange;
  readonly dynamic?: string;
}

export interface LaunchCommand {
  readonly words: readonly ArgWord[];
  readonly range: SourceRange;
}

interface Piece {
  /** Text with `MARK` where an expansion the script cannot say stood. */
  text: string;
  quoted: boolean;
  dynamic?: string;
  /** Words an unquoted array expansion or split contributes (each a separate word). */
  split?: ArgWord[];
}

/** Stands in a word's text for an unknown expansion, so a split value knows which of its words are dynamic. */
export const MARK = "\u0000";

/** A shell variable: a scalar (its value may hold MARKs for unknown parts) or an array. */
export type ShellVar = { readonly kind: "scalar"; readonly value: string; readonly range: SourceRange; readonly dynamic?: string } | { readonly kind: "array"; readonly items: readonly ArgWord[] };

type Var = ShellVar;

const separators = new Set(["\n", ";", "&", "|"]);

export interface ShellOptions {
  /** Variables set before the script starts (a Makefile's variables for its recipe lines). */
  readonly vars?: ReadonlyMap<string, ShellVar>;
  /** Where offsets of `text` are in the file, when `text` is made from it (Makefile recipes); default: `text` is the file. */
  readonly rangeOf?: (from: number, to: number) => SourceRange;
}

export function parseLaunchScript(file: string, text: string, options: ShellOptions = {}): LaunchCommand[] {
  const index = options.rangeOf ? undefined : new LineIndex(file, text);
  const lines = { range: options.rangeOf ?? ((from: number, to: number): SourceRange => index!.range(from, to)) };
  const vars = new Map<string, Var>(options.vars ?? []);
  const commands: LaunchCommand[] = [];
  const n = text.length;
  let i = 0;

  const skipBlanks = (newlines: boolean): void => {
    while (i < n) {
      const c = text[i]!;
      if (c === " " || c === "\t" || c === "\r") i++;
      else if (c === "\\" && text[i + 1] === "\n") i += 2;
      else if (c === "\\" && text[i + 1] === "\r" && text[i + 2] === "\n") i += 3;
      else if (newlines && c === "\n") i++;
      else if (c === "#") while (i < n && text[i] !== "\n") i++;
      else break;
    }
  };

  const expandVar = (name: string, index: string | undefined, fallback: string | undefined, quoted: boolean, from: number, to: number): Piece => {
    const range = lines.range(from, to);
    if (/^\d+$|^[@*#?$!]$/.test(name)) return { text: MARK, quoted, dynamic: `$${name} is an argument of the script` };
    const v = vars.get(name);
    if (!v) return fallback !== undefined ? { text: fallback, quoted } : { text: MARK, quoted, dynamic: `$${name} is not set in this script` };
    if (v.kind === "array") {
      if (index === "@" || index === "*") return quoted && index === "*" ? { text: v.items.map((w) => w.text).join(" "), quoted } : { text: "", quoted, split: v.items.map((w) => (w.dynamic ? { ...w, text: w.text + MARK } : w)) };
      if (index !== undefined && /^\d+$/.test(index)) {
        const item = v.items[Number(index)];
        return item ? { text: item.text, quoted } : { text: "", quoted };
      }
      const first = v.items[0];
      return first ? { text: first.text, quoted } : { text: "", quoted };
    }
    if (!quoted) {
      const parts = v.value.split(/\s+/).filter((p) => p.length > 0);
      return { text: "", quoted, split: parts.map((p) => ({ text: p, range: v.range })), ...(v.dynamic ? { dynamic: v.dynamic } : {}) };
    }
    void range;
    return { text: v.value, quoted, ...(v.dynamic ? { dynamic: v.dynamic } : {}) };
  };

  /** A `$...` expansion at i (text[i] === "$"). */
  const dollar = (quoted: boolean): Piece => {
    const from = i;
    const next = text[i + 1];
    if (next === "(" && text[i + 2] === "(") {
      const close = text.indexOf("))", i + 3);
      const expr = text.slice(i + 3, close < 0 ? n : close);
      i = close < 0 ? n : close + 2;
      const value = arithmetic(expr, vars);
      return value === undefined ? { text: MARK, quoted, dynamic: `$((${expr})) cannot be computed here` } : { text: String(value), quoted };
    }
    if (next === "(") {
      let depth = 0;
      for (; i < n; i++) {
        if (text[i] === "(") depth++;
        else if (text[i] === ")" && --depth === 0) break;
      }
      i++;
      return { text: MARK, quoted, dynamic: `${text.slice(from, i)} runs a command` };
    }
    if (next === "{") {
      const close = text.indexOf("}", i);
      const body = text.slice(i + 2, close < 0 ? n : close);
      i = close < 0 ? n : close + 1;
      const m = /^([A-Za-z_][A-Za-z0-9_]*|\d+|[@*#?$!])(?:\[([^\]]*)\])?(?:(:?[-=])(.*))?$/.exec(body);
      if (!m) return { text: MARK, quoted, dynamic: `\${${body}} cannot be read` };
      return expandVar(m[1]!, m[2], m[3] ? m[4] : undefined, quoted, from, i);
    }
    const m = /^(?:[A-Za-z_][A-Za-z0-9_]*|\d|[@*#?$!])/.exec(text.slice(i + 1, i + 64));
    if (!m) {
      i++;
      return { text: "$", quoted };
    }
    i += 1 + m[0].length;
    return expandVar(m[0], undefined, undefined, quoted, from, i);
  };

  /** One shell word at i: pieces joined; unquoted expansions may split it into several words. */
  const word = (raw = false): ArgWord[] => {
    const from = i;
    const out: ArgWord[] = [];
    let current = "";
    let started = false;
    // The reason of the last unknown expansion, for the words that contain its mark.
    let reason: string | undefined;
    const finish = (t: string, range: SourceRange): ArgWord => (raw ? { text: t, range } : t.includes(MARK) ? { text: t.split(MARK).join(""), range, dynamic: reason ?? "an expansion the script cannot say" } : { text: t, range });
    const push = (p: Piece): void => {
      if (p.dynamic) reason = p.dynamic;
      if (p.split) {
        const items = p.split;
        items.forEach((w, k) => {
          if (w.dynamic) reason = w.dynamic;
          if (k === 0) {
            current += w.text;
            if (items.length > 1) {
              out.push(finish(current, w.range));
              current = "";
            }
          } else if (k === items.length - 1) current = w.text;
          else out.push(finish(w.text, w.range));
        });
        started = started || items.length > 0;
        return;
      }
      current += p.text;
      started = true;
    };
    while (i < n) {
      const c = text[i]!;
      if (c === " " || c === "\t" || c === "\r" || separators.has(c) || c === ")" || c === "(" || c === "<" || c === ">") break;
      if (c === "\\") {
        if (text[i + 1] === "\n") break;
        current += text[i + 1] ?? "";
        started = true;
        i += 2;
      } else if (c === "'") {
        const close = text.indexOf("'", i + 1);
        current += text.slice(i + 1, close < 0 ? n : close);
        started = true;
        i = close < 0 ? n : close + 1;
      } else if (c === '"') {
        i++;
        started = true;
        while (i < n && text[i] !== '"') {
          if (text[i] === "\\" && i + 1 < n) {
            current += text[i + 1];
            i += 2;
          } else if (text[i] === "$") push(dollar(true));
          else if (text[i] === "`") {
            const close = text.indexOf("`", i + 1);
            i = close < 0 ? n : close + 1;
            reason = "a command substitution";
            current += MARK;
          } else current += text[i++];
        }
        i++;
      } else if (c === "$") push(dollar(false));
      else if (c === "`") {
        const close = text.indexOf("`", i + 1);
        i = close < 0 ? n : close + 1;
        reason = "a command substitution";
        current += MARK;
        started = true;
      } else {
        current += c;
        started = true;
        i++;
      }
    }
    if (started && (current.length > 0 || out.length === 0)) out.push(finish(current, lines.range(from, i)));
    return out.filter((w) => w.text.length > 0 || w.dynamic !== undefined);
  };

  while (i < n) {
    skipBlanks(true);
    if (i >= n) break;
    const start = i;
    const words: ArgWord[] = [];
    let assignedOnly = true;
    while (i < n) {
      skipBlanks(false);
      const c = text[i];
      if (c === undefined || separators.has(c)) {
        i++;
        break;
      }
      if (c === "(" || c === ")") {
        i++;
        continue;
      }
      if (c === "<" || c === ">") {
        // A redirection: drop it and its target.
        while (text[i] === "<" || text[i] === ">" || text[i] === "&") i++;
        skipBlanks(false);
        word();
        continue;
      }
      // `NAME=value` / `NAME=(...)` before the command (or alone, or after export/declare/local).
      const assign = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/.exec(text.slice(i, i + 80));
      const prefixOk = words.length === 0 || (words.length === 1 && /^(export|declare|local|readonly|typeset)$/.test(words[0]!.text)) || (words.length > 1 && /^(export|declare|local|readonly|typeset)$/.test(words[0]!.text) && words.slice(1).every((w) => w.text.startsWith("-")));
      if (assign && prefixOk && assignedOnly) {
        const name = assign[1]!;
        const append = assign[2] === "+";
        i += assign[0].length;
        if (text[i] === "(") {
          i++;
          const items: ArgWord[] = [];
          for (;;) {
            skipBlanks(true);
            if (i >= n || text[i] === ")") break;
            items.push(...word());
            if (i < n && text[i] !== ")" && !/\s/.test(text[i]!) && text[i] !== "#") i++;
          }
          i++;
          const before = vars.get(name);
          vars.set(name, { kind: "array", items: append && before?.kind === "array" ? [...before.items, ...items] : items });
        } else {
          const from = i;
          // Keep the marks of unknown parts, so a later split knows which of its words they are.
          const ws = word(true);
          const value = ws.map((w) => w.text).join(" ");
          const dynamic = value.includes(MARK) ? "an expansion the script cannot say" : undefined;
          const before = vars.get(name);
          const joined = append && before?.kind === "scalar" ? before.value + value : value;
          if (append && before?.kind === "array") vars.set(name, { kind: "array", items: [...before.items, ...ws] });
          else vars.set(name, { kind: "scalar", value: joined, range: lines.range(from, i), ...(dynamic ? { dynamic } : {}) });
        }
        continue;
      }
      if (words.length > 0 && !/^(export|declare|local|readonly|typeset)$/.test(words[0]!.text)) assignedOnly = false;
      words.push(...word());
      if (words.length > 0 && !/^(export|declare|local|readonly|typeset)$/.test(words[0]!.text)) assignedOnly = false;
    }
    const body = words.filter((w, k) => !(k === 0 && /^(export|declare|local|readonly|typeset|then|do|else|time|nohup|exec)$/.test(w.text)));
    if (body.length > 0 && !/^(export|declare|local|readonly|typeset)$/.test(words[0]!.text)) commands.push({ words: body, range: lines.range(start, Math.max(start, i - 1)) });
  }
  return commands;
}

/** `$((...))` on integers the script sets. */
function arithmetic(expr: string, vars: ReadonlyMap<string, Var>): number | undefined {
  const replaced = expr.replace(/\$?\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, name: string) => {
    const v = vars.get(name);
    return v?.kind === "scalar" && /^-?\d+$/.test(v.value.trim()) ? `(${v.value.trim()})` : "NaN";
  });
  if (!/^[\d\s+\-*/%()NaN]*$/.test(replaced)) return undefined;
  const tokens = replaced.match(/\d+|NaN|[-+*/%()]/g) ?? [];
  let k = 0;
  const primary = (): number => {
    const t = tokens[k++];
    if (t === "(") {
      const v = sum();
      k++;
      return v;
    }
    if (t === "-") return -primary();
    if (t === "+") return primary();
    return t === undefined ? NaN : Number(t);
  };
  const product = (): number => {
    let v = primary();
    while (tokens[k] === "*" || tokens[k] === "/" || tokens[k] === "%") {
      const op = tokens[k++];
      const r = primary();
      v = op === "*" ? v * r : op === "/" ? Math.trunc(v / r) : v % r;
    }
    return v;
  };
  function sum(): number {
    let v = product();
    while (tokens[k] === "+" || tokens[k] === "-") {
      const op = tokens[k++];
      const r = product();
      v = op === "+" ? v + r : v - r;
    }
    return v;
  }
  const value = sum();
  return Number.isFinite(value) ? value : undefined;
}
