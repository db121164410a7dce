import * as vscode from "vscode";
import { formatSummary, summarize } from "../core/summary";
import { isSupportedFile } from "../dialects";
import { DependencyGraph } from "./format/dependencies";
import { excludeGlob, isExcluded, type IndexedFile } from "./format/tree";
import type { ScheduleStore } from "./scheduleStore";
import type { Settings } from "./settings";

/** Files the readers may take; each found file is checked again with `isSupportedFile`. */
export const indexInclude = "**/{*.py,*.json,*.yaml,*.yml,*.sh,*.bash,*.mk,*.ipynb,Makefile,makefile,GNUmakefile}";
/** Larger files are skipped (generated data, not configs), with a note. */
export const maxIndexedBytes = 2 * 1024 * 1024;

/**
 * Every schedule of the workspace, for the "LR Schedules" view: found with `workspace.findFiles` (honouring
 * `files.exclude` and `lrscope.exclude`), read in the background through `workspace.fs` and the store's
 * readers, kept up to date by a file watcher, and cancellable (a new scan cancels the running one).
 */
export class WorkspaceIndex implements vscode.Disposable {
  private readonly files = new Map<string, IndexedFile>();
  private readonly skipped = new Set<string>();
  /** Which indexed files read which others (`_base_` chains), by URI string: a changed base refreshes its dependents. */
  private readonly graph = new DependencyGraph();
  /** Dependents being read again after a file changed, by that file: a newer change of it cancels the older run. */
  private readonly following = new Map<string, vscode.CancellationTokenSource>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private scan: vscode.CancellationTokenSource | undefined;
  private scanning: Promise<void> | undefined;
  private watcher: vscode.FileSystemWatcher | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private started = false;

  constructor(
    private readonly store: ScheduleStore,
    private readonly settings: () => Settings,
    private readonly output: vscode.OutputChannel,
  ) {}

  /** Starts indexing (once; the view calls it when it is first shown). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.watcher = vscode.workspace.createFileSystemWatcher(indexInclude);
    this.subscriptions.push(
      this.watcher,
      this.watcher.onDidCreate((uri) => void this.changedOnDisk(uri)),
      this.watcher.onDidChange((uri) => void this.changedOnDisk(uri)),
      this.watcher.onDidDelete((uri) => {
        this.remove(uri);
        void this.readDependents(uri);
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.refresh()),
      this.store.onDidChange((uri) => void (uri ? this.update(uri) : this.refresh())),
    );
    void this.refresh();
  }

  get isScanning(): boolean {
    return this.scanning !== undefined;
  }

  /** The indexed files that have schedules. */
  entries(): IndexedFile[] {
    return [...this.files.values()].filter((f) => f.schedules.length > 0);
  }

  skippedFiles(): readonly string[] {
    return [...this.skipped];
  }

  /** Forgets everything and scans the workspace again; resolves when the scan is done or cancelled. */
  refresh(): Promise<void> {
    this.scan?.cancel();
    this.scan?.dispose();
    const source = new vscode.CancellationTokenSource();
    this.scan = source;
    this.files.clear();
    this.skipped.clear();
    this.graph.clear();
    this.changed.fire();
    const run = this.run(source.token).finally(() => {
      if (this.scan === source) this.scanning = undefined;
      this.changed.fire();
    });
    this.scanning = run;
    return run;
  }

  private async run(token: vscode.CancellationToken): Promise<void> {
    if (!this.settings().workspaceIndex || !vscode.workspace.workspaceFolders?.length) return;
    const exclude = excludeGlob(vscode.workspace.getConfiguration("files").get<Record<string, unknown>>("exclude") ?? {}, this.settings().exclude);
    const uris = await vscode.workspace.findFiles(indexInclude, exclude, 20_000, token);
    for (const [i, uri] of uris.entries()) {
      if (token.isCancellationRequested) return;
      await this.update(uri, token);
      // Let the extension host breathe between files, and show progress in batches.
      if (i % 25 === 24) {
        this.changed.fire();
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    }
  }

  /** Reads one file again (created, changed, its inputs changed). */
  async update(uri: vscode.Uri, token?: vscode.CancellationToken): Promise<void> {
    const id = uri.toString();
    const relativePath = vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
    if (!this.started || !isSupportedFile(uri.path) || isExcluded(relativePath, this.settings().exclude) || !vscode.workspace.getWorkspaceFolder(uri)) return;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (token?.isCancellationRequested) return;
      if (stat.size > maxIndexedBytes) {
        if (!this.skipped.has(id)) this.output.appendLine(vscode.l10n.t("Workspace index: skipped {0} ({1} MB, over 2 MB)", relativePath, (stat.size / 1048576).toFixed(1)));
        this.skipped.add(id);
        this.files.delete(id);
        this.graph.delete(id);
        return;
      }
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === id);
      const doc = open ? await this.store.get(open) : await this.store.getText(uri, new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
      if (token?.isCancellationRequested) return;
      this.graph.set(id, doc.dependencies.map((d) => d.toString()));
      const schedules = doc.entries.map(({ schedule, curve }) => ({ name: schedule.name, line: schedule.source.startLine, ...(schedule.source.cell !== undefined ? { cell: schedule.source.cell } : {}), summary: formatSummary(summarize(schedule, curve)) }));
      const before = this.files.get(id);
      this.files.set(id, { relativePath, uri: id, schedules });
      if (!token && (schedules.length > 0 || (before?.schedules.length ?? 0) > 0)) this.changed.fire();
    } catch (e) {
      this.files.delete(id);
      this.graph.delete(id);
      if (!(e instanceof vscode.FileSystemError)) this.output.appendLine(vscode.l10n.t("Workspace index: cannot read {0}: {1}", relativePath, e instanceof Error ? e.message : String(e)));
    }
  }

  /** A file was created or changed on disk: read it again, then the indexed files that read it, and only those. */
  private async changedOnDisk(uri: vscode.Uri): Promise<void> {
    await this.update(uri);
    await this.readDependents(uri);
  }

  /** Reads again every indexed file that read `uri` (its `_base_` dependents, transitively), one at a time. */
  private async readDependents(uri: vscode.Uri): Promise<void> {
    const id = uri.toString();
    const dependents = this.graph.dependentsOf(id);
    this.following.get(id)?.cancel();
    if (dependents.length === 0) return;
    const source = new vscode.CancellationTokenSource();
    this.following.set(id, source);
    try {
      for (const dependent of dependents) {
        if (source.token.isCancellationRequested) return;
        await this.update(vscode.Uri.parse(dependent));
      }
    } finally {
      if (this.following.get(id) === source) this.following.delete(id);
      source.dispose();
    }
  }

  private remove(uri: vscode.Uri): void {
    const had = this.files.get(uri.toString())?.schedules.length ?? 0;
    this.files.delete(uri.toString());
    this.graph.delete(uri.toString());
    this.skipped.delete(uri.toString());
    if (had > 0) this.changed.fire();
  }

  dispose(): void {
    this.scan?.cancel();
    this.scan?.dispose();
    for (const f of this.following.values()) f.cancel();
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
