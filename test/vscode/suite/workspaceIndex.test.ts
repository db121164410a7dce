import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { formatSummary, summarize } from "../../../src/core/summary";
import type { TreeRow } from "../../../src/extension/api";
import { api, coreSchedules, fixture, waitFor } from "../util";

/**
 * The workspace index follows `_base_` files: when a base changes on disk, the configs that read it are read
 * again (format/dependencies.ts in workspaceIndex.ts), so the "LR Schedules" view shows their new summaries
 * without a refresh. The files are written into a folder of the fixture workspace and removed afterwards.
 */
const folder = "mmengine/index-deps";
const base = (epochs: number): string =>
  [
    "# lrscope: steps_per_epoch=100",
    `train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=${epochs}, val_interval=1)`,
    `param_scheduler = [dict(type='MultiStepLR', begin=0, end=${epochs}, by_epoch=True, milestones=[8, 11], gamma=0.1)]`,
    "optim_wrapper = dict(type='OptimWrapper', optimizer=dict(type='SGD', lr=0.02, momentum=0.9))",
    "",
  ].join("\n");
const child = ["# lrscope: steps_per_epoch=100", "_base_ = ['./base.py']", "optim_wrapper = dict(optimizer=dict(lr=0.01))", ""].join("\n");
const other = ["# lrscope: steps_per_epoch=100", "train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=7)", "param_scheduler = [dict(type='CosineAnnealingLR', T_max=7, by_epoch=True)]", "optim_wrapper = dict(optimizer=dict(type='SGD', lr=0.1))", ""].join("\n");

async function write(rel: string, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(fixture(`${folder}/${rel}`), new TextEncoder().encode(text));
}

/** The summary the core computes for a file of the folder, reading its bases from disk. */
function expectedSummary(rel: string, text: string): string {
  const entry = coreSchedules(fixture(`${folder}/${rel}`), text).entries[0];
  assert.ok(entry, `${rel} has a schedule`);
  return formatSummary(summarize(entry.schedule, entry.curve));
}

suite("workspace index", () => {
  suiteTeardown(async () => {
    await vscode.workspace.fs.delete(fixture(folder), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  test("a changed _base_ file refreshes the configs that read it", async function () {
    this.timeout(60_000);
    const lr = await api();
    await vscode.commands.executeCommand("lrscope.schedules.focus");
    await write("base.py", base(12));
    await write("child.py", child);
    await write("other.py", other);
    const row = async (label: string): Promise<TreeRow | undefined> => (await lr.scheduleTreeRows()).find((r) => r.parent === folder && r.label === label);
    const before = expectedSummary("child.py", child);
    assert.match(before, /12 ep/);
    await waitFor(async () => (await row("child.py"))?.description === before && (await row("other.py")) !== undefined, "the new configs in the view", 20_000);
    const otherBefore = (await row("other.py"))!.description;

    // Only the base changes on disk; child.py is not touched, yet its schedule is read again.
    await write("base.py", base(24));
    const after = expectedSummary("child.py", child);
    assert.match(after, /24 ep/);
    assert.notEqual(after, before);
    await waitFor(async () => (await row("child.py"))?.description === after, "child.py's summary after its base changed", 20_000);
    assert.equal((await row("other.py"))?.description, otherBefore);
    await vscode.commands.executeCommand("workbench.view.explorer");
  });
});
