/**
 * Jupyter notebooks (`.ipynb`, nbformat 4) as one Python program: the code cells in order, with IPython's
 * own syntax (magics, shell escapes, help) turned into plain Python line for line, and a map from every
 * line of the program back to its cell. The Python readers then read the program like any script.
 */

/** A cell of a notebook, in the notebook's order (markdown and raw cells included, so indices match the editor's). */
export interface NotebookCell {
  readonly kind: "code" | "markdown" | "raw";
  readonly source: string;
  /** The cell's language when it says one (VS Code writes `metadata.vscode.languageId` when it differs from the notebook's). */
  readonly language?: string;
}

export interface Notebook {
  /** The notebook's language (`metadata.language_info.name`, else `metadata.kernelspec.language`), lower-cased. */
  readonly language?: string;
  readonly cells: readonly NotebookCell[];
}

/** Where a line of the program comes from: a cell index, the line in the cell, and the columns IPython's dedent removed. */
export interface ProgramLine {
  readonly cell: number;
  readonly line: number;
  readonly shift: number;
}

export interface NotebookProgram {
  /** The Python code cells joined with newlines, IPython syntax blanked. */
  readonly text: string;
  /** One entry per line of `text`. */
  readonly lines: readonly ProgramLine[];
  /** Every cell's lines, by cell index (empty for cells that are not in the program), to clamp ranges to a cell. */
  readonly cellLines: ReadonlyMap<number, readonly string[]>;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

/** nbformat's `multiline_string`: a string or a list of strings joined as they are. */
function multiline(x: unknown): string | undefined {
  if (typeof x === "string") return x;
  if (Array.isArray(x) && x.every((s) => typeof s === "string")) return x.join("");
  return undefined;
}

/**
 * Reads an nbformat 4 document (https://github.com/jupyter/nbformat, nbformat/v4/nbformat.v4.schema.json:
 * `cells[].cell_type`, `cells[].source` as a multiline string). A message instead when it is not one.
 */
export function parseIpynb(text: string): { readonly notebook: Notebook } | { readonly error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { error: `This notebook is not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!isRecord(json) || !Array.isArray(json.cells)) {
    const v3 = isRecord(json) && Array.isArray(json.worksheets);
    return { error: v3 ? "This notebook is in nbformat 3, which is not read; save it again with Jupyter or VS Code (nbformat 4)." : "This file is not a Jupyter notebook (no `cells` list)." };
  }
  const metadata = isRecord(json.metadata) ? json.metadata : {};
  const info = isRecord(metadata.language_info) ? metadata.language_info.name : undefined;
  const spec = isRecord(metadata.kernelspec) ? metadata.kernelspec.language : undefined;
  const language = typeof info === "string" ? info : typeof spec === "string" ? spec : undefined;
  const cells = json.cells.map((c): NotebookCell => {
    const cell = isRecord(c) ? c : {};
    const kind = cell.cell_type === "code" || cell.cell_type === "markdown" ? cell.cell_type : "raw";
    const vscodeMeta = isRecord(cell.metadata) && isRecord(cell.metadata.vscode) ? cell.metadata.vscode : {};
    const cellLanguage = typeof vscodeMeta.languageId === "string" ? vscodeMeta.languageId : undefined;
    return { kind, source: multiline(cell.source) ?? "", ...(cellLanguage ? { language: cellLanguage.toLowerCase() } : {}) };
  });
  return { notebook: { cells, ...(language ? { language: language.toLowerCase() } : {}) } };
}

/** Whether a notebook's code is Python (an R or Julia notebook is not read); a notebook that names no language is taken as Python, as Jupyter's default kernel. */
export function isPythonNotebook(notebook: Notebook): boolean {
  return notebook.language === undefined || notebook.language === "python" || notebook.language === "ipython" || notebook.language.startsWith("python");
}

/** Cell magics whose body IPython runs as Python in the user's namespace (ipython/ipython IPython/core/magics/execution.py: `time`, `capture`). */
const pythonBodyMagics = new Set(["time", "capture"]);

/**
 * One cell's lines as IPython hands them to Python, line for line (IPython/core/inputtransformer2.py in
 * ipython/ipython, `TransformerManager`): `leading_indent` (a first line's indentation removed from every
 * line that has it: `shift` per line), `cell_magic` (`%%name` on the first line makes the whole cell a call:
 * blanked, but for `%%time`/`%%capture`, whose body runs as Python, only the magic line is), and on each
 * logical line start `EscapedCommand` (`!`, `!!`, `?`, `??`, `%`, `,`, `;`, `/`: the line and its `\`
 * continuations become `pass`), `MagicAssign`/`SystemAssign` (`x = %magic ...`, `x = !cmd`: the right side
 * becomes an opaque call, `get_ipython()`) and `HelpEnd` (`obj?`: `pass`). Line counts never change.
 */
export function ipythonToPython(source: string): { readonly lines: string[]; readonly shifts: number[] } {
  let lines = source.split(/\r\n|\r|\n/);
  const shifts = lines.map(() => 0);
  // leading_empty_lines, then leading_indent.
  const first = lines.findIndex((l) => l.trim() !== "");
  if (first < 0) return { lines, shifts };
  const indent = /^[ \t]+/.exec(lines[first]!)?.[0];
  if (indent) {
    lines = lines.map((l, i) => {
      if (i < first || !l.startsWith(indent)) return l;
      shifts[i] = indent.length;
      return l.slice(indent.length);
    });
  }
  let from = 0;
  if (lines[first]!.startsWith("%%")) {
    const name = /^%%(\w*)/.exec(lines[first]!)![1]!;
    if (!pythonBodyMagics.has(name)) return { lines: lines.map(() => ""), shifts: shifts.map(() => 0) };
    lines[first] = "";
    from = first + 1;
  }
  transformEscapes(lines, from);
  return { lines, shifts };
}

const escapes = new Set(["!", "?", "%", ",", ";", "/"]);
const assignPrefix = new Set(["=", "!", "<", ">", "+", "-", "*", "/", "%", "&", "|", "^", "@", ":", "~"]);

/** The end of a `\`-continued line (IPython's `find_end_of_continued_line`). */
function endOfContinued(lines: readonly string[], start: number): number {
  let end = start;
  while (end < lines.length - 1 && lines[end]!.endsWith("\\")) end++;
  return end;
}

/**
 * A small Python scanner (strings, comments, brackets, `\` continuations) to find where logical lines start,
 * as IPython finds them with `tokenize`; IPython syntax is recognised only there, never inside a string.
 */
function transformEscapes(lines: string[], from: number): void {
  let depth = 0;
  let quote: { readonly char: string; readonly triple: boolean } | undefined;
  let continued = false;
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!;
    if (depth === 0 && quote === undefined && !continued) {
      const trimmed = line.trimStart();
      const lead = line.length - trimmed.length;
      if (escapes.has(trimmed.charAt(0))) {
        const end = endOfContinued(lines, i);
        lines[i] = `${line.slice(0, lead)}pass`;
        for (let j = i + 1; j <= end; j++) lines[j] = "";
        i = end;
        continue;
      }
    }
    const startsLogical = depth === 0 && quote === undefined && !continued;
    const lineDepth = depth;
    let comment = false;
    let assignSeen = false;
    let replaced = false;
    for (let c = 0; c < line.length; c++) {
      const ch = line[c]!;
      if (quote) {
        if (ch === "\\") c++;
        else if (ch === quote.char && (!quote.triple || line.startsWith(quote.char.repeat(3), c))) {
          if (quote.triple) c += 2;
          quote = undefined;
        }
        continue;
      }
      if (ch === "#") {
        comment = true;
        break;
      }
      if (ch === "'" || ch === '"') {
        const triple = line.startsWith(ch.repeat(3), c);
        quote = { char: ch, triple };
        if (triple) c += 2;
      } else if (ch === "(" || ch === "[" || ch === "{") depth++;
      else if (ch === ")" || ch === "]" || ch === "}") depth = Math.max(0, depth - 1);
      else if (startsLogical && !assignSeen && ch === "=" && depth === lineDepth && !assignPrefix.has(line[c - 1] ?? "") && line[c + 1] !== "=") {
        // IPython's `_find_assign_op`: the first `=` outside brackets.
        assignSeen = true;
        const value = line.slice(c + 1).trimStart();
        if (/^%[A-Za-z_]/.test(value) || value.startsWith("!")) {
          // MagicAssign / SystemAssign: the value is a magic's or a shell's output, opaque.
          const end = endOfContinued(lines, i);
          lines[i] = `${line.slice(0, c + 1)} get_ipython()`;
          for (let j = i + 1; j <= end; j++) lines[j] = "";
          i = end;
          depth = 0;
          replaced = true;
          break;
        }
      }
    }
    if (replaced) {
      quote = undefined;
      continued = false;
      continue;
    }
    // A single-quoted string ends with its line unless the line is continued.
    const endsWithBackslash = !comment && line.endsWith("\\");
    if (quote && !quote.triple && !endsWithBackslash) quote = undefined;
    continued = endsWithBackslash && quote === undefined;
    // HelpEnd: a one-line logical line ending in `?` (outside strings and comments).
    if (startsLogical && depth === 0 && quote === undefined && !continued) {
      const code = comment ? line.slice(0, line.indexOf("#")) : line;
      if (code.trimEnd().endsWith("?")) lines[i] = `${line.slice(0, line.length - line.trimStart().length)}pass`;
    }
  }
}

/**
 * The Python code cells of a notebook joined in order (cells of another language are left out), one line of
 * `text` per cell line, with the map back to the cells.
 */
export function notebookProgram(notebook: Notebook): NotebookProgram {
  const out: string[] = [];
  const lines: ProgramLine[] = [];
  const cellLines = new Map<number, readonly string[]>();
  notebook.cells.forEach((cell, index) => {
    if (cell.kind !== "code" || (cell.language !== undefined && cell.language !== "python")) return;
    const converted = ipythonToPython(cell.source);
    cellLines.set(index, cell.source.split(/\r\n|\r|\n/));
    converted.lines.forEach((text, line) => {
      out.push(text);
      lines.push({ cell: index, line, shift: converted.shifts[line] ?? 0 });
    });
  });
  return { text: out.join("\n"), lines, cellLines };
}
