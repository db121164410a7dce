import * as vscode from "vscode";
import type { DocumentSchedules, ScheduleStore } from "./scheduleStore";

/**
 * What `activate()` returns (`vscode.extensions.getExtension("lrscope.lrscope").exports`). Small on purpose:
 * the integration tests (test/vscode/suite) compare what the extension shows with the core's own numbers.
 */
export interface LrScopeApi {
  /** The schedules of a file as every view sees them (the open document's text, unsaved edits included). */
  schedulesOf(uri: vscode.Uri): Promise<DocumentSchedules>;
}

export function createApi(store: ScheduleStore): LrScopeApi {
  return {
    schedulesOf: async (uri) => store.get(await vscode.workspace.openTextDocument(uri)),
  };
}
