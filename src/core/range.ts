/** A place in a workspace file. Lines and columns are 0-based, like VS Code's `Position`. */
export interface SourceRange {
  /** Path as the reader received it (workspace-relative for the CLI, a URI string in the extension). */
  readonly file: string;
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** `file:line` with a 1-based line, the form terminals and editors link. */
export function formatLocation(range: SourceRange): string {
  return `${range.file}:${range.startLine + 1}`;
}
