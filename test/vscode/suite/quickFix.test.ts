import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { lintSchedule } from "../../../src/core/lint";
import { api, closeAllEditors, coreSchedules, introduceShortTmax, lrScopeDiagnostics, openFixture, revertActive, waitFor, withoutAutoSave } from "../util";

const file = "pytorch/cosine_per_batch.py";
suite("quick fixes", () => {
  withoutAutoSave();
  teardown(async () => {
    await revertActive();
    await closeAllEditors();
  });

  test("T_max shorter than the loop: the fix is the core's edit, applied as a WorkspaceEdit, and the warning clears", async () => {
    await api();
    const editor = await openFixture(file);
    const { uri } = editor.document;
    const written = await introduceShortTmax(editor);
    const warning = await waitFor(() => lrScopeDiagnostics(uri, "tmax-shorter-than-training")[0], "the tmax-shorter-than-training warning");
    assert.ok(warning.range.isEqual(written), `the warning is on the T_max value (${JSON.stringify(warning.range)})`);

    // What the core proposes for the edited text.
    const finding = coreSchedules(uri, editor.document.getText()).entries.flatMap((e) => lintSchedule(e.schedule, e.curve)).find((f) => f.code === "tmax-shorter-than-training");
    assert.ok(finding?.fix, "the core has a fix");
    assert.equal(finding.message, warning.message);

    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", uri, warning.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    const fix = actions.find((a) => a.title === finding.fix!.title);
    assert.ok(fix, `a quick fix titled "${finding.fix.title}" among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(fix.isPreferred, true);
    assert.ok(fix.edit, "the fix is a WorkspaceEdit");
    const edits = fix.edit.get(uri);
    assert.deepEqual(
      edits.map((e) => ({ text: e.newText, line: e.range.start.line, from: e.range.start.character, to: e.range.end.character })),
      [{ text: finding.fix.newText, line: finding.fix.range.startLine, from: finding.fix.range.startColumn, to: finding.fix.range.endColumn }],
    );
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(editor.document.getText().includes(`T_max=${finding.fix.newText},`), "the file now says T_max=4800");
    await waitFor(() => lrScopeDiagnostics(uri, "tmax-shorter-than-training").length === 0, "the warning to clear");
    assert.ok(editor.document.isDirty, "nothing was saved");
  });

  test("a file that cannot say its length offers Set Inputs for This File", async () => {
    await api();
    const editor = await openFixture("huggingface/training_args.json");
    const { uri } = editor.document;
    const needs = await waitFor(() => lrScopeDiagnostics(uri, "input-needed")[0], "a diagnostic asking for an input");
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", uri, needs.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    const set = actions.find((a) => a.command?.command === "lrscope.setInputs");
    assert.ok(set, `a Set Inputs action among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(String(set.command!.arguments?.[0]), uri.toString());
    assert.equal(set.command!.arguments?.[1], "stepsPerEpoch");
  });
});
