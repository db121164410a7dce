import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { formatSummary, summarize } from "../../../src/core/summary";
import { isSupportedFile } from "../../../src/dialects";
import type { TreeRow } from "../../../src/extension/api";
import { indexInclude } from "../../../src/extension/workspaceIndex";
import { api, coreSchedules, waitFor } from "../util";

/**
 * What the "LR Schedules" view must list for the fixture workspace, computed with the core from every file a
 * reader takes (so a fixture added with a new reader is expected without editing this test): a folder row per
 * folder, then its files' schedules, each with the core's summary.
 */
async function expectedRows(): Promise<TreeRow[]> {
  const uris = (await vscode.workspace.findFiles(indexInclude)).filter((u) => isSupportedFile(u.path));
  const files: { path: string; uri: vscode.Uri; schedules: { name: string; summary: string }[] }[] = [];
  for (const uri of uris) {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const entries = coreSchedules(uri, text).entries;
    if (entries.length > 0) files.push({ path: vscode.workspace.asRelativePath(uri, false), uri, schedules: entries.map((e) => ({ name: e.schedule.name, summary: formatSummary(summarize(e.schedule, e.curve)) })) });
  }
  const byPath = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  files.sort((a, b) => byPath(a.path, b.path));
  const folderOf = (p: string): string => (p.includes("/") ? p.slice(0, p.lastIndexOf("/")) : "");
  const folders = [...new Set(files.map((f) => folderOf(f.path)))].sort(byPath);
  const rows: TreeRow[] = [];
  const fileRows = (folder: string): TreeRow[] =>
    files
      .filter((f) => folderOf(f.path) === folder)
      .flatMap((f) => f.schedules.map((s) => ({ kind: "schedule" as const, label: f.schedules.length > 1 ? `${f.path.split("/").pop()} · ${s.name}` : f.path.split("/").pop()!, description: s.summary, uri: f.uri.toString(), parent: folder })));
  if (folders.length === 1 && folders[0] === "") return fileRows("");
  for (const folder of folders) rows.push({ kind: "folder", label: folder, parent: "" }, ...fileRows(folder));
  return rows;
}

suite("LR Schedules view", () => {
  test("lists every schedule of the fixture workspace, grouped by folder, with the core's summaries", async () => {
    const lr = await api();
    // Showing the view starts the index.
    await vscode.commands.executeCommand("lrscope.schedules.focus");
    const expected = await expectedRows();
    assert.ok(expected.some((r) => r.label === "steplr_imagenet.py"), "the PyTorch fixtures have schedules");
    let rows: TreeRow[] = [];
    await waitFor(async () => {
      rows = await lr.scheduleTreeRows();
      try {
        assert.deepEqual(rows, expected);
        return true;
      } catch {
        return false;
      }
    }, "the view to list the expected rows", 20_000).catch(() => undefined);
    assert.deepEqual(rows, expected);
    // Back to the file explorer.
    await vscode.commands.executeCommand("workbench.view.explorer");
  });
});
