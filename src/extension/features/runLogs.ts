import * as vscode from "vscode";
import { runLogGlob } from "../../logs";
import { Command } from "../commands";
import type { Feature } from "../context";
import { registerGuardedCommand } from "../guardedCommand";
import { toRange } from "../ranges";

/**
 * Planned vs logged: the "differs from plan" diagnostics of the documents whose run log parts from their
 * schedule, and "LR Scope: Link Run Log" to choose the log of the active config. Compared on open, save and
 * when the log or the link changes, not on every keystroke (a comparison may evaluate a long curve).
 */
export const runLogs: Feature = ({ store, runLogs: logs, output }) => {
  if (!logs) return new vscode.Disposable(() => undefined);
  const collection = vscode.languages.createDiagnosticCollection("lrscope.logs");
  const refresh = async (document: vscode.TextDocument): Promise<void> => {
    if (!store.isCandidate(document)) return;
    try {
      const doc = await store.get(document);
      const { problems } = await logs.compare(doc);
      collection.set(
        document.uri,
        problems
          .filter((p) => !p.range || p.range.file === document.uri.path)
          .map((p) => {
            const d = new vscode.Diagnostic(toRange(p.range), p.message, p.severity === "warning" ? vscode.DiagnosticSeverity.Warning : p.severity === "error" ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Information);
            d.source = "LR Scope";
            d.code = p.code;
            return d;
          }),
      );
    } catch (e) {
      output.appendLine(`[logs] cannot compare ${document.uri.toString()}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const refreshAll = (): void => vscode.workspace.textDocuments.forEach((d) => void refresh(d));
  const link = registerGuardedCommand(Command.LinkLog, vscode.l10n.t("Link Run Log"), async (configArg?: unknown, logArg?: unknown) => {
    const config = configArg instanceof vscode.Uri ? configArg : vscode.window.activeTextEditor?.document.uri;
    if (!config) throw new Error(vscode.l10n.t("Open a training config or script first."));
    let log: vscode.Uri | undefined;
    if (logArg instanceof vscode.Uri) log = logArg;
    else if (logArg === null) log = undefined;
    else {
      const found = await vscode.workspace.findFiles(runLogGlob, "**/node_modules/**", 500);
      type Item = vscode.QuickPickItem & { readonly uri?: vscode.Uri; readonly action?: "browse" | "unlink" };
      const items: Item[] = [
        ...found.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
        { label: vscode.l10n.t("Choose a file…"), action: "browse" as const },
        { label: vscode.l10n.t("No log for this file"), action: "unlink" as const },
      ];
      const pick = await vscode.window.showQuickPick(items, { title: vscode.l10n.t("LR Scope: Link Run Log"), placeHolder: vscode.l10n.t("The run log to compare {0} with", vscode.workspace.asRelativePath(config)) });
      if (!pick) return;
      if (pick.action === "browse") {
        const chosen = await vscode.window.showOpenDialog({ canSelectMany: false, defaultUri: vscode.Uri.joinPath(config, "..") });
        if (!chosen?.[0]) return;
        log = chosen[0];
      } else log = pick.uri;
    }
    await logs.link(config, log);
  });
  const subscriptions = [
    collection,
    link,
    vscode.workspace.onDidOpenTextDocument((d) => void refresh(d)),
    vscode.workspace.onDidSaveTextDocument((d) => void refresh(d)),
    vscode.workspace.onDidCloseTextDocument((d) => collection.delete(d.uri)),
    store.onDidChange(refreshAll),
    logs.onDidChange(refreshAll),
  ];
  refreshAll();
  return vscode.Disposable.from(...subscriptions);
};
