import * as vscode from "vscode";
import type { Problem } from "../core/problem";
import { readRunLog, runLogGlob, type RunLog } from "../logs";
import { compareLog, differsFromPlan } from "../logs/compare";
import { runLogsOf } from "../logs/link";
import { loggedView } from "../logs/overlay";
import type { LoggedView } from "../webview/protocol";
import type { DocumentSchedules } from "./scheduleStore";

const linksKey = "lrscope.logLinks";
/** The user's "no log for this file", so the run folder's log is not linked again. */
const none = "";

export interface RunComparison {
  readonly log?: vscode.Uri;
  readonly views: readonly LoggedView[];
  /** `log-differs-from-plan` and why a log could not be compared, on the schedules' ranges. */
  readonly problems: readonly Problem[];
}

/**
 * Which run log goes with which config (the user's choice, remembered in workspace state, else a log in the
 * config's run folder: `src/logs/link.ts`), the logs read through `workspace.fs` (cached by mtime), and their
 * comparison with a document's schedules.
 */
export class RunLogs implements vscode.Disposable {
  private readonly links = new Map<string, string>();
  private readonly logs = new Map<string, { mtime: number; log: RunLog | undefined }>();
  private readonly found = new Map<string, Promise<vscode.Uri | undefined>>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a link or a log file changed. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly state: vscode.Memento) {
    for (const [config, log] of Object.entries(state.get<Record<string, string>>(linksKey) ?? {})) this.links.set(config, log);
    const watcher = vscode.workspace.createFileSystemWatcher(runLogGlob);
    const refresh = (uri: vscode.Uri): void => {
      this.logs.delete(uri.toString());
      this.found.clear();
      this.changed.fire();
    };
    this.subscriptions.push(watcher, watcher.onDidChange(refresh), watcher.onDidCreate(refresh), watcher.onDidDelete(refresh), this.changed);
  }

  /** Links (or with `undefined`, unlinks) a log to a config file. */
  async link(config: vscode.Uri, log: vscode.Uri | undefined): Promise<void> {
    this.links.set(config.toString(), log?.toString() ?? none);
    await this.state.update(linksKey, Object.fromEntries(this.links));
    this.changed.fire();
  }

  /** The linked log, or the one found in the config's run folder. */
  logFor(config: vscode.Uri): Promise<vscode.Uri | undefined> {
    const chosen = this.links.get(config.toString());
    if (chosen !== undefined) return Promise.resolve(chosen === none ? undefined : vscode.Uri.parse(chosen));
    const key = config.toString();
    let hit = this.found.get(key);
    if (!hit) {
      hit = this.discover(config);
      this.found.set(key, hit);
    }
    return hit;
  }

  private async discover(config: vscode.Uri): Promise<vscode.Uri | undefined> {
    const folder = vscode.Uri.joinPath(config, "..");
    if (!vscode.workspace.getWorkspaceFolder(config)) return undefined;
    const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, runLogGlob), "**/node_modules/**", 200);
    const best = runLogsOf(config.path, uris.map((u) => u.path))[0];
    return best === undefined ? undefined : config.with({ path: best });
  }

  async read(uri: vscode.Uri, stepsPerEpoch?: number): Promise<RunLog | undefined> {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      const key = `${uri.toString()}#${stepsPerEpoch ?? ""}`;
      const hit = this.logs.get(key);
      if (hit?.mtime === stat.mtime) return hit.log;
      const log = readRunLog(uri.path, await vscode.workspace.fs.readFile(uri), stepsPerEpoch !== undefined ? { stepsPerEpoch } : {});
      this.logs.set(key, { mtime: stat.mtime, log });
      return log;
    } catch {
      return undefined;
    }
  }

  /** The document's schedules against its run's log: overlays for the preview and the differs diagnostics. */
  async compare(doc: DocumentSchedules): Promise<RunComparison> {
    if (doc.entries.length === 0) return { views: [], problems: [] };
    const uri = await this.logFor(doc.uri);
    if (!uri) return { views: [], problems: [] };
    const first = doc.entries[0]!.schedule;
    const log = await this.read(uri, first.stepsPerEpoch?.value);
    if (!log) return { log: uri, views: [], problems: [] };
    const label = vscode.workspace.asRelativePath(uri);
    const views: LoggedView[] = [];
    const problems: Problem[] = [];
    doc.entries.forEach((e, i) => {
      if (e.curve.total === 0) return;
      const c = compareLog(e.schedule, log);
      if (c.overlay.length > 0) views.push(loggedView(i, label, e.schedule, log, c));
      const differs = differsFromPlan(e.schedule, log, c);
      if (differs) problems.push(differs);
      problems.push(...c.problems.filter((p) => p.range?.file === e.schedule.source.file));
    });
    return { log: uri, views, problems };
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
