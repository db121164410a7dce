import * as vscode from "vscode";
import type { Inputs } from "../dialects";
import type { PreviewData } from "../webview/protocol";
import type { DocumentSchedules, ScheduleStore } from "./scheduleStore";

/** A row of the "LR Schedules" view as shown: a folder, a schedule (label and summary), or a note. */
export interface TreeRow {
  readonly kind: "folder" | "schedule" | "note";
  readonly label: string;
  readonly description?: string;
  /** The file a schedule row opens. */
  readonly uri?: string;
  /** The folder row it is under ("" at the top level). */
  readonly parent: string;
}

/** An open preview panel as the tests see it. */
export interface PreviewState {
  readonly resource: string;
  readonly locked: boolean;
  readonly active: boolean;
  readonly visible: boolean;
  /** The data last sent to the page. */
  readonly data: PreviewData | undefined;
}

/**
 * What the views register for the tests to read (src/extension/features/*, preview/*). Module state on purpose:
 * the extension is one bundle activated once; nothing here changes what users see.
 */
export const probes: {
  tree?: () => Promise<TreeRow[]>;
  statusBar?: () => { readonly text: string; readonly visible: boolean };
  previews?: () => PreviewState[];
  /** Where exports are saved instead of asking with a save dialog (the tests set it; undefined: ask). */
  saveTarget?: vscode.Uri;
} = {};

/**
 * What `activate()` returns (`vscode.extensions.getExtension("lrscope.lrscope").exports`). Small on purpose:
 * the integration tests (test/vscode/suite) compare what the extension shows with the core's own numbers.
 */
export interface LrScopeApi {
  /** The schedules of a file as every view sees them (the open document's text, unsaved edits included). */
  schedulesOf(uri: vscode.Uri): Promise<DocumentSchedules>;
  /** The per-file inputs set with "Set Inputs for This File" or in the preview. */
  perFileInputs(uri: vscode.Uri): Inputs;
  /** The rows of the "LR Schedules" view, depth first, as its provider gives them. */
  scheduleTreeRows(): Promise<TreeRow[]>;
  /** The status bar item's text and whether it is shown. */
  statusBar(): { readonly text: string; readonly visible: boolean } | undefined;
  /** The open preview panels. */
  previews(): PreviewState[];
  /** Tests: save exports (CSV, PNG) to `uri` without the save dialog; `undefined` asks again. */
  setSaveTarget(uri: vscode.Uri | undefined): void;
}

export function createApi(store: ScheduleStore, mode: vscode.ExtensionMode): LrScopeApi {
  return {
    schedulesOf: async (uri) => store.get(await vscode.workspace.openTextDocument(uri)),
    perFileInputs: (uri) => store.perFileInputs(uri),
    scheduleTreeRows: async () => (probes.tree ? probes.tree() : []),
    statusBar: () => probes.statusBar?.(),
    previews: () => probes.previews?.() ?? [],
    // Writing without the save dialog is for the extension's own tests only: another extension calling this
    // in a user's window must not be able to make LR Scope overwrite a file.
    setSaveTarget: (uri) => {
      if (mode === vscode.ExtensionMode.Production) throw new Error("setSaveTarget is only available to LR Scope's tests");
      probes.saveTarget = uri;
    },
  };
}
