import * as vscode from "vscode";
import type { SourceRange } from "../core/range";

export function toRange(r: SourceRange | undefined): vscode.Range {
  return r ? new vscode.Range(r.startLine, r.startColumn, r.endLine, r.endColumn) : new vscode.Range(0, 0, 0, 0);
}
