import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { lrScope, sleep, workspaceRoot } from "../util";

/** test/fixtures/empty holds no file of any supported framework: LR Scope must stay asleep there. */
suite("a workspace without training files", () => {
  test("LR Scope is installed but not activated", async () => {
    const extension = lrScope();
    // Give workspaceContains and onStartupFinished activation a chance to happen if they were going to.
    await sleep(3000);
    assert.equal(extension.isActive, false, "LR Scope activated in a workspace without any supported file");
  });

  test("opening a file of another kind does not activate it", async () => {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceRoot(), "README.md"));
    await vscode.window.showTextDocument(document);
    await sleep(1000);
    assert.equal(lrScope().isActive, false);
  });
});
