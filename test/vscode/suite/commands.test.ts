import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { statusText } from "../../../src/extension/format/status";
import type { PreviewData } from "../../../src/webview/protocol";
import { formatReport } from "../../../src/text/report";
import { answerInputBox, api, closeAllEditors, coreSchedules, expectedPreview, fixture, harnessAnswers, keepWorkspaceSettingsClean, lrScope, openFixture, previewTabs, waitFor } from "../util";

const epochSetting = (): number | undefined => vscode.workspace.getConfiguration("lrscope").get<number>("epoch");

/** Every command package.json contributes, and the test below that asserts its effect. */
const covered = [
  "lrscope.showSchedules",
  "lrscope.openPreview",
  "lrscope.openPreviewToSide",
  "lrscope.preview.toggleLock",
  "lrscope.preview.showSource",
  "lrscope.setEpoch",
  "lrscope.setInputs",
  "lrscope.refreshSchedules",
  "lrscope.linkLog",
];

suite("commands", () => {
  keepWorkspaceSettingsClean();
  teardown(closeAllEditors);

  test("every command package.json contributes has its test here", () => {
    const manifest = lrScope().packageJSON as { contributes: { commands: { command: string }[] } };
    assert.deepEqual(manifest.contributes.commands.map((c) => c.command).sort(), [...covered].sort());
  });

  test("lrscope.showSchedules: the core's report of the active file", async () => {
    await api();
    const editor = await openFixture("pytorch/warmup_stepped_twice.py");
    const lines = await vscode.commands.executeCommand<string[]>("lrscope.showSchedules");
    const core = coreSchedules(editor.document.uri, editor.document.getText());
    assert.deepEqual(lines, formatReport({ file: vscode.workspace.asRelativePath(editor.document.uri), entries: core.entries }));
  });

  test("lrscope.openPreview: a panel opens in the editor's column, showing the core's schedule", async () => {
    await api();
    const editor = await openFixture("pytorch/steplr_imagenet.py");
    const data = await vscode.commands.executeCommand<PreviewData>("lrscope.openPreview");
    assert.ok(data, "the command resolves with the data first shown");
    assert.deepEqual(data, { ...expectedPreview(editor.document.uri, editor.document, epochSetting() ?? 0), locked: false });
    const panels = (await api()).previews();
    assert.deepEqual(
      panels.map((p) => ({ resource: p.resource, locked: p.locked })),
      [{ resource: editor.document.uri.toString(), locked: false }],
    );
    await waitFor(() => JSON.stringify(previewTabs()) === JSON.stringify([{ label: "LR Preview steplr_imagenet.py", column: vscode.ViewColumn.One }]), `one preview tab in column 1: ${JSON.stringify(previewTabs())}`);
  });

  test("lrscope.openPreviewToSide: the panel opens in the next column, the editor keeps the focus", async () => {
    await api();
    const editor = await openFixture("pytorch/cosine_per_batch.py");
    const data = await vscode.commands.executeCommand<PreviewData>("lrscope.openPreviewToSide", editor.document.uri);
    assert.equal(data?.source, editor.document.uri.toString());
    await waitFor(() => JSON.stringify(previewTabs()) === JSON.stringify([{ label: "LR Preview cosine_per_batch.py", column: vscode.ViewColumn.Two }]), `one preview tab in column 2: ${JSON.stringify(previewTabs())}`);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), editor.document.uri.toString());
  });

  test("lrscope.preview.toggleLock: a locked preview keeps its file; unlocked, it follows the editor", async () => {
    const lr = await api();
    await openFixture("pytorch/steplr_imagenet.py");
    await vscode.commands.executeCommand("lrscope.openPreview");
    await waitFor(() => lr.previews()[0]?.active, "the preview to be the active tab");
    await vscode.commands.executeCommand("lrscope.preview.toggleLock");
    assert.equal(lr.previews()[0]?.locked, true);
    // The tab's title says so (it reaches the workbench a moment later).
    await waitFor(() => previewTabs()[0]?.label === "[Preview] steplr_imagenet.py", `the locked title, not ${previewTabs()[0]?.label}`);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fixture("pytorch/cosine_per_batch.py")), vscode.ViewColumn.Two);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(lr.previews()[0]?.resource, fixture("pytorch/steplr_imagenet.py").toString(), "locked: still the first file");
    // Unlock from the panel, then the preview follows the active editor again.
    await vscode.commands.executeCommand("lrscope.openPreview", fixture("pytorch/steplr_imagenet.py"));
    await waitFor(() => lr.previews()[0]?.active, "the preview to be active again");
    await vscode.commands.executeCommand("lrscope.preview.toggleLock");
    assert.equal(lr.previews()[0]?.locked, false);
    await waitFor(() => previewTabs()[0]?.label === "LR Preview steplr_imagenet.py", "the unlocked title");
    const third = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fixture("pytorch/warmup_stepped_twice.py")), vscode.ViewColumn.One);
    await waitFor(() => lr.previews()[0]?.resource === third.document.uri.toString() && lr.previews()[0]?.data?.source === third.document.uri.toString(), "the unlocked preview to follow the editor");
  });

  test("lrscope.preview.showSource: from the focused preview, its file becomes the active editor", async () => {
    const lr = await api();
    await vscode.commands.executeCommand("lrscope.openPreview", fixture("pytorch/warmup_stepped_twice.py"));
    await waitFor(() => lr.previews()[0]?.active, "the preview to be the active tab");
    assert.equal(vscode.window.activeTextEditor, undefined, "no text editor yet");
    await vscode.commands.executeCommand("lrscope.preview.showSource");
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.toString() === fixture("pytorch/warmup_stepped_twice.py").toString(), "the source in an editor");
  });

  test("lrscope.setEpoch with an argument: the workspace setting, the status bar and the preview follow", async () => {
    const lr = await api();
    const editor = await openFixture("pytorch/steplr_imagenet.py");
    await vscode.commands.executeCommand("lrscope.openPreviewToSide");
    await vscode.commands.executeCommand("lrscope.setEpoch", 45);
    assert.equal(vscode.workspace.getConfiguration("lrscope").inspect<number>("epoch")?.workspaceValue, 45, "written to the workspace settings");
    const core = coreSchedules(editor.document.uri, editor.document.getText()).entries;
    const expected = statusText(core, 45);
    await waitFor(() => lr.statusBar()?.text === expected, `the status bar to read ${expected}`);
    assert.equal(lr.statusBar()?.visible, true);
    await waitFor(() => lr.previews()[0]?.data?.epoch === 45, "the preview to show epoch 45");
    assert.deepEqual(lr.previews()[0]?.data?.schedules[0]?.chosen?.lr, [core[0]!.curve.groups[0]![45]]);
  });

  test("lrscope.setEpoch without an argument: asks, and takes the typed epoch", async function () {
    if (!harnessAnswers()) this.skip(); // nobody to type into the input box
    await api();
    await openFixture("pytorch/steplr_imagenet.py");
    const running = vscode.commands.executeCommand("lrscope.setEpoch");
    assert.ok(await answerInputBox("12"));
    await running;
    await waitFor(() => epochSetting() === 12, "lrscope.epoch = 12");
  });

  test("lrscope.setInputs (from a quick fix): stores the typed input for the file, and the curve can be drawn", async function () {
    if (!harnessAnswers()) this.skip();
    const lr = await api();
    const uri = fixture("huggingface/training_args.json");
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const before = await lr.schedulesOf(uri);
    if (before.entries.length === 0) this.skip(); // the Hugging Face reader has not landed
    assert.equal(before.entries[0]!.curve.total, 0, "the file alone cannot say how long it trains");
    const running = vscode.commands.executeCommand("lrscope.setInputs", uri, "stepsPerEpoch");
    assert.ok(await answerInputBox("1251"));
    await running;
    assert.deepEqual(lr.perFileInputs(uri), { stepsPerEpoch: 1251 });
    const after = await lr.schedulesOf(uri);
    assert.ok(after.entries[0]!.curve.total > 0, "drawn with the stored input");
    // Empty clears it.
    const clearing = vscode.commands.executeCommand("lrscope.setInputs", uri, "stepsPerEpoch");
    assert.ok(await answerInputBox(""));
    await clearing;
    assert.deepEqual(lr.perFileInputs(uri), {});
  });

  test("lrscope.refreshSchedules: the workspace is indexed again and the tree lists its schedules", async () => {
    const lr = await api();
    await vscode.commands.executeCommand("lrscope.refreshSchedules");
    const rows = await lr.scheduleTreeRows();
    assert.ok(
      rows.some((r) => r.kind === "schedule" && r.label === "steplr_imagenet.py"),
      `steplr_imagenet.py among ${JSON.stringify(rows.map((r) => r.label))}`,
    );
    assert.ok(!rows.some((r) => r.kind === "note" && r.label.startsWith("Indexing")), "the scan is over when the command resolves");
  });

  test("lrscope.linkLog: a linked run log that parts from the plan is a diagnostic; unlinking clears it", async () => {
    await api();
    const editor = await openFixture("pytorch/steplr_imagenet.py");
    const uri = editor.document.uri;
    const differs = (): boolean => vscode.languages.getDiagnostics(uri).some((d) => d.code === "log-differs-from-plan");
    // A timm summary.csv whose LR never left 0.1: the scheduler was never stepped, the plan drops at epoch 30.
    await vscode.commands.executeCommand("lrscope.linkLog", uri, fixture("logs/steplr-never-stepped/summary.csv"));
    await waitFor(differs, "a log-differs-from-plan diagnostic on the linked script");
    const message = vscode.languages.getDiagnostics(uri).find((d) => d.code === "log-differs-from-plan")?.message ?? "";
    assert.match(message, /30/, `the first epoch where they part is named: ${message}`);
    await vscode.commands.executeCommand("lrscope.linkLog", uri, null);
    await waitFor(() => !differs(), "the diagnostic gone after unlinking");
  });
});
