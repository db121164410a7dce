import * as vscode from "vscode";
import { probes, type TreeRow } from "../api";
import { Command } from "../commands";
import type { Feature } from "../context";
import { baseName, groupByFolder, type FolderGroup, type IndexedFile, type IndexedSchedule } from "../format/tree";
import { registerGuardedCommand } from "../guardedCommand";
import { WorkspaceIndex } from "../workspaceIndex";

type Node = { readonly kind: "folder"; readonly group: FolderGroup } | { readonly kind: "schedule"; readonly file: IndexedFile; readonly schedule: IndexedSchedule; readonly many: boolean } | { readonly kind: "note"; readonly text: string };

/**
 * The "LR Schedules" view in the Explorer: every schedule of the workspace grouped by folder, each with its
 * summary; a click opens the preview. Indexing starts when the view is first shown.
 */
export const scheduleTree: Feature = ({ store, settings, output }) => {
  const index = new WorkspaceIndex(store, settings, output);
  const changed = new vscode.EventEmitter<undefined>();
  const provider: vscode.TreeDataProvider<Node> = {
    onDidChangeTreeData: changed.event,
    getChildren(node) {
      if (!node) {
        const groups = groupByFolder(index.entries());
        const out: Node[] = groups.length === 1 && groups[0]!.folder === "" ? children(groups[0]!) : groups.map((group) => ({ kind: "folder", group }));
        const skipped = index.skippedFiles().length;
        if (skipped > 0) out.push({ kind: "note", text: vscode.l10n.t("{0} files over 2 MB were skipped (see the LR Scope output)", skipped) });
        if (index.isScanning && out.length > 0) out.push({ kind: "note", text: vscode.l10n.t("Indexing…") });
        return out;
      }
      return node.kind === "folder" ? children(node.group) : [];
    },
    getTreeItem(node) {
      if (node.kind === "folder") {
        const item = new vscode.TreeItem(node.group.folder === "" ? vscode.l10n.t("(workspace root)") : node.group.folder, vscode.TreeItemCollapsibleState.Expanded);
        item.iconPath = vscode.ThemeIcon.Folder;
        item.contextValue = "lrscope.folder";
        return item;
      }
      if (node.kind === "note") {
        const item = new vscode.TreeItem(node.text);
        item.iconPath = new vscode.ThemeIcon("info");
        return item;
      }
      const uri = vscode.Uri.parse(node.file.uri);
      const name = baseName(node.file.relativePath);
      const item = new vscode.TreeItem(node.many ? `${name} · ${node.schedule.name}` : name);
      item.description = node.schedule.summary;
      const cell = node.schedule.cell === undefined ? "" : ` cell ${node.schedule.cell + 1}`;
      item.tooltip = `${node.file.relativePath}${cell}:${node.schedule.line + 1} · ${node.schedule.name}\n${node.schedule.summary}`;
      item.resourceUri = uri;
      item.iconPath = new vscode.ThemeIcon("graph-line");
      item.contextValue = "lrscope.schedule";
      item.command = { command: Command.OpenPreview, title: vscode.l10n.t("Open Preview"), arguments: [uri] };
      return item;
    },
  };
  const view = vscode.window.createTreeView("lrscope.schedules", { treeDataProvider: provider, showCollapseAll: true });
  let pending: ReturnType<typeof setTimeout> | undefined;
  const fire = (): void => {
    // Batches of index updates become one redraw.
    if (pending) return;
    pending = setTimeout(() => {
      pending = undefined;
      changed.fire(undefined);
    }, 100);
  };
  if (view.visible) index.start();
  // The rows as shown, for the integration tests (api.ts).
  probes.tree = async () => {
    const rows: TreeRow[] = [];
    const walk = async (nodes: Node[], parent: string): Promise<void> => {
      for (const node of nodes) {
        const item = await provider.getTreeItem(node);
        const label = typeof item.label === "string" ? item.label : (item.label?.label ?? "");
        rows.push({ kind: node.kind, label, parent, ...(typeof item.description === "string" ? { description: item.description } : {}), ...(item.resourceUri ? { uri: item.resourceUri.toString() } : {}) });
        if (node.kind === "folder") await walk((await provider.getChildren(node)) ?? [], label);
      }
    };
    await walk((await provider.getChildren(undefined)) ?? [], "");
    return rows;
  };
  return vscode.Disposable.from(
    index,
    changed,
    view,
    index.onDidChange(fire),
    view.onDidChangeVisibility((e) => e.visible && index.start()),
    registerGuardedCommand(Command.RefreshSchedules, vscode.l10n.t("Refresh LR Schedules"), async () => {
      if (!settings().workspaceIndex) return;
      index.start();
      await index.refresh();
    }),
    { dispose: () => pending && clearTimeout(pending) },
  );
};

function children(group: FolderGroup): Node[] {
  return group.files.flatMap((file) => file.schedules.map((schedule): Node => ({ kind: "schedule", file, schedule, many: file.schedules.length > 1 })));
}
