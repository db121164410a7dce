import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { api, closeAllEditors, coreSchedules, fixture, openFixture, sleep, waitFor, withoutAutoSave } from "../util";

const mistake = "pytorch/warmup_stepped_twice.py";

function lrScopeDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === "LR Scope");
}

/** The line that holds exactly `text` (indentation aside). */
function lineOf(document: vscode.TextDocument, text: string): number {
  const line = document.getText().split("\n").findIndex((l) => l.trim() === text);
  assert.ok(line >= 0, `${text} is in ${document.fileName}`);
  return line;
}

suite("diagnostics", () => {
  // These tests edit a fixture without saving it.
  withoutAutoSave();

  teardown(async () => {
    await vscode.commands.executeCommand("workbench.action.files.revert");
    await closeAllEditors();
  });

  test("a warmup stepped twice is reported on its step() call, with the core's message", async () => {
    await api();
    const editor = await openFixture(mistake);
    const uri = editor.document.uri;
    const found = await waitFor(() => lrScopeDiagnostics(uri).find((d) => d.code === "child-stepped"), "the child-stepped diagnostic");
    assert.equal(found.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(found.range.start.line, lineOf(editor.document, "warmup.step()"));
    const expected = coreSchedules(uri, editor.document.getText()).entries.flatMap((e) => e.schedule.problems).find((p) => p.code === "child-stepped");
    assert.equal(found.message, expected?.message);
  });

  test("follows edits: removing the extra step() clears the warning, unsaved", async () => {
    await api();
    const editor = await openFixture(mistake);
    const uri = editor.document.uri;
    await waitFor(() => lrScopeDiagnostics(uri).some((d) => d.code === "child-stepped"), "the child-stepped diagnostic");
    const line = lineOf(editor.document, "warmup.step()");
    // Remove `if epoch < warmup_epochs:` and `warmup.step()`.
    const edit = new vscode.WorkspaceEdit();
    edit.delete(uri, new vscode.Range(line - 1, 0, line + 1, 0));
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor(() => !lrScopeDiagnostics(uri).some((d) => d.code === "child-stepped"), "the warning to go away");
    assert.ok(editor.document.isDirty);
  });

  test("correct scripts get no warning or error", async () => {
    await api();
    const clean = ["pytorch/steplr_imagenet.py", "pytorch/cosine_per_batch.py"];
    for (const file of clean) await openFixture(file);
    // A file with a warning opened last: once its diagnostics are there, the earlier files' are too.
    const marker = await openFixture(mistake);
    await waitFor(() => lrScopeDiagnostics(marker.document.uri).length > 0, "diagnostics of the last file opened");
    await sleep(200);
    for (const file of clean) {
      const serious = lrScopeDiagnostics(fixture(file)).filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning);
      assert.deepEqual(serious.map((d) => d.message), [], file);
    }
  });
});
