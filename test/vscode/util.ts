// Helpers of the integration suites. They use only the `vscode` API and Node, so the suites run the same under
// test/vscode/run.mjs (code-server + chromium) and under @vscode/test-electron (desktop VS Code).
import * as assert from "node:assert/strict";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as vscode from "vscode";
import { evaluate } from "../../src/core/evaluate";
import type { Problem } from "../../src/core/problem";
import { readSchedules, type Inputs } from "../../src/dialects";
import type { LrScopeApi } from "../../src/extension/api";
import { magicCommentInputs } from "../../src/extension/magicComments";
import { buildPreviewData } from "../../src/extension/preview/previewModel";
import type { ScheduleEntry } from "../../src/extension/scheduleStore";
import type { PreviewData } from "../../src/webview/protocol";

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
 * reading other files (`_base_` configs) straight from disk. `inputs`: settings or per-file inputs (the
 * file's comments win, as in the extension).
 */
export function coreSchedules(uri: vscode.Uri, text: string, inputs: Inputs = {}): { dialects: readonly string[]; problems: readonly Problem[]; entries: ScheduleEntry[] } {
  const result = readSchedules(uri.path, text, { ...inputs, ...magicCommentInputs(text) }, { read: (p) => (existsSync(p) ? readFileSync(p, "utf8") : undefined) });
  return { dialects: result.dialects, problems: result.problems, entries: result.schedules.map((schedule) => ({ schedule, curve: evaluate(schedule) })) };
}

/** Param group 0's learning rate at every tick, as a plain array (what assert.deepEqual compares best). */
export function lrOf(entry: ScheduleEntry): number[] {
  return Array.from(entry.curve.groups[0] ?? []);
}

let requestCount = 0;

/** Whether a launcher answers requests (test/vscode/run.mjs does; @vscode/test-electron does not). */
export function harnessAnswers(): boolean {
  return Boolean(process.env.LRSCOPE_SCREENSHOT_REQUESTS);
}

/**
 * Asks test/vscode/run.mjs's browser side for something only it can do (harness/requests.mjs): a screenshot,
 * the preview page's chart as drawn, a click in the page, keys typed into the workbench. Resolves with the
 * answer's value; under another launcher (nobody answers) resolves to `undefined` at once.
 */
export async function askHarness<T = unknown>(request: { action: string; [key: string]: unknown }, timeoutMs = 90_000): Promise<T | undefined> {
  const dir = process.env.LRSCOPE_SCREENSHOT_REQUESTS;
  if (!dir) return undefined;
  const id = `${String(++requestCount).padStart(4, "0")}-${request.action}`;
  // Written then renamed: the harness never reads half a request.
  writeFileSync(join(dir, `${id}.tmp`), JSON.stringify(request));
  renameSync(join(dir, `${id}.tmp`), join(dir, `${id}.request`));
  const done = join(dir, `${id}.done`);
  await waitFor(() => existsSync(done), `the harness's answer to ${JSON.stringify(request)}`, timeoutMs);
  const answer = JSON.parse(readFileSync(done, "utf8")) as { ok: boolean; value?: T; error?: string };
  if (!answer.ok) assert.fail(`the harness could not ${request.action}: ${answer.error}`);
  return answer.value;
}

/**
 * Asks the launcher for a screenshot of the workbench as it is now (test/artifacts/<run>-<name>.png under
 * test/vscode/run.mjs; nothing elsewhere).
 */
export async function screenshot(name: string): Promise<void> {
  await askHarness({ action: "screenshot", name });
}

/** Settings written to the fixture workspace's folder (.vscode/settings.json) are removed again, file and folder. */
export function keepWorkspaceSettingsClean(): void {
  let existed = true;
  suiteSetup(() => {
    existed = existsSync(join(workspaceRoot().fsPath, ".vscode"));
  });
  suiteTeardown(async () => {
    const lrscope = vscode.workspace.getConfiguration("lrscope");
    for (const key of ["epoch", "codeLens.enabled", "hover.enabled", "statusBar.enabled", "diagnostics.rules", "stepsPerEpoch"]) {
      if (lrscope.inspect(key)?.workspaceValue !== undefined) await lrscope.update(key, undefined, vscode.ConfigurationTarget.Workspace);
    }
    if (!existed) await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), ".vscode"), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });
}

/** Sets `lrscope.<key>` in the user settings (the server's private data folder) and waits until it reads back. */
export async function setUserSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration("lrscope").update(key, value, vscode.ConfigurationTarget.Global);
  await waitFor(() => JSON.stringify(vscode.workspace.getConfiguration("lrscope").inspect(key)?.globalValue) === JSON.stringify(value), `lrscope.${key} = ${JSON.stringify(value)}`);
}

/** The position of the first occurrence of `text` in a document (plus `offset` characters). */
export function positionOf(document: vscode.TextDocument, text: string, offset = 0): vscode.Position {
  const at = document.getText().indexOf(text);
  assert.ok(at >= 0, `${text} is in ${document.fileName}`);
  return document.positionAt(at + offset);
}

/** Turns auto-save off for a suite (VS Code for the Web saves after a delay by default, which would rewrite fixtures). */
export function withoutAutoSave(): void {
  let autoSave: string | undefined;
  suiteSetup(async () => {
    const files = vscode.workspace.getConfiguration("files");
    autoSave = files.inspect<string>("autoSave")?.globalValue;
    await files.update("autoSave", "off", vscode.ConfigurationTarget.Global);
  });
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration("files").update("autoSave", autoSave, vscode.ConfigurationTarget.Global);
  });
}

/** Reverts the active editor's unsaved changes (never saving them). */
export async function revertActive(): Promise<void> {
  await vscode.commands.executeCommand("workbench.action.files.revert");
}

/** Closes every editor, so that the next test starts from an empty editor area. */
export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand("workbench.action.closeAllEditors");
}

/** The selector of the workbench's quick input box (Set Epoch, Set Inputs...). */
export const quickInput = ".quick-input-widget input.input";

/**
 * Answers the input box a command opens by typing into it (the harness's keyboard, harness/requests.mjs):
 * clears what it holds, types `text`, presses Enter. False when no launcher answers (the caller skips).
 */
export async function answerInputBox(text: string): Promise<boolean> {
  if (!harnessAnswers()) return false;
  await askHarness({ action: "keyboard", waitFor: quickInput, before: ["ControlOrMeta+a", "Backspace"], type: text, press: "Enter" });
  return true;
}

/** The CodeLens titles of a file (resolved, as the editor shows them). */
export async function lensTitles(uri: vscode.Uri): Promise<{ title: string; line: number; command: string; args: unknown[] }[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>("vscode.executeCodeLensProvider", uri, 100)) ?? [];
  return lenses
    .filter((l) => l.command?.command.startsWith("lrscope."))
    .map((l) => ({ title: l.command!.title, line: l.range.start.line, command: l.command!.command, args: l.command!.arguments ?? [] }));
}

/** LR Scope's diagnostics of a file, of one code if given. */
export function lrScopeDiagnostics(uri: vscode.Uri, code?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === "LR Scope" && (code === undefined || d.code === code));
}

const correctTmax = "T_max=max_iters - warmup_iters";

/** Makes the classic unit slip in the open fixture, unsaved: T_max=1000 while the cosine runs 4,800 steps. */
export async function introduceShortTmax(editor: vscode.TextEditor): Promise<vscode.Range> {
  const start = positionOf(editor.document, correctTmax, "T_max=".length);
  const range = new vscode.Range(start, start.translate(0, correctTmax.length - "T_max=".length));
  const edit = new vscode.WorkspaceEdit();
  edit.replace(editor.document.uri, range, "1000");
  assert.ok(await vscode.workspace.applyEdit(edit));
  return new vscode.Range(start, start.translate(0, 4));
}

/** What the preview must show for a file: the preview model fed with the core's own schedules. */
export function expectedPreview(uri: vscode.Uri, document: vscode.TextDocument, epoch: number): PreviewData {
  const core = coreSchedules(uri, document.getText());
  // The panel shows workspace-relative paths: the folder's path is stripped from derivations and messages.
  return buildPreviewData({ source: uri.toString(), label: vscode.workspace.asRelativePath(uri), folder: `${workspaceRoot().path}/`, version: document.version, entries: core.entries, problems: core.problems, inputs: {}, epoch });
}

/** The tab of LR Scope's preview, with the column it is in. */
export function previewTabs(): { label: string; column: vscode.ViewColumn }[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs.filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith("lrscope.preview")).map((t) => ({ label: t.label, column: g.viewColumn })));
}

