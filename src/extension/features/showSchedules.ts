import * as vscode from "vscode";
import { formatReport } from "../../text/report";
import { Command } from "../commands";
import type { Feature } from "../context";

/** "Show Learning-Rate Schedules of This File": the CLI's text report in the LR Scope output channel. */
export const showSchedules: Feature = ({ store, output }) =>
  // Resolves to the lines written, which the integration tests compare with the core's own report.
  vscode.commands.registerCommand(Command.ShowSchedules, async (): Promise<string[]> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage(vscode.l10n.t("LR Scope: open a training script or config first."));
      return [];
    }
    const doc = await store.get(editor.document);
    const path = vscode.workspace.asRelativePath(editor.document.uri);
    output.clear();
    const written: string[] = [];
    const write = (line: string): void => {
      written.push(line);
      output.appendLine(line);
    };
    if (doc.entries.length === 0) write(vscode.l10n.t("{0}: no learning-rate schedule found", path));
    for (const entry of doc.entries) {
      if (entry.curve.total === 0) {
        write(`${path}:${entry.schedule.source.startLine + 1}  ${entry.schedule.name}: ${vscode.l10n.t("cannot draw the curve")}`);
        for (const a of entry.schedule.assumptions.filter((x) => x.value === undefined)) write(`  ${vscode.l10n.t("needs")}     ${a.message}`);
        for (const p of [...entry.schedule.problems, ...entry.curve.problems].filter((x) => x.severity === "error")) write(`  error     ${p.message}`);
        write("");
        continue;
      }
      for (const line of formatReport({ file: path, entries: [entry] })) write(line);
    }
    output.show(true);
    return written;
  });
