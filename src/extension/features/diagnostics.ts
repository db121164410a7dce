import * as vscode from "vscode";
import { lintSchedule } from "../../core/lint";
import type { Problem } from "../../core/problem";
import type { Feature } from "../context";
import { holdsFileProblems, inDocument, siblingCells } from "../notebooks";
import { toRange } from "../ranges";

const severities: Record<Problem["severity"], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** Problems the readers and evaluators report, and the schedule checks' findings, as diagnostics on the open documents, as the user types. */
export const diagnostics: Feature = ({ store, settings, onDidChangeSettings }) => {
  const collection = vscode.languages.createDiagnosticCollection("lrscope");
  const refresh = async (document: vscode.TextDocument): Promise<void> => {
    if (!store.isCandidate(document)) return;
    const doc = await store.get(document);
    if (doc.version !== document.version) return;
    const off = settings().disabledRules;
    // The readers' and evaluators' problems, then the schedule checks (src/core/lint), each rule off by code.
    const problems = [...doc.problems, ...doc.entries.flatMap((e) => [...e.schedule.problems, ...e.curve.problems, ...lintSchedule(e.schedule, e.curve, off)])];
    const seen = new Set<string>();
    const list: vscode.Diagnostic[] = [];
    for (const p of problems) {
      // A notebook cell shows its own ranges; problems without one go on its first code cell.
      if (off.has(p.code) || (p.range ? !inDocument(p.range, document) : !holdsFileProblems(document))) continue;
      const key = `${p.code}:${p.message}:${p.range?.startLine}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const d = new vscode.Diagnostic(toRange(p.range), p.message, severities[p.severity]);
      d.source = "LR Scope";
      d.code = p.code;
      list.push(d);
    }
    collection.set(document.uri, list);
  };
  const refreshAll = (): void => vscode.workspace.textDocuments.forEach((d) => void refresh(d));
  const subscriptions = [
    collection,
    vscode.workspace.onDidOpenTextDocument((d) => void refresh(d)),
    vscode.workspace.onDidChangeTextDocument((e) => [e.document, ...siblingCells(e.document)].forEach((d) => void refresh(d))),
    vscode.workspace.onDidOpenNotebookDocument((n) => n.getCells().forEach((c) => void refresh(c.document))),
    vscode.workspace.onDidCloseTextDocument((d) => collection.delete(d.uri)),
    store.onDidChange(refreshAll),
    onDidChangeSettings(refreshAll),
  ];
  refreshAll();
  return vscode.Disposable.from(...subscriptions);
};
