import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { lrScope, openFixture, waitFor } from "../util";

suite("activation", () => {
  test("activates in a workspace with a PyTorch script, once the script is open", async () => {
    await openFixture("pytorch/steplr_imagenet.py");
    const extension = lrScope();
    await waitFor(() => extension.isActive, "LR Scope to activate");
    assert.equal(typeof extension.exports.schedulesOf, "function", "activate() returns the test API");
  });

  test("registers every command that package.json contributes", async () => {
    const manifest = lrScope().packageJSON as { contributes: { commands: { command: string }[] } };
    const contributed = manifest.contributes.commands.map((c) => c.command);
    assert.ok(contributed.length > 0);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      contributed.filter((c) => !registered.has(c)),
      [],
      "contributed commands that are not registered",
    );
  });
});
