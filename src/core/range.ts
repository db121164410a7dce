/** A place in a workspace file. Lines and columns are 0-based, like VS Code's `Position`. */
export interface SourceRange {
  /** Path as the reader received it (workspace-relative for the CLI, a URI string in the extension). */
  readonly file: string;
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
  /**
   * In a Jupyter notebook (`file` is the `.ipynb`): the index of the cell in the notebook's cells (markdown
   * cells count, as in VS Code's `NotebookCell.index`); the lines and columns are then the cell's own.
   */
  readonly cell?: number;
}

/** `file:line` with a 1-based line, the form terminals and editors link; `file cell N:line` in a notebook (N 1-based). */
export function formatLocation(range: SourceRange): string {
  return range.cell === undefined ? `${range.file}:${range.startLine + 1}` : `${range.file} cell ${range.cell + 1}:${range.startLine + 1}`;
}
