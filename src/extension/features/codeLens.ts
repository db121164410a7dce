import * as vscode from "vscode";
import { formatSummary, summarize } from "../../core/summary";
import { Command } from "../commands";
import type { Feature } from "../context";
import { scheduleDocuments } from "../guardedCommand";
import { inDocument } from "../notebooks";
import { toRange } from "../ranges";

/** A one-line summary above each schedule (`0.4 → 0 · warmup 5 ep · cosine · 90 ep`) that opens the preview. */
export const codeLens: Feature = ({ store, settings, onDidChangeSettings }) => {
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: changed.event,
    async provideCodeLenses(document, token) {
      if (!settings().codeLens || !store.isCandidate(document)) return [];
      const doc = await store.get(document);
      if (token.isCancellationRequested || doc.version !== document.version) return [];
      return doc.entries
        .filter((e) => inDocument(e.schedule.source, document))
        .map(({ schedule, curve }) => {
          const line = toRange(schedule.source).start.line;
          return new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
            title: `$(graph-line) ${formatSummary(summarize(schedule, curve))}`,
            tooltip: vscode.l10n.t("Open the learning-rate preview of {0}", schedule.name),
            command: Command.OpenPreview,
            arguments: [document.uri],
          });
        });
    },
  };
  return vscode.Disposable.from(
    changed,
    vscode.languages.registerCodeLensProvider(scheduleDocuments, provider),
    store.onDidChange(() => changed.fire()),
    // An edit in one notebook cell can move the schedules of the others; outputs and metadata cannot (a running
    // cell streams outputs).
    vscode.workspace.onDidChangeNotebookDocument((e) => {
      if (e.contentChanges.length > 0 || e.cellChanges.some((c) => c.document !== undefined)) changed.fire();
    }),
    onDidChangeSettings(() => changed.fire()),
  );
};
