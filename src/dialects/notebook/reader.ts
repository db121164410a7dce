import type { Problem } from "../../core/problem";
import type { SourceRange } from "../../core/range";
import type { ScheduleDescription } from "../../core/schedule";
import { isPythonNotebook, notebookProgram, parseIpynb, type Notebook, type NotebookProgram } from "../../parse/notebook";

/** What the Python readers return for the notebook's program (`readSchedules` on a `.py` name). */
export interface ProgramResult {
  readonly schedules: readonly ScheduleDescription[];
  readonly problems: readonly Problem[];
  readonly dialects: readonly string[];
}

/** The name the Python readers see for a notebook's program: a `.py` beside the notebook, so relative paths resolve the same. */
export function programName(fileName: string): string {
  return `${fileName}.py`;
}

/**
 * Reads a Jupyter notebook: its Python code cells in order as one program (src/parse/notebook.ts), read by
 * `readPython` (the Python readers), with every range in the program mapped back to its cell (`cell`, and
 * the cell's own lines and columns) in `fileName`. An R or Julia notebook has no schedules; a file that is
 * not a notebook is one problem.
 */
export function readNotebook(fileName: string, text: string, readPython: (name: string, program: string) => ProgramResult): ProgramResult {
  const parsed = parseIpynb(text);
  if ("error" in parsed) return { schedules: [], problems: [{ severity: "error", code: "notebook-unreadable", message: parsed.error }], dialects: [] };
  return readNotebookCells(fileName, parsed.notebook, readPython);
}

/** `readNotebook` on cells already parsed (the extension's open notebook documents, unsaved edits included). */
export function readNotebookCells(fileName: string, notebook: Notebook, readPython: (name: string, program: string) => ProgramResult): ProgramResult {
  if (!isPythonNotebook(notebook)) return { schedules: [], problems: [], dialects: [] };
  const program = notebookProgram(notebook);
  if (program.lines.length === 0) return { schedules: [], problems: [], dialects: [] };
  const virtual = programName(fileName);
  const result = readPython(virtual, program.text);
  const map = rangeMapper(fileName, virtual, program);
  return { schedules: result.schedules.map((s) => map(s)), problems: result.problems.map((p) => map(p)), dialects: result.dialects };
}

const isRange = (x: object): x is SourceRange => typeof (x as SourceRange).file === "string" && typeof (x as SourceRange).startLine === "number" && typeof (x as SourceRange).endColumn === "number";

/**
 * A deep copy of a reader's output with every range in the program moved to its cell. Descriptions are plain
 * data (objects, arrays, typed arrays); anything else (a function a reader keeps) is shared as it is.
 */
function rangeMapper(fileName: string, virtual: string, program: NotebookProgram): <T>(x: T) => T {
  const last = program.lines.length - 1;
  const toCell = (r: SourceRange): SourceRange => {
    const a = program.lines[Math.min(Math.max(0, r.startLine), last)]!;
    const b = program.lines[Math.min(Math.max(0, r.endLine), last)]!;
    const start = { cell: a.cell, startLine: a.line, startColumn: r.startColumn + a.shift };
    if (b.cell === a.cell) return { file: fileName, ...start, endLine: b.line, endColumn: r.endColumn + b.shift };
    // A range across cells (a cell left a bracket open) ends with the cell it starts in.
    const lines = program.cellLines.get(a.cell) ?? [""];
    return { file: fileName, ...start, endLine: lines.length - 1, endColumn: lines[lines.length - 1]!.length };
  };
  const seen = new Map<object, unknown>();
  const visit = (x: unknown): unknown => {
    if (typeof x !== "object" || x === null || ArrayBuffer.isView(x)) return x;
    const done = seen.get(x);
    if (done !== undefined) return done;
    if (Array.isArray(x)) {
      const out: unknown[] = [];
      seen.set(x, out);
      for (const item of x) out.push(visit(item));
      return out;
    }
    const proto = Object.getPrototypeOf(x) as unknown;
    if (proto !== Object.prototype && proto !== null) return x;
    if (isRange(x) && x.file === virtual) {
      const mapped = { ...x, ...toCell(x) };
      seen.set(x, mapped);
      return mapped;
    }
    const out: Record<string, unknown> = {};
    seen.set(x, out);
    for (const [key, value] of Object.entries(x)) out[key] = visit(value);
    return out;
  };
  return <T>(x: T) => visit(x) as T;
}
