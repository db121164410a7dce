import { TreeFragment, type SyntaxNode, type Tree } from "@lezer/common";
import { parser } from "@lezer/python";
import type { SourceRange } from "../../core/range";
import { LineIndex } from "../lines";
import { ParseMemo } from "../memo";
import { limitNesting, type BlankedSpan } from "../nesting";

export type { SyntaxNode };

/** A parsed Python file: the lezer tree plus what turns its nodes into text and ranges. */
export class PythonFile {
  readonly tree: Tree;
  readonly lines: LineIndex;
  /** Bracket groups nested too deeply to read (CPython refuses them too); parsed as blanks, reported as errors. */
  private readonly tooDeep: readonly BlankedSpan[];
  /** The text the parser saw (`text` with too-deep groups blanked). */
  private readonly parsed: string;

  /**
   * `previous`: an earlier parse of the same file (the text before an edit). Lezer then parses incrementally,
   * reusing the nodes of the parts the edit left alone; the tree is the one a full parse gives (lezer only
   * reuses a node where the parse state, the context and the tokenizer's look-ahead say it would be built the
   * same way; test/parse/python/incremental.test.ts compares both on edited files).
   */
  constructor(
    readonly file: string,
    readonly text: string,
    previous?: PythonFile,
  ) {
    const limited = limitNesting(text);
    this.parsed = limited.text;
    this.tree = previous ? parser.parse(limited.text, previous.fragmentsFor(limited.text)) : parser.parse(limited.text);
    this.tooDeep = limited.blanked;
    this.lines = new LineIndex(file, text);
  }

  /** The parts of this tree that an edit into `text` left alone: the common prefix and suffix of both texts. */
  private fragmentsFor(text: string): readonly TreeFragment[] {
    const a = this.parsed;
    const shortest = Math.min(a.length, text.length);
    let start = 0;
    while (start < shortest && a.charCodeAt(start) === text.charCodeAt(start)) start++;
    let end = 0;
    while (end < shortest - start && a.charCodeAt(a.length - 1 - end) === text.charCodeAt(text.length - 1 - end)) end++;
    return TreeFragment.applyChanges(TreeFragment.addTree(this.tree), [{ fromA: start, toA: a.length - end, fromB: start, toB: text.length - end }]);
  }

  textOf(node: SyntaxNode): string {
    return this.text.slice(node.from, node.to);
  }

  rangeOf(node: SyntaxNode): SourceRange {
    return this.lines.range(node.from, node.to);
  }

  /** Syntax errors as ranges; lezer recovers, so the rest of the file is still read. */
  errors(): SourceRange[] {
    const out: SourceRange[] = this.tooDeep.map((span) => this.lines.range(span.from, span.from + 1));
    this.tree.iterate({
      enter: (n) => {
        // An error node is often empty; widen it to one character, but never past the end of the file.
        if (n.type.isError) {
          const to = Math.min(this.text.length, Math.max(n.to, n.from + 1));
          out.push(this.lines.range(Math.min(n.from, to), to));
        }
      },
    });
    return out;
  }
}

const pythonFiles = new ParseMemo<PythonFile>((file, text, previous) => new PythonFile(file, text, previous));

/**
 * The parse of `text` as the Python file `file`, shared: every reader and every loading round of the store
 * that looks at the same (file, text) gets the same `PythonFile` (treat it as immutable). After an edit, the
 * file's previous parse is reused incrementally.
 */
export function parsePython(file: string, text: string): PythonFile {
  return pythonFiles.get(file, text);
}

const punctuation = new Set(["(", ")", "[", "]", "{", "}", ",", ":", ".", ";", "Comment"]);

/** Children that carry meaning (no brackets, commas or comments). */
export function kids(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (!punctuation.has(c.name)) out.push(c);
  return out;
}

export interface CallArguments {
  readonly positional: SyntaxNode[];
  readonly keyword: Map<string, { name: SyntaxNode; value: SyntaxNode }>;
  /** `*args` / `**kwargs` were passed: the call's arguments cannot all be known. */
  readonly spread: boolean;
}

/** Splits an `ArgList` into positional and keyword arguments. */
export function callArguments(argList: SyntaxNode | null, file: PythonFile): CallArguments {
  const positional: SyntaxNode[] = [];
  const keyword = new Map<string, { name: SyntaxNode; value: SyntaxNode }>();
  let spread = false;
  if (!argList) return { positional, keyword, spread };
  const items = kids(argList);
  for (let i = 0; i < items.length; i++) {
    const n = items[i]!;
    const next = items[i + 1];
    if (n.name === "VariableName" && next?.name === "AssignOp") {
      const value = items[i + 2];
      if (value) keyword.set(file.textOf(n), { name: n, value });
      i += 2;
    } else if (n.name === "*" || n.name === "**") {
      spread = true;
      i += 1;
    } else {
      positional.push(n);
    }
  }
  return { positional, keyword, spread };
}

/** In `a < b < c` (parsed as `(a < b) < c`), the shared operand `b`; `null` for other expressions. */
export function chainedMiddle(node: SyntaxNode): SyntaxNode | null {
  const [left, op] = kids(node);
  if (op?.name !== "CompareOp" || left?.name !== "BinaryExpression") return null;
  const inner = kids(left);
  return inner[1]?.name === "CompareOp" ? (inner.at(-1) ?? null) : null;
}

/**
 * Names a module assigns at its top level (also inside top-level `if` / `for` / `while` / `with` / `try`), in
 * order, with the target node and its statement: what a config loader turns into the config's keys.
 */
export function moduleAssignments(file: PythonFile, body: SyntaxNode, add: (name: string, target: SyntaxNode, statement: SyntaxNode) => void): void {
  for (const stmt of kids(body)) {
    if (stmt.name === "AssignStatement") {
      const parts = kids(stmt);
      const last = parts.map((p) => p.name).lastIndexOf("AssignOp");
      for (const t of parts.slice(0, last)) {
        if (t.name === "VariableName") add(file.textOf(t), t, stmt);
        else if (t.name === "TupleExpression" || t.name === "ParenthesizedExpression") for (const x of kids(t)) if (x.name === "VariableName") add(file.textOf(x), x, stmt);
      }
    } else if (["IfStatement", "ForStatement", "WhileStatement", "WithStatement", "TryStatement"].includes(stmt.name)) {
      for (const b of stmt.getChildren("Body")) moduleAssignments(file, b, add);
    }
  }
}
