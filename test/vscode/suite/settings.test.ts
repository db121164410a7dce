import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { MAX_TICKS } from "../../../src/core/evaluate";
import { readSettings } from "../../../src/extension/settings";
import { api, closeAllEditors, coreSchedules, fixture, introduceShortTmax, lensTitles, lrScopeDiagnostics, openFixture, positionOf, revertActive, setUserSetting, waitFor, withoutAutoSave } from "../util";

/** Each `lrscope.*` setting, changed in the user settings, takes effect at once; each is put back after. */
suite("settings", () => {
  withoutAutoSave();
  const touched = ["codeLens.enabled", "hover.enabled", "statusBar.enabled", "diagnostics.rules", "stepsPerEpoch", "workspaceIndex.enabled", "maxTicks"];
  teardown(async () => {
    await revertActive();
    await closeAllEditors();
    for (const key of touched) await vscode.workspace.getConfiguration("lrscope").update(key, undefined, vscode.ConfigurationTarget.Global);
  });

  test("lrscope.codeLens.enabled: off, no lenses; on again, they are back", async () => {
    await api();
    const { document } = await openFixture("pytorch/steplr_imagenet.py");
    await waitFor(async () => (await lensTitles(document.uri)).length === 1, "the lens");
    await setUserSetting("codeLens.enabled", false);
    await waitFor(async () => (await lensTitles(document.uri)).length === 0, "no lens");
    await setUserSetting("codeLens.enabled", true);
    await waitFor(async () => (await lensTitles(document.uri)).length === 1, "the lens again");
  });

  test("lrscope.hover.enabled: off, LR Scope gives no hover", async () => {
    await api();
    const { document } = await openFixture("pytorch/steplr_imagenet.py");
    const position = positionOf(document, "StepLR(optimizer", 2);
    const ours = async (): Promise<boolean> => ((await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", document.uri, position)) ?? []).some((h) => h.contents.some((c) => (typeof c === "string" ? c : c.value).includes("**LR Scope**")));
    await waitFor(ours, "LR Scope's hover");
    await setUserSetting("hover.enabled", false);
    await waitFor(async () => !(await ours()), "no LR Scope hover");
  });

  test("lrscope.statusBar.enabled: off, the status bar item is hidden", async () => {
    const lr = await api();
    await openFixture("pytorch/steplr_imagenet.py");
    await waitFor(() => lr.statusBar()?.visible, "the status bar item");
    await setUserSetting("statusBar.enabled", false);
    await waitFor(() => lr.statusBar()?.visible === false, "the item hidden");
  });

  test("lrscope.diagnostics.rules: a rule turned off loses its diagnostic, others stay", async () => {
    await api();
    const editor = await openFixture("pytorch/cosine_per_batch.py");
    const { uri } = editor.document;
    await introduceShortTmax(editor);
    await waitFor(() => lrScopeDiagnostics(uri, "tmax-shorter-than-training").length === 1, "the T_max warning");
    await setUserSetting("diagnostics.rules", { "tmax-shorter-than-training": false });
    await waitFor(() => lrScopeDiagnostics(uri, "tmax-shorter-than-training").length === 0, "the warning gone");
    await setUserSetting("diagnostics.rules", { "tmax-shorter-than-training": true });
    await waitFor(() => lrScopeDiagnostics(uri, "tmax-shorter-than-training").length === 1, "the warning back");
  });

  test("lrscope.stepsPerEpoch: a file that could not say its length is drawn with the setting", async function () {
    const lr = await api();
    const uri = fixture("huggingface/training_args.json");
    const document = await vscode.workspace.openTextDocument(uri);
    const before = await lr.schedulesOf(uri);
    if (before.entries.length === 0) this.skip(); // the Hugging Face reader has not landed
    assert.equal(before.entries[0]!.curve.total, 0);
    await setUserSetting("stepsPerEpoch", 1251);
    const after = await waitFor(async () => {
      const doc = await lr.schedulesOf(uri);
      return doc.entries[0]!.curve.total > 0 ? doc : undefined;
    }, "the curve drawn");
    const core = coreSchedules(uri, document.getText(), { stepsPerEpoch: 1251 }).entries[0]!;
    assert.equal(after.entries[0]!.curve.total, core.curve.total);
    assert.deepEqual(Array.from(after.entries[0]!.curve.groups[0]!), Array.from(core.curve.groups[0]!));
  });

  test("lrscope.maxTicks: the reader's default is 10^7 and it reads a changed value (a bad one falls back)", async () => {
    assert.equal(readSettings().maxTicks, MAX_TICKS);
    assert.equal(MAX_TICKS, 10_000_000);
    await setUserSetting("maxTicks", 123.7);
    assert.equal(readSettings().maxTicks, 123);
    await setUserSetting("maxTicks", -5);
    assert.equal(readSettings().maxTicks, MAX_TICKS);
  });

  test("lrscope.maxTicks: a curve over the limit is refused with a diagnostic that names the setting; raised, it is drawn", async () => {
    const lr = await api();
    const { document } = await openFixture("pytorch/steplr_imagenet.py");
    const { uri } = document;
    // 90 epochs (--epochs default 90, stepped once per epoch): refused under a limit of 89, drawn under 90.
    await waitFor(async () => (await lr.schedulesOf(uri)).entries[0]?.curve.total === 90, "the 90-epoch curve");
    await setUserSetting("maxTicks", 89);
    const [refused] = await waitFor(() => { const d = lrScopeDiagnostics(uri, "too-many-ticks"); return d.length > 0 ? d : undefined; }, "the refusal");
    assert.match(refused!.message, /90 epochs is more than the 89 evaluated at most\. To draw it, raise the setting lrscope\.maxTicks \(now 89\)/);
    assert.equal((await lr.schedulesOf(uri)).entries[0]!.curve.total, 0);
    await setUserSetting("maxTicks", 90);
    await waitFor(() => lrScopeDiagnostics(uri, "too-many-ticks").length === 0, "the refusal gone");
    assert.equal((await lr.schedulesOf(uri)).entries[0]!.curve.total, 90);
  });

  test("lrscope.workspaceIndex.enabled: off, the LR Schedules view is empty; on, it lists the schedules again", async () => {
    const lr = await api();
    await vscode.commands.executeCommand("lrscope.refreshSchedules");
    await waitFor(async () => (await lr.scheduleTreeRows()).length > 0, "rows");
    await setUserSetting("workspaceIndex.enabled", false);
    // The settings change re-reads everything; with indexing off, the index scans nothing.
    await waitFor(async () => (await lr.scheduleTreeRows()).length === 0, "an empty view");
    await vscode.commands.executeCommand("lrscope.refreshSchedules");
    assert.deepEqual(await lr.scheduleTreeRows(), [], "Refresh does nothing while indexing is off");
    await setUserSetting("workspaceIndex.enabled", true);
    await waitFor(async () => (await lr.scheduleTreeRows()).some((r) => r.label === "steplr_imagenet.py"), "the rows back once on");
  });
});
