import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { formatLr } from "../../../src/core/explain";
import { formatSummary, summarize } from "../../../src/core/summary";
import { answerInputBox, api, askHarness, closeAllEditors, coreSchedules, fixture, harnessAnswers, keepWorkspaceSettingsClean, lensTitles, lrOf, lrScopeDiagnostics, revertActive, screenshot, waitFor, withoutAutoSave } from "../util";

const notebookPath = "notebooks/finetune.ipynb";

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", uri, position)) ?? [];
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === "string" ? c : c.value))).join("\n\n");
}

/**
 * Runs a provider command on a cell once the workbench has the cell's text model: it makes one when the cell
 * is rendered (the notebook list renders what is in view), and until then `vscode.executeCodeLensProvider`
 * fails with "Illegal argument". So: reveal the cell, and retry while that is the answer.
 */
async function onCell<T>(editor: vscode.NotebookEditor, cell: vscode.NotebookCell, run: () => Thenable<T>): Promise<T> {
  editor.revealRange(new vscode.NotebookRange(cell.index, cell.index + 1), vscode.NotebookEditorRevealType.InCenterIfOutsideViewport);
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return await run();
    } catch (e) {
      if (!(e instanceof Error && /Illegal argument/.test(e.message))) throw e;
      if (Date.now() > deadline) {
        await screenshot(`notebook-cell-${cell.index}-no-model`);
        throw e;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** The position of `text` in a cell (plus `offset` characters). */
function inCell(cell: vscode.NotebookCell, text: string, offset = 0): vscode.Position {
  const at = cell.document.getText().indexOf(text);
  assert.ok(at >= 0, `${text} is in cell ${cell.index}`);
  return cell.document.positionAt(at + offset);
}

/**
 * A Jupyter notebook opened as a notebook (the built-in `vscode.ipynb` serializer of the host): its cells are
 * text documents of scheme `vscode-notebook-cell`; LR Scope reads the code cells in order as one program and
 * gives each cell its own hovers, CodeLens and diagnostics. The fixture: lr and epochs in cell 2, the
 * optimizer in cell 4, MultiStepLR(milestones=[3, 6, 12]) in cell 6, the loop in cell 7 (markdown cells 0, 3).
 */
suite("notebooks", () => {
  keepWorkspaceSettingsClean();
  withoutAutoSave();
  suiteTeardown(closeAllEditors);

  test("hover, CodeLens and diagnostics in the cells of a .ipynb, from all its cells, unsaved edits included", async function () {
    // Opening a notebook starts the ipynb extension, and the steps wait on the workbench: slow on a busy machine.
    this.timeout(120_000);
    await api();
    const uri = fixture(notebookPath);
    const notebook = await vscode.workspace.openNotebookDocument(uri);
    assert.equal(notebook.notebookType, "jupyter-notebook");
    const editor = await vscode.window.showNotebookDocument(notebook);
    const settings = notebook.cellAt(2);
    const scheduler = notebook.cellAt(6);
    assert.equal(scheduler.document.uri.scheme, "vscode-notebook-cell");
    assert.equal(scheduler.document.languageId, "python");

    // What the core computes from the file: one schedule, in cell 6.
    const core = coreSchedules(uri, new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
    assert.equal(core.entries.length, 1);
    const [entry] = core.entries;
    assert.equal(entry!.schedule.source.cell, 6);

    // CodeLens: above the scheduler in cell 6, with the core's summary; none in the other cells.
    const lenses = await waitFor(async () => {
      const l = await onCell(editor, scheduler, () => lensTitles(scheduler.document.uri));
      return l.length > 0 ? l : undefined;
    }, "a CodeLens in the scheduler's cell", 20_000);
    assert.deepEqual(
      lenses.map((l) => [l.line, l.title]),
      [[0, `$(graph-line) ${formatSummary(summarize(entry!.schedule, entry!.curve))}`]],
    );
    assert.deepEqual(await onCell(editor, settings, () => lensTitles(settings.document.uri)), []);
    assert.deepEqual(await onCell(editor, notebook.cellAt(7), () => lensTitles(notebook.cellAt(7).document.uri)), []);

    // Hover on `gamma=0.1` in cell 6 and on `epochs = 8` in cell 2 (a value the schedule used from another cell).
    await vscode.commands.executeCommand("lrscope.setEpoch", 4);
    await waitFor(() => vscode.workspace.getConfiguration("lrscope").get<number>("epoch") === 4, "lrscope.epoch = 4");
    const expected = formatLr(lrOf(entry!)[4]!);
    for (const [cell, at] of [
      [scheduler, "gamma=0.1"],
      [settings, "epochs = 8"],
    ] as const) {
      const markdown = await waitFor(async () => {
        const text = await onCell(editor, cell, () => hoverText(cell.document.uri, inCell(cell, at, at.length - 1)));
        return /LR at epoch 4/.test(text) ? text : undefined;
      }, `a hover in cell ${cell.index} at ${at}`);
      assert.match(markdown, new RegExp(`LR at epoch 4[^:]*: \\*\\*${expected.replace(/\./g, "\\.")}\\*\\*`), `cell ${cell.index}: LR at epoch 4 is ${lrOf(entry!)[4]}`);
    }
    // No hover away from what the schedule used (the import in cell 2).
    assert.doesNotMatch(await onCell(editor, settings, () => hoverText(settings.document.uri, inCell(settings, "import torch", 3))), /LR at epoch/);

    // Diagnostics: milestone 12 is never reached in 8 epochs, on `12` in cell 6, and nowhere else.
    const milestone = await waitFor(() => lrScopeDiagnostics(scheduler.document.uri, "milestone-past-end")[0], "milestone-past-end in cell 6", 20_000);
    const twelve = inCell(scheduler, "12]");
    assert.deepEqual([milestone.range.start.line, milestone.range.start.character, milestone.range.end.character], [twelve.line, twelve.character, twelve.character + 2]);
    for (const i of [1, 2, 4, 5, 7]) assert.deepEqual(lrScopeDiagnostics(notebook.cellAt(i).document.uri), [], `no LR Scope diagnostic in cell ${i}`);
    editor.revealRange(new vscode.NotebookRange(4, 7), vscode.NotebookEditorRevealType.AtTop);
    await screenshot("notebook");

    // An unsaved edit in cell 2 (20 epochs) changes the schedule of cell 6: the milestone is reached, the lens says 20 epochs.
    const edit = new vscode.WorkspaceEdit();
    const eight = inCell(settings, "epochs = 8", "epochs = ".length);
    edit.replace(settings.document.uri, new vscode.Range(eight, eight.translate(0, 1)), "20");
    assert.ok(await vscode.workspace.applyEdit(edit));
    try {
      await waitFor(() => lrScopeDiagnostics(scheduler.document.uri, "milestone-past-end").length === 0, "the diagnostic of cell 6 to go after the edit in cell 2", 20_000);
      const after = await waitFor(async () => {
        const l = await onCell(editor, scheduler, () => lensTitles(scheduler.document.uri));
        return l[0] && l[0].title !== lenses[0]!.title ? l : undefined;
      }, "the lens of cell 6 to follow the edit in cell 2", 20_000);
      assert.match(after[0]!.title, /20/);
    } finally {
      await vscode.window.showNotebookDocument(notebook);
      await revertActive();
    }
    await waitFor(() => !notebook.isDirty, "the notebook reverted");
  });

  test("the preview names the schedule's cell, and its source link opens that cell at the line", async function () {
    if (!harnessAnswers()) this.skip();
    this.timeout(120_000);
    const lr = await api();
    const notebook = await vscode.workspace.openNotebookDocument(fixture(notebookPath));
    const editor = await vscode.window.showNotebookDocument(notebook);
    const scheduler = notebook.cellAt(6);
    editor.revealRange(new vscode.NotebookRange(6, 7), vscode.NotebookEditorRevealType.InCenterIfOutsideViewport);
    await vscode.window.showTextDocument(scheduler.document, { viewColumn: editor.viewColumn });
    await vscode.commands.executeCommand("lrscope.openPreviewToSide");
    const shown = await waitFor(() => lr.previews().find((p) => p.data?.schedules[0]?.source.cell !== undefined)?.data, "a preview of the notebook's schedule");
    assert.equal(shown.schedules[0]!.source.cell, 6);
    const line = shown.schedules[0]!.source.line;
    // The page's link: "finetune.ipynb cell 7:<line>". The preview follows the active cell: with cell 2 active
    // (the same notebook, so the same schedule), clicking it must still land in cell 6 (0-based) at that line.
    const settings = notebook.cellAt(2).document;
    editor.revealRange(new vscode.NotebookRange(2, 3), vscode.NotebookEditorRevealType.InCenterIfOutsideViewport);
    await waitFor(async () => vscode.window.showTextDocument(settings, { viewColumn: editor.viewColumn }).then(() => true, () => false), "cell 2's editor");
    await waitFor(() => lr.previews()[0]?.data?.source === settings.uri.toString(), "the preview to follow cell 2");
    await askHarness({ action: "click", selector: "a.source", source: settings.uri.toString() });
    const landed = await waitFor(() => {
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.toString() === scheduler.document.uri.toString() ? active : undefined;
    }, "the scheduler's cell to be the active editor after the click", 20_000);
    assert.equal(landed.selection.active.line, line - 1);
  });

  test("Set Inputs from a cell stores the notebook's inputs, which every cell's schedules read", async function () {
    if (!harnessAnswers()) this.skip();
    const lr = await api();
    const uri = fixture(notebookPath);
    const notebook = await vscode.workspace.openNotebookDocument(uri);
    await vscode.window.showNotebookDocument(notebook);
    const scheduler = notebook.cellAt(6).document.uri;
    const running = vscode.commands.executeCommand("lrscope.setInputs", scheduler, "stepsPerEpoch");
    assert.ok(await answerInputBox("391"));
    await running;
    try {
      // Stored for the notebook (not for the cell's own URI), and read for every cell.
      assert.deepEqual(lr.perFileInputs(uri), { stepsPerEpoch: 391 });
      assert.deepEqual(lr.perFileInputs(notebook.cellAt(2).document.uri), { stepsPerEpoch: 391 });
      const doc = await lr.schedulesOf(scheduler);
      assert.equal(doc.inputs.stepsPerEpoch, 391);
      assert.equal(doc.entries[0]?.schedule.source.cell, 6);
    } finally {
      const clearing = vscode.commands.executeCommand("lrscope.setInputs", scheduler, "stepsPerEpoch");
      assert.ok(await answerInputBox(""));
      await clearing;
    }
    assert.deepEqual(lr.perFileInputs(uri), {});
  });
});
