import * as vscode from "vscode";
import { createApi, type LrScopeApi } from "./api";
import type { Feature, FeatureContext } from "./context";
import { codeLens } from "./features/codeLens";
import { diagnostics } from "./features/diagnostics";
import { hover } from "./features/hover";
import { quickFixes } from "./features/quickFixes";
import { scheduleTree } from "./features/scheduleTree";
import { setEpoch } from "./features/setEpoch";
import { setInputs } from "./features/setInputs";
import { showSchedules } from "./features/showSchedules";
import { statusBar } from "./features/statusBar";
import { runLogs } from "./features/runLogs";
import { preview } from "./preview/previewManager";
import { RunLogs } from "./runLogs";
import { ScheduleStore } from "./scheduleStore";
import { readSettings, type Settings } from "./settings";

/** Every feature, registered in this order. A new feature is one file under features/ and one entry here. */
const features: readonly Feature[] = [diagnostics, showSchedules, preview, hover, codeLens, quickFixes, setEpoch, setInputs, statusBar, scheduleTree, runLogs];

export function activate(context: vscode.ExtensionContext): LrScopeApi {
  try {
    let settings = readSettings();
    const settingsChanged = new vscode.EventEmitter<Settings>();
    const store = new ScheduleStore(settings, context.workspaceState);
    const output = vscode.window.createOutputChannel("LR Scope");
    const logs = new RunLogs(context.workspaceState);
    context.subscriptions.push(settingsChanged, store, output, logs);
    const featureContext: FeatureContext = { extension: context, store, output, runLogs: logs, settings: () => settings, onDidChangeSettings: settingsChanged.event };
    context.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration("lrscope")) return;
        settings = readSettings();
        store.updateSettings(settings);
        settingsChanged.fire(settings);
      }),
    );
    for (const feature of features) context.subscriptions.push(feature(featureContext));
    return createApi(store, context.extensionMode);
  } catch (e) {
    // Say so instead of failing silently (rust-analyzer does the same).
    void vscode.window.showErrorMessage(`LR Scope failed to start: ${e instanceof Error ? e.message : String(e)}`);
    throw e;
  }
}

export function deactivate(): void {}
