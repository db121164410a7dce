import * as vscode from "vscode";
import type { Feature, FeatureContext } from "./context";
import { diagnostics } from "./features/diagnostics";
import { showSchedules } from "./features/showSchedules";
import { ScheduleStore } from "./scheduleStore";
import { readSettings, type Settings } from "./settings";

/** Every feature, registered in this order. A new feature is one file under features/ and one entry here. */
const features: readonly Feature[] = [diagnostics, showSchedules];

export function activate(context: vscode.ExtensionContext): void {
  try {
    let settings = readSettings();
    const settingsChanged = new vscode.EventEmitter<Settings>();
    const store = new ScheduleStore(settings, context.workspaceState);
    const output = vscode.window.createOutputChannel("LR Scope");
    context.subscriptions.push(settingsChanged, store, output);
    const featureContext: FeatureContext = { extension: context, store, output, settings: () => settings, onDidChangeSettings: settingsChanged.event };
    context.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration("lrscope")) return;
        settings = readSettings();
        store.updateSettings(settings);
        settingsChanged.fire(settings);
      }),
    );
    for (const feature of features) context.subscriptions.push(feature(featureContext));
  } catch (e) {
    // Say so instead of failing silently (rust-analyzer does the same).
    void vscode.window.showErrorMessage(`LR Scope failed to start: ${e instanceof Error ? e.message : String(e)}`);
    throw e;
  }
}

export function deactivate(): void {}
