import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { formatReport } from "../../../src/text/report";
import { api, closeAllEditors, coreSchedules, lrOf, openFixture } from "../util";

/** `lrscope.showSchedules` writes the core's text report to the output channel and resolves to its lines. */
suite("command: Show Learning-Rate Schedules of This File", () => {
  teardown(closeAllEditors);

  for (const file of ["pytorch/steplr_imagenet.py", "pytorch/cosine_per_batch.py"]) {
    test(`writes exactly the core's report of ${file}`, async () => {
      await api();
      const editor = await openFixture(file);
      const lines = await vscode.commands.executeCommand<string[]>("lrscope.showSchedules");
      const expected = coreSchedules(editor.document.uri, editor.document.getText());
      assert.equal(expected.entries.length, 1);
      assert.deepEqual(lines, formatReport({ file: vscode.workspace.asRelativePath(editor.document.uri), entries: expected.entries }));
    });
  }

  test("says what to do when no editor is open", async () => {
    await api();
    await closeAllEditors();
    const lines = await vscode.commands.executeCommand<string[]>("lrscope.showSchedules");
    assert.deepEqual(lines, []);
  });
});

/** The numbers behind every view: the extension's schedule store against the core, and against PyTorch's formulas. */
suite("schedules of the PyTorch fixtures", () => {
  teardown(closeAllEditors);

  test("StepLR stepped per epoch: 0.1, ×0.1 every 30 epochs, 90 epochs", async () => {
    const editor = await openFixture("pytorch/steplr_imagenet.py");
    const doc = await (await api()).schedulesOf(editor.document.uri);
    assert.deepEqual(doc.dialects, ["pytorch"]);
    const [entry] = doc.entries;
    assert.ok(entry);
    assert.equal(entry.curve.unit, "epoch");
    assert.equal(entry.curve.total, 90);
    const lr = lrOf(entry);
    // torch.optim.lr_scheduler.StepLR: lr = 0.1 * 0.1 ** (epoch // 30), multiplied step by step.
    assert.deepEqual([lr[0], lr[29], lr[59], lr[89]], [0.1, 0.1, 0.1 * 0.1, 0.1 * 0.1 * 0.1]);
    assert.deepEqual(lr, lrOf(coreSchedules(editor.document.uri, editor.document.getText()).entries[0]!));
  });

  test("warmup then cosine, stepped after every batch: 5000 steps", async () => {
    const editor = await openFixture("pytorch/cosine_per_batch.py");
    const doc = await (await api()).schedulesOf(editor.document.uri);
    const [entry] = doc.entries;
    assert.ok(entry);
    assert.equal(entry.curve.unit, "step");
    assert.equal(entry.curve.total, 5000);
    const lr = lrOf(entry);
    assert.ok(Math.abs(lr[0]! - 6e-4 * 1e-3) < 1e-15, `first step at start_factor × lr, got ${lr[0]}`);
    assert.ok(Math.abs(lr[200]! - 6e-4) < 1e-12, `peak after warmup, got ${lr[200]}`);
    assert.ok(lr[4999]! > 6e-5 && lr[4999]! < 6.01e-5, `ends near eta_min, got ${lr[4999]}`);
    assert.deepEqual(lr, lrOf(coreSchedules(editor.document.uri, editor.document.getText()).entries[0]!));
  });
});
