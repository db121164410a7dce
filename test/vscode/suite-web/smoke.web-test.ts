// Smoke tests of the browser entry (dist/web/extension.js) in the web-worker extension host: it activates, and
// its hover and CodeLens give the core's numbers for a PyTorch fixture. Only the `vscode` API and no Node
// (no fs, no assert module: the checks below are plain).
import * as vscode from "vscode";
import { formatLr } from "../../../src/core/explain";
import { evaluate } from "../../../src/core/evaluate";
import { formatSummary, summarize } from "../../../src/core/summary";
import { readSchedules } from "../../../src/dialects";

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

function same(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

async function waitFor<T>(condition: () => T | Promise<T>, what: string, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const fixtureFile = "pytorch/warmup_stepped_twice.py";

/**
 * The fixture's text, read through the workspace's file system (test-web mounts the fixture folder), in an
 * untitled document that keeps the file's name: LR Scope reads `file`, `vscode-vfs` (vscode.dev), `untitled`
 * and `vscode-remote` documents, not test-web's own `vscode-test-web` scheme.
 */
async function openFixtureCopy(): Promise<vscode.TextEditor> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  check(folder, "the mounted fixture workspace is open");
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, fixtureFile)));
  const uri = vscode.Uri.from({ scheme: "untitled", path: `/web-smoke/${fixtureFile}` });
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document);
  if (document.getText() !== text) {
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), text);
    check(await vscode.workspace.applyEdit(edit), "the fixture's text inserted");
  }
  check(editor.document.languageId === "python", `a Python document (${editor.document.languageId})`);
  return editor;
}

function coreOf(document: vscode.TextDocument) {
  const result = readSchedules(document.uri.path, document.getText());
  return result.schedules.map((schedule) => ({ schedule, curve: evaluate(schedule) }));
}

suite("web extension host (browser entry)", () => {
  teardown(async () => {
    await vscode.commands.executeCommand("workbench.action.revertAndCloseActiveEditor");
  });

  test("LR Scope activates in the web worker, from its browser entry", async () => {
    check(vscode.env.uiKind === vscode.UIKind.Web, "a web workbench");
    check(typeof (globalThis as { process?: unknown }).process === "undefined" || typeof navigator !== "undefined", "a browser worker");
    const extension = vscode.extensions.getExtension("lrscope.lrscope");
    check(extension, "LR Scope is installed");
    check(String((extension.packageJSON as { browser?: string }).browser).endsWith("dist/web/extension.js"), "the manifest's browser entry");
    await openFixtureCopy();
    await waitFor(() => extension.isActive, "LR Scope to activate");
    const commands = await vscode.commands.getCommands(true);
    for (const c of ["lrscope.openPreview", "lrscope.setEpoch", "lrscope.showSchedules"]) check(commands.includes(c), `${c} registered`);
  });

  test("hover: the LR at the chosen epoch is the core's", async () => {
    const editor = await openFixtureCopy();
    const [entry] = coreOf(editor.document);
    check(entry && entry.curve.total === 100, "the core reads the 100-epoch schedule");
    const epoch = vscode.workspace.getConfiguration("lrscope").get<number>("epoch") ?? 0;
    const at = editor.document.positionAt(editor.document.getText().indexOf("SequentialLR(optimizer") + 2);
    const markdown = await waitFor(async () => {
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", editor.document.uri, at)) ?? [];
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === "string" ? c : c.value))).join("\n");
      return text.includes("**LR Scope**") ? text : undefined;
    }, "LR Scope's hover");
    const shown = new RegExp(`LR at epoch ${epoch}[^:]*: \\*\\*([^*]+)\\*\\*`).exec(markdown)?.[1];
    same(shown, formatLr(entry.curve.groups[0]![epoch]!), `the LR at epoch ${epoch}`);
  });

  test("CodeLens: the title is the core's summary", async () => {
    const editor = await openFixtureCopy();
    const expected = coreOf(editor.document).map((e) => `$(graph-line) ${formatSummary(summarize(e.schedule, e.curve))}`);
    const titles = await waitFor(async () => {
      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>("vscode.executeCodeLensProvider", editor.document.uri, 10)) ?? [];
      const mine = lenses.filter((l) => l.command?.command === "lrscope.openPreview").map((l) => l.command!.title);
      return mine.length > 0 ? mine : undefined;
    }, "LR Scope's lens");
    same(titles, expected, "CodeLens titles");
  });
});
