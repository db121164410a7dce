import * as vscode from "vscode";
import { parseWebviewMessage, type EditableInput, type HostMessage, type PreviewData, type WebviewMessage } from "../../webview/protocol";
import { probes } from "../api";
import type { FeatureContext } from "../context";
import { chartSvg } from "../../text/svgChart";
import { notebookFileUri } from "../notebooks";
import { makeNonce, webviewHtml } from "./html";
import { buildPreviewData, curveCsv, scheduleJson } from "./previewModel";

export const previewViewType = "lrscope.preview";

/**
 * What to strip from locations in derivations and messages so the panel shows workspace-relative paths
 * (the store reads files by `uri.path`): the workspace folder's path, else the document's folder (as the hover).
 */
export function pathsRelativeTo(uri: vscode.Uri): string {
  const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.path;
  return folder ? folder.replace(/\/?$/, "/") : uri.path.replace(/[^/]*$/, "");
}

/** Later renders wait this long after the last edit (the Markdown preview's delay). */
const debounceMs = 300;

/** The options every preview webview gets: scripts on, and only dist/ and media/ readable. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableFindWidget: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, "dist"), vscode.Uri.joinPath(extensionUri, "media")],
  };
}

/**
 * One preview panel: shows the schedules of `resource`, follows the active editor unless locked, and turns
 * the page's intents into settings, per-file inputs and files. The page is loaded once; every change is an
 * `update` message. Renders are ordered: a render that finishes after a newer one started is dropped.
 */
export class PreviewPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private renderSeq = 0;
  private rendered = false;
  private whatIf: { globalBatch: number; currentBatch?: number } | undefined;
  private readonly disposed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;
  private readonly firstRender: Promise<PreviewData | undefined>;
  private resolveFirst: (d: PreviewData | undefined) => void = () => undefined;
  /** The data last sent to the page (for tests and for exports). */
  lastData: PreviewData | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private resourceUri: vscode.Uri,
    private lockedFlag: boolean,
    private readonly ctx: FeatureContext,
  ) {
    this.firstRender = new Promise((resolve) => (this.resolveFirst = resolve));
    const webview = panel.webview;
    webview.options = webviewOptions(ctx.extension.extensionUri);
    webview.html = webviewHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(ctx.extension.extensionUri, "dist", "webview", "preview.js")).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(ctx.extension.extensionUri, "media", "preview.css")).toString(),
      lang: vscode.env.language,
      config: { source: resourceUri.toString(), ...(vscode.l10n.bundle ? { l10n: vscode.l10n.bundle } : {}) },
    });
    panel.iconPath = vscode.Uri.joinPath(ctx.extension.extensionUri, "media", "preview-icon.svg");
    this.updateTitle();
    this.disposables.push(
      webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m)),
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState((e) => {
        void vscode.commands.executeCommand("setContext", "lrscopePreviewFocus", e.webviewPanel.active);
        if (e.webviewPanel.visible) this.update(true);
      }),
    );
  }

  get resource(): vscode.Uri {
    return this.resourceUri;
  }

  get locked(): boolean {
    return this.lockedFlag;
  }

  /** Resolves with the first data sent to the page. */
  whenRendered(): Promise<PreviewData | undefined> {
    return this.firstRender;
  }

  /** Shows another document (a dynamic preview following the editor). */
  setResource(uri: vscode.Uri): void {
    if (uri.toString() === this.resourceUri.toString()) return;
    this.resourceUri = uri;
    this.whatIf = undefined;
    this.updateTitle();
    this.update(true);
  }

  toggleLock(): void {
    this.lockedFlag = !this.lockedFlag;
    this.updateTitle();
    this.update(true);
  }

  private updateTitle(): void {
    const name = this.resourceUri.path.split("/").pop() ?? "";
    this.panel.title = this.lockedFlag ? vscode.l10n.t("[Preview] {0}", name) : vscode.l10n.t("LR Preview {0}", name);
  }

  /** Renders now (first time, inputs changed, settings changed) or after the debounce (typing). */
  update(immediate: boolean): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (immediate || !this.rendered) {
      void this.render();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.render();
    }, debounceMs);
  }

  private async render(): Promise<void> {
    const seq = ++this.renderSeq;
    const uri = this.resourceUri;
    try {
      const document = await vscode.workspace.openTextDocument(uri);
      const schedules = await this.ctx.store.get(document);
      // Dropped if a newer render started meanwhile, or the document moved on (another edit is coming).
      if (seq !== this.renderSeq || schedules.version !== document.version) return;
      const logged = this.ctx.runLogs ? (await this.ctx.runLogs.compare(schedules)).views : [];
      if (seq !== this.renderSeq) return;
      const data = buildPreviewData({
        logged,
        source: uri.toString(),
        label: vscode.workspace.asRelativePath(uri),
        folder: pathsRelativeTo(uri),
        version: document.version,
        entries: schedules.entries,
        problems: schedules.problems,
        inputs: { ...schedules.inputs },
        epoch: this.ctx.settings().epoch,
        ...(this.whatIf ? { whatIfBatch: this.whatIf.globalBatch, ...(this.whatIf.currentBatch !== undefined ? { whatIfCurrentBatch: this.whatIf.currentBatch } : {}) } : {}),
      });
      const withLock: PreviewData = { ...data, locked: this.lockedFlag };
      this.lastData = withLock;
      this.rendered = true;
      const message: HostMessage = { type: "update", source: withLock.source, data: withLock };
      await this.panel.webview.postMessage(message);
      this.resolveFirst(withLock);
    } catch (e) {
      this.ctx.output.appendLine(`[preview] cannot render ${uri.toString()}: ${e instanceof Error ? e.message : String(e)}`);
      this.resolveFirst(undefined);
    }
  }

  private async onMessage(raw: unknown): Promise<void> {
    const parsed = parseWebviewMessage(raw);
    if ("error" in parsed) {
      this.ctx.output.appendLine(`[preview] ignored a message from the page: ${parsed.error}`);
      return;
    }
    const message = parsed.message;
    if (message.source !== this.resourceUri.toString()) {
      // About a document this panel no longer shows (the page had not received the switch yet).
      if (message.type !== "ready") this.ctx.output.appendLine(`[preview] ignored ${message.type} about ${message.source}: the panel shows ${this.resourceUri.toString()}`);
      else this.update(true);
      return;
    }
    try {
      await this.handle(message);
    } catch (e) {
      void vscode.window.showErrorMessage(vscode.l10n.t("LR Scope preview: {0}", e instanceof Error ? e.message : String(e)));
    }
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case "ready":
        this.update(true);
        return;
      case "epochChosen": {
        // `lrscope.epoch` is the one chosen epoch shared by the hover, the status bar and the panel.
        const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
        await vscode.workspace.getConfiguration("lrscope").update("epoch", message.epoch, target);
        return;
      }
      case "inputsChanged": {
        const next: Record<string, number> = { ...this.ctx.store.perFileInputs(this.resourceUri) };
        for (const [key, value] of Object.entries(message.inputs) as [EditableInput, number | null][]) {
          if (value === null) delete next[key];
          else next[key] = value;
        }
        await this.ctx.store.setPerFileInputs(this.resourceUri, next);
        return;
      }
      case "whatIf":
        this.whatIf = message.globalBatch === null ? undefined : { globalBatch: message.globalBatch, ...(message.currentBatch !== undefined ? { currentBatch: message.currentBatch } : {}) };
        this.update(true);
        return;
      case "exportPng": {
        // atob, not Buffer: the same code runs in the browser extension host of vscode.dev.
        const bytes = Uint8Array.from(atob(message.dataUrl.slice("data:image/png;base64,".length)), (c) => c.charCodeAt(0));
        await this.saveAs(bytes, "png", { [vscode.l10n.t("PNG image")]: ["png"] });
        return;
      }
      case "exportSvg": {
        const data = this.lastData;
        if (!data?.schedules.some((s) => s.total > 0)) {
          void vscode.window.showWarningMessage(vscode.l10n.t("LR Scope: this schedule has no curve to export."));
          return;
        }
        // Drawn here from the host's own data: the page only says how it looks, never sends markup.
        const svg = chartSvg({ title: data.label, schedules: data.schedules, pinned: message.view.pinned }, { ...message.view, t: (m, ...args) => vscode.l10n.t(m, ...args) });
        await this.saveAs(new TextEncoder().encode(svg), "svg", { [vscode.l10n.t("SVG image")]: ["svg"] });
        return;
      }
      case "exportCsv":
      case "copyJson": {
        const document = await vscode.workspace.openTextDocument(this.resourceUri);
        const entry = (await this.ctx.store.get(document)).entries[message.schedule];
        if (!entry || entry.curve.total === 0) {
          void vscode.window.showWarningMessage(vscode.l10n.t("LR Scope: this schedule has no curve to export."));
          return;
        }
        if (message.type === "exportCsv") await this.saveAs(new TextEncoder().encode(curveCsv(entry)), "csv", { CSV: ["csv"] });
        else {
          await vscode.env.clipboard.writeText(JSON.stringify(scheduleJson(entry), null, 2));
          void vscode.window.showInformationMessage(vscode.l10n.t("LR Scope: {0} copied as JSON.", entry.schedule.name));
        }
        return;
      }
      case "openSource": {
        const position = new vscode.Position(message.line - 1, 0);
        const selection = new vscode.Range(position, position);
        if (message.cell !== undefined && (await revealNotebookCell(this.resourceUri, message.cell, selection))) return;
        await vscode.window.showTextDocument(this.resourceUri, { selection, viewColumn: vscode.ViewColumn.One });
        return;
      }
    }
  }

  private async saveAs(bytes: Uint8Array, extension: string, filters: Record<string, string[]>): Promise<void> {
    const base = this.resourceUri.path.replace(/\.[^./]+$/, "");
    // The integration tests set a target instead of answering the dialog (api.ts `setSaveTarget`).
    const target = probes.saveTarget ?? await vscode.window.showSaveDialog({ defaultUri: this.resourceUri.with({ path: `${base}.lr.${extension}` }), filters });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, bytes);
    void vscode.window.showInformationMessage(vscode.l10n.t("LR Scope: saved {0}", vscode.workspace.asRelativePath(target)));
  }

  private isDisposed = false;

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.renderSeq++;
    this.resolveFirst(undefined);
    void vscode.commands.executeCommand("setContext", "lrscopePreviewFocus", false);
    this.disposed.fire();
    this.disposed.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

/**
 * Shows cell `index` of the notebook the panel reads (its `.ipynb`, or one of its cells) with `selection` in it.
 * A cell's editor exists once the notebook list has rendered it, so the cell is selected and revealed first and
 * opening its editor is retried briefly; `false` when there is no such notebook or cell.
 */
async function revealNotebookCell(resource: vscode.Uri, index: number, selection: vscode.Range): Promise<boolean> {
  const file = notebookFileUri(resource);
  const notebook = vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === file.toString()) ?? (await vscode.workspace.openNotebookDocument(file).then(undefined, () => undefined));
  if (!notebook || index >= notebook.cellCount) return false;
  const cells = new vscode.NotebookRange(index, index + 1);
  const editor = await vscode.window.showNotebookDocument(notebook, { viewColumn: vscode.ViewColumn.One, selections: [cells] });
  editor.revealRange(cells, vscode.NotebookEditorRevealType.InCenterIfOutsideViewport);
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      await vscode.window.showTextDocument(notebook.cellAt(index).document, { selection, viewColumn: editor.viewColumn });
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return true; // The notebook is shown with the cell selected, its editor not (yet) opened.
}
