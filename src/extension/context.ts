import type * as vscode from "vscode";
import type { RunLogs } from "./runLogs";
import type { ScheduleStore } from "./scheduleStore";
import type { Settings } from "./settings";

/**
 * What every feature (diagnostics, hover, lens, panel...) is given: the shared store of evaluated
 * schedules and the current settings. A feature registers its providers and returns one disposable.
 */
export interface FeatureContext {
  readonly extension: vscode.ExtensionContext;
  readonly store: ScheduleStore;
  readonly output: vscode.OutputChannel;
  /** Run logs linked to configs (planned vs logged); absent in contexts that do not compare logs. */
  readonly runLogs?: RunLogs;
  readonly settings: () => Settings;
  /** Fires after the settings changed (the store has already been refreshed). */
  readonly onDidChangeSettings: vscode.Event<Settings>;
}

export type Feature = (context: FeatureContext) => vscode.Disposable;
