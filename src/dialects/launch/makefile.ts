import type { SourceRange } from "../../core/range";
import { LineIndex } from "../../parse/lines";
import { MARK, type ShellOptions, type ShellVar } from "../../parse/shell";

/**
 * A Makefile's recipe lines as the shell text make hands to `/bin/sh`, with every character mapped back to
 * where it is written, so the shell reader's ranges land in the Makefile. Follows GNU make's rules
 * (https://www.gnu.org/software/make/manual/make.html, "Writing Recipes", "How to Use Variables"):
 * - a recipe line starts with a tab and belongs to the rule above it; `@`, `-`, `+` prefixes are make's own;
 * - a backslash-newline continues a recipe line (make keeps both characters and the shell removes them) and a
 *   variable definition (joined with one space);
 * - `$(VAR)` / `${VAR}` / `$X` are make's variables, expanded before the shell runs: `=` is recursive (expanded
 *   when used), `:=`/`::=` simple (expanded where defined), `?=` only if not yet defined, `+=` appends;
 *   `$$` is a literal `$` for the shell;
 * - a variable the Makefile does not define comes from make's command line or the environment: unknown here
 *   (the word is dynamic, never a guess), as are `$(shell ...)`, other functions and automatic variables.
 * Each recipe line runs in its own shell (no `.ONESHELL`), so it becomes its own line of the shell text.
 */
export interface MakefileShell {
  readonly text: string;
  readonly options: Required<Pick<ShellOptions, "rangeOf" | "vars">>;
}

interface Definition {
  readonly name: string;
  readonly op: string;
  /** The value as written, and the offset of each of its characters in the Makefile. */
  readonly value: string;
  readonly offsets: readonly number[];
  /** Why its value cannot be read (`!=` runs a command). */
  readonly unknown?: string;
}

/** Text being built, with the Makefile offset of each character and of the reference it came from. */
class Built {
  text = "";
  /** Characters written by every expansion of one Makefile (shared): `A := $(B) $(B)` lines double it each. */
  constructor(private readonly written: { n: number }) {}
  readonly origin: number[] = [];
  readonly anchorFrom: number[] = [];
  readonly anchorTo: number[] = [];

  push(ch: string, origin: number, anchorFrom: number, anchorTo: number): void {
    this.text += ch;
    this.written.n++;
    this.origin.push(origin);
    this.anchorFrom.push(anchorFrom);
    this.anchorTo.push(anchorTo);
  }
}

const maxDepth = 16;
/** Expansions stop here: a few lines that each double a variable would otherwise hold the host for minutes. */
const maxExpandedChars = 1_000_000;

export function makefileShell(file: string, source: string): MakefileShell {
  const lines = new LineIndex(file, source);
  const defs = new Map<string, Definition>();
  const vars = new Map<string, ShellVar>();
  const written = { n: 0 };
  const out = new Built(written);
  let unknownCount = 0;

  // Logical lines: [start offset, text, offsets of its characters].
  type Logical = { text: string; offsets: number[]; recipe: boolean };
  const logical: Logical[] = [];
  {
    let i = 0;
    const n = source.length;
    while (i < n) {
      const recipe = source[i] === "\t";
      let text = "";
      const offsets: number[] = [];
      while (i < n && source[i] !== "\n") {
        if (source[i] === "\\" && (source[i + 1] === "\n" || (source[i + 1] === "\r" && source[i + 2] === "\n"))) {
          // A recipe keeps the backslash-newline (the shell removes it); a definition joins with one space.
          const nl = source[i + 1] === "\r" ? i + 2 : i + 1;
          if (recipe) {
            text += "\\\n";
            offsets.push(i, nl);
            i = nl + 1;
            // make removes the tab that starts the continued recipe line.
            if (source[i] === "\t") i++;
          } else {
            text += " ";
            offsets.push(i);
            i = nl + 1;
            while (source[i] === " " || source[i] === "\t") i++;
          }
          continue;
        }
        text += source[i];
        offsets.push(i);
        i++;
      }
      logical.push({ text, offsets, recipe });
      i++;
    }
  }

  const unknownVar = (reason: string, from: number, to: number): string => {
    const name = `__lrscope_make_${unknownCount++}`;
    vars.set(name, { kind: "scalar", value: MARK, range: lines.range(from, to), dynamic: reason });
    return name;
  };

  /**
   * Expands make references in `text` (characters at `offsets`) into `into`. `anchor` is the reference in the
   * recipe that this text stands for (the whole `$(ARGS)` when expanding ARGS's value).
   */
  const expand = (text: string, offsets: readonly number[], into: Built, anchor: [number, number] | undefined, depth: number, seen: ReadonlySet<string>): void => {
    for (let k = 0; k < text.length; k++) {
      const c = text[k]!;
      const at = offsets[k]!;
      if (c !== "$") {
        into.push(c, at, anchor?.[0] ?? at, anchor?.[1] ?? at + 1);
        continue;
      }
      const next = text[k + 1];
      if (next === "$") {
        // `$$` is a `$` for the shell.
        into.push("$", offsets[k + 1]!, anchor?.[0] ?? at, anchor?.[1] ?? offsets[k + 1]! + 1);
        k++;
        continue;
      }
      let name: string;
      let end: number;
      if (next === "(" || next === "{") {
        const close = next === "(" ? ")" : "}";
        let depthParens = 0;
        end = -1;
        for (let j = k + 1; j < text.length; j++) {
          if (text[j] === next) depthParens++;
          else if (text[j] === close && --depthParens === 0) {
            end = j;
            break;
          }
        }
        if (end < 0) end = text.length - 1;
        name = text.slice(k + 2, end);
      } else if (next !== undefined) {
        name = next;
        end = k + 1;
      } else {
        into.push(c, at, anchor?.[0] ?? at, anchor?.[1] ?? at + 1);
        continue;
      }
      const from = at;
      const to = (offsets[end] ?? at) + 1;
      const refAnchor: [number, number] = anchor ?? [from, to];
      const def = /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name) ? defs.get(name) : undefined;
      const reference = `$${next === "(" || next === "{" ? next + name + (next === "(" ? ")" : "}") : name}`;
      let reason: string | undefined;
      if (def?.unknown) reason = def.unknown;
      else if (def && seen.has(name)) reason = `${reference} refers to itself`;
      else if (def && depth >= maxDepth) reason = `${reference} nests too deep`;
      else if (def && written.n + def.value.length > maxExpandedChars) reason = `${reference} expands to more than ${maxExpandedChars.toLocaleString("en-US")} characters`;
      else if (!def) {
        reason = /\s|,/.test(name) ? `${reference} is a make function, evaluated when make runs` : /^[@<^*?%+|]$|^[@<^*?][DF]$/.test(name) ? `${reference} is an automatic variable of make` : `${reference} is not defined in this Makefile (make takes it from its command line or the environment)`;
      }
      if (reason !== undefined) {
        const ref = "${" + unknownVar(reason, refAnchor[0], refAnchor[1]) + "}";
        for (const ch of ref) into.push(ch, from, refAnchor[0], refAnchor[1]);
      } else if (def) {
        expand(def.value, def.offsets, into, refAnchor, depth + 1, new Set([...seen, name]));
      }
      k = end;
    }
  };

  let inRule = false;
  for (const line of logical) {
    if (line.recipe && inRule) {
      // Strip make's prefixes `@` (silent), `-` (ignore errors), `+` (always run) after the tab.
      let k = 1;
      while (k < line.text.length && /[@\-+ \t]/.test(line.text[k]!)) k++;
      expand(line.text.slice(k), line.offsets.slice(k), out, undefined, 0, new Set());
      out.push("\n", line.offsets.at(-1) ?? 0, line.offsets.at(-1) ?? 0, line.offsets.at(-1) ?? 0);
      continue;
    }
    const trimmed = line.text.trimStart();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const def = /^(?:(?:export|override|private)\s+)*([A-Za-z_][A-Za-z0-9_.-]*)\s*(::=|:::=|:=|\?=|\+=|!=|=)/.exec(trimmed);
    if (def) {
      inRule = false;
      const lead = line.text.length - trimmed.length + def[0].length;
      let value = line.text.slice(lead);
      let offsets = line.offsets.slice(lead);
      // Comments end a definition; leading blanks are dropped, trailing ones do not matter to the shell.
      const hash = value.search(/(?<!\\)#/);
      if (hash >= 0) {
        value = value.slice(0, hash);
        offsets = offsets.slice(0, hash);
      }
      const skip = value.length - value.trimStart().length;
      value = value.slice(skip).trimEnd();
      offsets = offsets.slice(skip, skip + value.length);
      const name = def[1]!;
      const op = def[2]!;
      const before = defs.get(name);
      if (op === "?=" && before) continue;
      if (op === "!=") {
        defs.set(name, { name, op, value, offsets, unknown: `${name} != ${value}: make runs a shell command for it` });
        continue;
      }
      if (op === ":=" || op === "::=" || op === ":::=") {
        // Simple: expanded now.
        const b = new Built(written);
        expand(value, offsets, b, undefined, 0, new Set([name]));
        defs.set(name, { name, op, value: b.text.replace(/\$/g, "$$$$"), offsets: b.origin.flatMap((o, i) => (b.text[i] === "$" ? [o, o] : [o])) });
        continue;
      }
      if (op === "+=" && before) {
        defs.set(name, { name, op: before.op, value: `${before.value} ${value}`, offsets: [...before.offsets, offsets[0] ?? 0, ...offsets] });
        continue;
      }
      defs.set(name, { name, op, value, offsets });
      continue;
    }
    // A rule: `targets: prerequisites` (not a definition); its recipe follows, or comes after `;` on the line.
    if (/^[^\t=#]*?:(?!=)/.test(line.text) && !line.recipe) {
      inRule = true;
      const semi = line.text.indexOf(";");
      if (semi >= 0) {
        const k = semi + 1;
        expand(line.text.slice(k), line.offsets.slice(k), out, undefined, 0, new Set());
        out.push("\n", line.offsets.at(-1) ?? 0, line.offsets.at(-1) ?? 0, line.offsets.at(-1) ?? 0);
      }
      continue;
    }
    if (!line.recipe) inRule = false;
  }

  const { text, origin, anchorFrom, anchorTo } = out;
  const rangeOf = (from: number, to: number): SourceRange => {
    if (text.length === 0) return lines.range(0, 0);
    const a = Math.min(Math.max(from, 0), text.length - 1);
    const b = Math.min(Math.max(to, a + 1), text.length);
    // Characters written side by side in the Makefile: their own range; else the reference they came from.
    let contiguous = true;
    for (let k = a + 1; k < b; k++) if (origin[k] !== origin[k - 1]! + 1 && !(text[k - 1] === "\\" && text[k] === "\n")) contiguous = false;
    if (contiguous && origin[b - 1]! >= origin[a]!) return lines.range(origin[a]!, origin[b - 1]! + 1);
    // A loop, not Math.min(...slice): a long range would overflow the argument stack.
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = a; k < b; k++) {
      lo = Math.min(lo, anchorFrom[k]!);
      hi = Math.max(hi, anchorTo[k]!);
    }
    return lines.range(lo, hi);
  };
  return { text, options: { rangeOf, vars } };
}

/** Whether a file name is a Makefile (`Makefile`, `makefile`, `GNUmakefile`, `*.mk`). */
export function isMakefileName(fileName: string): boolean {
  const base = fileName.slice(fileName.lastIndexOf("/") + 1);
  return base === "Makefile" || base === "makefile" || base === "GNUmakefile" || /\.mk$/.test(base);
}
