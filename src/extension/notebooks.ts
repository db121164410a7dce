import * as vscode from "vscode";
import type { SourceRange } from "../core/range";
import { parseIpynb } from "../parse/notebook";

/**
 * Jupyter notebooks in VS Code: each cell is a text document of scheme `vscode-notebook-cell` whose path is
 * the notebook's; the notebook (`vscode.NotebookDocument`) holds the cells in order. The store reads the whole
 * notebook from its open cells (unsaved edits included) as the `.ipynb` reader reads the file, and the
 * providers keep the ranges of the cell they are asked about (`SourceRange.cell` is `NotebookCell.index`).
 */
export const notebookCellScheme = "vscode-notebook-cell";

/** The notebook cell a text document is, if it is one of an open notebook. */
export function cellOf(document: vscode.TextDocument): vscode.NotebookCell | undefined {
  if (document.uri.scheme !== notebookCellScheme) return undefined;
  for (const notebook of vscode.workspace.notebookDocuments) {
    if (notebook.uri.path !== document.uri.path) continue;
    const cell = notebook.getCells().find((c) => c.document === document || c.document.uri.toString() === document.uri.toString());
    if (cell) return cell;
  }
  return undefined;
}

/** The open notebook a document belongs to: a cell's notebook, or the notebook open on an `.ipynb` opened as text. */
export function notebookOf(document: vscode.TextDocument): vscode.NotebookDocument | undefined {
  const cell = cellOf(document);
  if (cell) return cell.notebook;
  if (!document.uri.path.endsWith(".ipynb")) return undefined;
  return vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === document.uri.toString());
}

/** The notebook's own URI for one of its cells' URIs (per-file inputs belong to the notebook); other URIs as they are. */
export function notebookFileUri(uri: vscode.Uri): vscode.Uri {
  if (uri.scheme !== notebookCellScheme) return uri;
  return vscode.workspace.notebookDocuments.find((n) => n.uri.path === uri.path && n.getCells().some((c) => c.document.uri.toString() === uri.toString()))?.uri ?? uri;
}

/** Whether a range is in this document: the same file, and the same cell when the document is a notebook cell. */
export function inDocument(range: SourceRange, document: vscode.TextDocument): boolean {
  return range.file === document.uri.path && range.cell === cellOf(document)?.index;
}

/**
 * The notebook as nbformat 4 JSON, from its cells as they are in the editor (what the `.ipynb` reader
 * takes): every cell in order so indices match, code cells of another language marked with their
 * `metadata.vscode.languageId` (as VS Code's ipynb serializer writes it) so the reader leaves them out.
 */
export function notebookSource(notebook: vscode.NotebookDocument): string {
  const cells = notebook.getCells().map((cell) => {
    const source = cell.document.getText();
    if (cell.kind === vscode.NotebookCellKind.Markup) return { cell_type: "markdown", metadata: {}, source };
    const language = cell.document.languageId;
    return { cell_type: "code", metadata: language === "python" ? {} : { vscode: { languageId: language } }, source };
  });
  return JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 });
}

/** The code cells' text, for `# lrscope:` comments. */
export function notebookText(notebook: vscode.NotebookDocument): string {
  return notebook
    .getCells()
    .filter((c) => c.kind === vscode.NotebookCellKind.Code)
    .map((c) => c.document.getText())
    .join("\n");
}

/** The code cells' text of a saved `.ipynb` (the workspace index reads files), for `# lrscope:` comments. */
export function ipynbCodeText(text: string): string {
  const parsed = parseIpynb(text);
  return "notebook" in parsed ? parsed.notebook.cells.filter((c) => c.kind === "code").map((c) => c.source).join("\n") : "";
}

/** Changes with any cell's edit, a cell added, moved or removed. */
export function notebookVersion(notebook: vscode.NotebookDocument): string {
  return `${notebook.version}:${notebook
    .getCells()
    .map((c) => `${c.kind}${c.document.languageId}${c.document.version}`)
    .join(",")}`;
}

/** The other cells of a cell's notebook (a change in one cell changes what the others' schedules read). */
export function siblingCells(document: vscode.TextDocument): vscode.TextDocument[] {
  const cell = cellOf(document);
  return cell ? cell.notebook.getCells().map((c) => c.document).filter((d) => d !== document) : [];
}

/** Whether problems without a range are shown on this document: in a notebook, on its first code cell only. */
export function holdsFileProblems(document: vscode.TextDocument): boolean {
  const cell = cellOf(document);
  return !cell || cell.notebook.getCells().find((c) => c.kind === vscode.NotebookCellKind.Code)?.index === cell.index;
}
