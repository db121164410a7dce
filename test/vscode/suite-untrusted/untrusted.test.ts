import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { closeAllEditors, coreSchedules, lensTitles, lrScope, lrScopeDiagnostics, openFixture, positionOf, screenshot, waitFor, withoutAutoSave } from "../util";

/**
 * The fixture workspace in restricted mode (test/vscode/run.mjs `--only untrusted`: the server started without
 * --disable-workspace-trust, so the folder is not trusted). LR Scope declares `untrustedWorkspaces: supported`
 * because it never runs the user's code: everything must work as in a trusted folder.
 */
suite("restricted mode (untrusted workspace)", () => {
  withoutAutoSave();
  teardown(async () => {
    await vscode.commands.executeCommand("workbench.action.files.revert");
    await closeAllEditors();
  });

  test("the folder is not trusted, and LR Scope activates there", async () => {
    assert.equal(vscode.workspace.isTrusted, false, "the run must open the workspace in restricted mode");
    const editor = await openFixture("pytorch/steplr_imagenet.py");
    const extension = lrScope();
    await waitFor(() => extension.isActive, "LR Scope to activate", 30_000);
    const doc = await waitFor(async () => {
      const d = await extension.exports.schedulesOf(editor.document.uri);
      return d.entries.length > 0 ? d : undefined;
    }, "the schedule");
    // The same curve as the core computes on its own.
    const core = coreSchedules(editor.document.uri, editor.document.getText()).entries[0]!;
    assert.equal(doc.entries[0]!.curve.total, core.curve.total);
    assert.deepEqual(Array.from(doc.entries[0]!.curve.groups[0]!), Array.from(core.curve.groups[0]!));
    await screenshot("restricted-mode");
  });

  test("hovers and code lenses work", async () => {
    const { document } = await openFixture("pytorch/steplr_imagenet.py");
    const position = positionOf(document, "StepLR(optimizer", 2);
    const text = await waitFor(async () => {
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", document.uri, position)) ?? [];
      const ours = hovers.flatMap((h) => h.contents.map((c) => (typeof c === "string" ? c : c.value))).find((v) => v.includes("**LR Scope**"));
      return ours;
    }, "LR Scope's hover");
    assert.match(text, /0\.1/);
    await waitFor(async () => (await lensTitles(document.uri)).length === 1, "the code lens");
  });

  test("diagnostics follow an unsaved edit", async () => {
    const editor = await openFixture("pytorch/warmup_stepped_twice.py");
    const uri = editor.document.uri;
    const found = await waitFor(() => lrScopeDiagnostics(uri, "child-stepped")[0], "the child-stepped diagnostic");
    const expected = coreSchedules(uri, editor.document.getText()).entries.flatMap((e) => e.schedule.problems).find((p) => p.code === "child-stepped");
    assert.equal(found.message, expected?.message);
    const line = editor.document.getText().split("\n").findIndex((l) => l.trim() === "warmup.step()");
    const edit = new vscode.WorkspaceEdit();
    edit.delete(uri, new vscode.Range(line - 1, 0, line + 1, 0));
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor(() => lrScopeDiagnostics(uri, "child-stepped").length === 0, "the warning to go away");
  });
});
