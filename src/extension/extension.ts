import * as vscode from "vscode";
import { evaluate } from "../core/evaluate";
import type { Problem } from "../core/problem";
import type { SourceRange } from "../core/range";
import { readSchedules, isSupportedFile } from "../dialects";
import { formatReport } from "../text/report";

/** Command ids, in one place (package.json contributes the same). */
export const enum Command {
  ShowSchedules = "lrscope.showSchedules",
}

const severities: Record<Problem["severity"], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

function toRange(r: SourceRange | undefined): vscode.Range {
  return r ? new vscode.Range(r.startLine, r.startColumn, r.endLine, r.endColumn) : new vscode.Range(0, 0, 0, 0);
}

/** Reader problems of schedule files as diagnostics, refreshed as the user types. */
class ScheduleDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection("lrscope");
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.refresh(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.refresh(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)),
    );
    vscode.workspace.textDocuments.forEach((d) => this.refresh(d));
  }

  private refresh(document: vscode.TextDocument): void {
    if (!isSupportedFile(document.fileName)) return;
    const result = readSchedules(document.fileName, document.getText());
    const problems = [...result.problems, ...result.schedules.flatMap((s) => s.problems)];
    const diagnostics = problems.map((p) => {
      const d = new vscode.Diagnostic(toRange(p.range), p.message, severities[p.severity]);
      d.source = "LR Scope";
      d.code = p.code;
      return d;
    });
    this.collection.set(document.uri, result.schedules.length > 0 || result.problems.length > 0 ? diagnostics : []);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.collection.dispose();
  }
}

/** Writes the text report of the active file's schedules to the LR Scope output channel. */
function showSchedules(output: vscode.OutputChannel): void {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage("LR Scope: open a training script first.");
    return;
  }
  const doc = editor.document;
  const path = vscode.workspace.asRelativePath(doc.uri);
  const result = readSchedules(path, doc.getText());
  output.clear();
  if (result.schedules.length === 0) {
    output.appendLine(`${path}: no learning-rate schedule found`);
  }
  for (const schedule of result.schedules) {
    const curve = evaluate(schedule);
    if (curve.total === 0) {
      output.appendLine(`${path}:${schedule.source.startLine + 1}  ${schedule.name}: cannot draw the curve`);
      for (const a of schedule.assumptions.filter((x) => x.value === undefined)) output.appendLine(`  needs     ${a.message}`);
      for (const p of [...schedule.problems, ...curve.problems].filter((x) => x.severity === "error")) output.appendLine(`  error     ${p.message}`);
      output.appendLine("");
      continue;
    }
    formatReport({ file: path, entries: [{ schedule, curve }] }).forEach((line) => output.appendLine(line));
  }
  output.show(true);
}

export function activate(context: vscode.ExtensionContext): void {
  try {
    const output = vscode.window.createOutputChannel("LR Scope");
    context.subscriptions.push(output, new ScheduleDiagnostics());
    context.subscriptions.push(
      vscode.commands.registerCommand(Command.ShowSchedules, () => {
        try {
          showSchedules(output);
        } catch (e) {
          void vscode.window.showErrorMessage(`LR Scope: ${e instanceof Error ? e.message : String(e)}`);
        }
      }),
    );
  } catch (e) {
    // Say so instead of failing silently (rust-analyzer does the same).
    void vscode.window.showErrorMessage(`LR Scope failed to start: ${e instanceof Error ? e.message : String(e)}`);
    throw e;
  }
}

export function deactivate(): void {}
