import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { formatLr } from "../../../src/core/explain";
import { api, closeAllEditors, coreSchedules, keepWorkspaceSettingsClean, lrOf, openFixture, positionOf, waitFor } from "../util";

/** The Markdown of every hover VS Code's hover providers give at a place (all providers, as the editor asks them). */
async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", uri, position)) ?? [];
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === "string" ? c : c.value))).join("\n\n");
}

/** The LR the hover shows, as the hover writes it: `LR at epoch 37: **0.0572302**`. */
function shownLr(markdown: string, epoch: number): string | undefined {
  return new RegExp(`LR at epoch ${epoch}[^:]*: \\*\\*([^*]+)\\*\\*`).exec(markdown)?.[1];
}

async function chosenEpoch(epoch: number): Promise<void> {
  await vscode.commands.executeCommand("lrscope.setEpoch", epoch);
  await waitFor(() => vscode.workspace.getConfiguration("lrscope").get<number>("epoch") === epoch, `lrscope.epoch = ${epoch}`);
}

/**
 * `vscode.executeHoverProvider` on a scheduler line: the LR at the chosen epoch, exactly the core's value (as
 * the hover prints numbers: formatLr, six significant digits), and the new value after `lrscope.setEpoch`.
 */
suite("hover", () => {
  // Set Epoch writes the workspace settings: removed again after the suite.
  keepWorkspaceSettingsClean();
  suiteTeardown(closeAllEditors);

  const cases = [
    { file: "pytorch/warmup_stepped_twice.py", at: "SequentialLR(optimizer", epochs: [0, 37, 99] },
    { file: "pytorch/steplr_imagenet.py", at: "StepLR(optimizer", epochs: [29, 30] },
  ];

  for (const { file, at, epochs } of cases) {
    test(`${file}: the LR at the chosen epoch is the core's, before and after Set Epoch`, async () => {
      await api();
      const editor = await openFixture(file);
      const { uri } = editor.document;
      const [entry] = coreSchedules(uri, editor.document.getText()).entries;
      assert.ok(entry && entry.curve.unit === "epoch", `${file}: one schedule stepped per epoch`);
      const lr = lrOf(entry);
      const position = positionOf(editor.document, at, 2);
      for (const epoch of epochs) {
        await chosenEpoch(epoch);
        const expected = formatLr(lr[epoch]!);
        // The hover reads the setting when asked: once it says the new epoch, compare.
        const markdown = await waitFor(async () => {
          const text = await hoverText(uri, position);
          return shownLr(text, epoch) !== undefined ? text : undefined;
        }, `a hover for epoch ${epoch}`);
        assert.equal(shownLr(markdown, epoch), expected, `LR at epoch ${epoch}: the core computes ${lr[epoch]}`);
        assert.ok(markdown.includes("**LR Scope**"), "the hover is LR Scope's");
      }
    });
  }

  test("no hover away from the schedule, and the hover names the value under the cursor", async () => {
    await api();
    const editor = await openFixture("pytorch/steplr_imagenet.py");
    const { uri } = editor.document;
    assert.equal(shownLr(await hoverText(uri, positionOf(editor.document, "import argparse", 3)), 0), undefined);
    // `--lr` default feeds the base LR: hovering it shows the schedule, with where the value comes from.
    await chosenEpoch(0);
    const text = await hoverText(uri, positionOf(editor.document, "step_size=30", "step_size=".length));
    assert.equal(shownLr(text, 0), "0.1");
    assert.match(text, /This value/);
  });
});
