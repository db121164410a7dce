import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { formatSummary, summarize } from "../../../src/core/summary";
import { api, closeAllEditors, coreSchedules, lensTitles, lrOf, lrScopeDiagnostics, openFixture, positionOf, waitFor } from "../util";

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", uri, position)) ?? [];
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === "string" ? c : c.value))).join("\n\n");
}

/**
 * Launch lines (issue 11): `torchrun ... steplr_imagenet.py --lr 0.4 --epochs 60` in a shell script and a
 * Makefile recipe override the script's argparse defaults. In the real host: the lens on the launch line is the
 * core's summary, the hover on `60` tells both values, the unknown flag is a warning on its word.
 */
suite("launch scripts", () => {
  suiteTeardown(closeAllEditors);

  test("run_steplr.sh: lens on the launch line, hover with both values, unknown flag diagnosed", async () => {
    await api();
    const editor = await openFixture("pytorch/run_steplr.sh");
    const { document } = editor;
    const core = coreSchedules(document.uri, document.getText());
    const [entry, ...others] = core.entries.filter((e) => e.schedule.source.file === document.uri.path);
    assert.ok(entry, "the core reads the launch line");
    assert.equal(others.length, 0);
    // StepLR(step_size=30, gamma=0.1) from --lr 0.4 for --epochs 60: 0.4 until epoch 29, then 0.04.
    const lr = lrOf(entry);
    assert.equal(lr.length, 60);
    assert.equal(lr[29], 0.4);
    assert.ok(Math.abs(lr[30]! - 0.04) < 1e-15);
    const lenses = await waitFor(async () => {
      const found = await lensTitles(document.uri);
      return found.length > 0 ? found : undefined;
    }, "a lens in run_steplr.sh");
    assert.deepEqual(
      lenses.map(({ title, line }) => ({ title, line })),
      [{ title: `$(graph-line) ${formatSummary(summarize(entry.schedule, entry.curve))}`, line: 3 }],
    );
    const text = await waitFor(async () => {
      const t = await hoverText(document.uri, positionOf(document, "--epochs 60", "--epochs 6".length));
      return t.includes("LR Scope") ? t : undefined;
    }, "a hover on --epochs 60");
    assert.match(text, /--epochs 60 on the launch line, over the argparse default 90/);
    const warning = await waitFor(() => lrScopeDiagnostics(document.uri, "launch-argument")[0], "the unrecognized --warmup");
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(document.getText(warning.range), "--warmup");
    assert.match(warning.message, /unrecognized arguments: --warmup/);
  });

  test("Makefile: the recipe's lens, with $(LR) and $(EPOCHS) from the same file", async () => {
    await api();
    const editor = await openFixture("pytorch/Makefile");
    const { document } = editor;
    assert.equal(document.languageId, "makefile");
    const [entry] = coreSchedules(document.uri, document.getText()).entries;
    assert.ok(entry);
    // lr := 0.01 for 40 epochs, ×0.1 at 30.
    assert.equal(lrOf(entry).length, 40);
    assert.equal(lrOf(entry)[0], 0.01);
    const lenses = await waitFor(async () => {
      const found = await lensTitles(document.uri);
      return found.length > 0 ? found : undefined;
    }, "a lens in the Makefile");
    assert.deepEqual(
      lenses.map(({ title, line }) => ({ title, line })),
      [{ title: `$(graph-line) ${formatSummary(summarize(entry.schedule, entry.curve))}`, line: 5 }],
    );
  });
});
