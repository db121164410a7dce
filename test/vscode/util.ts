// Helpers of the integration suites. They use only the `vscode` API and Node, so the suites run the same under
// test/vscode/run.mjs (code-server + chromium) and under @vscode/test-electron (desktop VS Code).
import * as assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as vscode from "vscode";
import { evaluate } from "../../src/core/evaluate";
import type { Problem } from "../../src/core/problem";
import { readSchedules } from "../../src/dialects";
import type { LrScopeApi } from "../../src/extension/api";
import { magicCommentInputs } from "../../src/extension/magicComments";
import type { ScheduleEntry } from "../../src/extension/scheduleStore";

export const extensionId = "lrscope.lrscope";

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `condition` until it returns a truthy value; fails the test with `what` after `timeoutMs`. */
export async function waitFor<T>(condition: () => T | Promise<T>, what: string, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, "the suite needs its fixture workspace open");
  return folder.uri;
}

export function fixture(path: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), path);
}

/** Opens a fixture file in an editor and makes it the active one. */
export async function openFixture(path: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixture(path));
  return vscode.window.showTextDocument(document, { preview: false });
}

export function lrScope(): vscode.Extension<LrScopeApi> {
  const extension = vscode.extensions.getExtension<LrScopeApi>(extensionId);
  assert.ok(extension, `${extensionId} is not installed in this VS Code`);
  return extension;
}

/** The extension's test API, activating it when a test runs on its own (`LRSCOPE_TEST_GREP`). */
export async function api(): Promise<LrScopeApi> {
  return lrScope().activate();
}

/**
 * What the core itself computes for a file, independently of the extension: the same readers and evaluators,
 * bundled into the test, with the inputs of the file's `# lrscope:` comments (the fixtures set no others),
 * reading other files (`_base_` configs) straight from disk.
 */
export function coreSchedules(uri: vscode.Uri, text: string): { dialects: readonly string[]; problems: readonly Problem[]; entries: ScheduleEntry[] } {
  const result = readSchedules(uri.path, text, magicCommentInputs(text), { read: (p) => (existsSync(p) ? readFileSync(p, "utf8") : undefined) });
  return { dialects: result.dialects, problems: result.problems, entries: result.schedules.map((schedule) => ({ schedule, curve: evaluate(schedule) })) };
}

/** Param group 0's learning rate at every tick, as a plain array (what assert.deepEqual compares best). */
export function lrOf(entry: ScheduleEntry): number[] {
  return Array.from(entry.curve.groups[0] ?? []);
}

/**
 * Asks the launcher for a screenshot of the workbench as it is now. test/vscode/run.mjs answers through the
 * folder in LRSCOPE_SCREENSHOT_REQUESTS; under another launcher nothing is asked and this returns at once.
 */
export async function screenshot(name: string): Promise<void> {
  const dir = process.env.LRSCOPE_SCREENSHOT_REQUESTS;
  if (!dir) return;
  writeFileSync(join(dir, `${name}.request`), "");
  await waitFor(() => existsSync(join(dir, `${name}.done`)), `the screenshot ${name}`, 20_000);
}

/** Closes every editor, so that the next test starts from an empty editor area. */
export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand("workbench.action.closeAllEditors");
}
