import * as vscode from "vscode";
import { probes } from "../api";
import { Command } from "../commands";
import type { Feature } from "../context";
import { statusText, statusTooltipLines } from "../format/status";
import { translate } from "../guardedCommand";

/**
 * The LR at the chosen epoch for the active file (click: Set Epoch), and the `lrscope.hasSchedule` context
 * key for menus: both follow the active editor and its schedules.
 */
export const statusBar: Feature = ({ store, settings, onDidChangeSettings }) => {
  const item = vscode.window.createStatusBarItem("lrscope.status", vscode.StatusBarAlignment.Right, 100);
  item.name = vscode.l10n.t("LR Scope: learning rate at the chosen epoch");
  item.command = Command.SetEpoch;
  let generation = 0;
  let hasSchedule: boolean | undefined;
  let shown = false;
  probes.statusBar = () => ({ text: item.text, visible: shown });
  const setHasSchedule = (value: boolean): void => {
    if (value === hasSchedule) return;
    hasSchedule = value;
    void vscode.commands.executeCommand("setContext", "lrscope.hasSchedule", value);
  };
  const update = async (): Promise<void> => {
    const mine = ++generation;
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !store.isCandidate(document)) {
      item.hide();
      shown = false;
      setHasSchedule(false);
      return;
    }
    const doc = await store.get(document);
    if (mine !== generation) return;
    setHasSchedule(doc.entries.length > 0);
    const text = settings().statusBar ? statusText(doc.entries, settings().epoch, translate) : undefined;
    if (text === undefined) {
      item.hide();
      shown = false;
      return;
    }
    item.text = text;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**${vscode.l10n.t("LR at epoch {0}", settings().epoch)}**\n\n`);
    for (const line of statusTooltipLines(doc.entries, settings().epoch, translate)) tooltip.appendText(line).appendMarkdown("  \n");
    tooltip.appendMarkdown(`\n${vscode.l10n.t("Click to choose another epoch.")}`);
    item.tooltip = tooltip;
    item.show();
    shown = true;
  };
  const refresh = (): void => void update();
  let timer: ReturnType<typeof setTimeout> | undefined;
  refresh();
  return vscode.Disposable.from(
    item,
    vscode.window.onDidChangeActiveTextEditor(refresh),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document !== vscode.window.activeTextEditor?.document) return;
      // Typing: follow after a pause, as the preview does.
      if (timer) clearTimeout(timer);
      timer = setTimeout(refresh, 300);
    }),
    store.onDidChange(refresh),
    onDidChangeSettings(refresh),
    { dispose: () => timer && clearTimeout(timer) },
  );
};
