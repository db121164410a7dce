import * as vscode from "vscode";
import { parsePageState, type PreviewData } from "../../webview/protocol";
import { probes } from "../api";
import { Command } from "../commands";
import type { Feature, FeatureContext } from "../context";
import { PreviewPanel, previewViewType, webviewOptions } from "./previewPanel";

/**
 * Owns the preview panels (as the Markdown preview's PreviewManager): opens them, restores them after a
 * reload (`WebviewPanelSerializer`), points the dynamic ones at the active editor, and re-renders them when
 * their document, its inputs or the settings change.
 */
export class PreviewManager implements vscode.WebviewPanelSerializer, vscode.Disposable {
  private readonly panels = new Set<PreviewPanel>();
  private readonly disposables: vscode.Disposable[] = [];
  private active: PreviewPanel | undefined;

  constructor(private readonly ctx: FeatureContext) {
    probes.previews = () => [...this.panels].map((p) => ({ resource: p.resource.toString(), locked: p.locked, active: p.panel.active, visible: p.panel.visible, data: p.lastData }));
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(previewViewType, this),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (!editor || !this.ctx.store.isCandidate(editor.document)) return;
        for (const p of this.panels) if (!p.locked) p.setResource(editor.document.uri);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        for (const p of this.panels) if (p.resource.toString() === e.document.uri.toString()) p.update(false);
      }),
      ctx.store.onDidChange((uri) => {
        for (const p of this.panels) if (!uri || p.resource.toString() === uri.toString()) p.update(true);
      }),
      ctx.onDidChangeSettings(() => this.panels.forEach((p) => p.update(true))),
      // A linked run log changed, or another was linked: redraw its overlay.
      ...(ctx.runLogs ? [ctx.runLogs.onDidChange(() => this.panels.forEach((p) => p.update(true)))] : []),
    );
  }

  /** Opens (or reveals) a preview of `uri`, or of the active editor's file. Resolves with the first data shown. */
  async open(uri: vscode.Uri | undefined, toSide: boolean): Promise<PreviewData | undefined> {
    const resource = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
    if (!resource) {
      void vscode.window.showInformationMessage(vscode.l10n.t("LR Scope: open a training script or config first."));
      return undefined;
    }
    const column = toSide ? vscode.ViewColumn.Beside : (vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.One);
    // Like the Markdown preview: one dynamic preview, reused for whatever file is asked.
    const existing = [...this.panels].find((p) => p.resource.toString() === resource.toString()) ?? [...this.panels].find((p) => !p.locked);
    if (existing) {
      existing.setResource(resource);
      existing.panel.reveal(toSide ? undefined : column, toSide);
      return existing.lastData?.source === resource.toString() ? existing.lastData : existing.whenRendered();
    }
    const panel = vscode.window.createWebviewPanel(previewViewType, "LR Scope", { viewColumn: column, preserveFocus: toSide }, webviewOptions(this.ctx.extension.extensionUri));
    const preview = this.track(new PreviewPanel(panel, resource, false, this.ctx));
    preview.update(true);
    return preview.whenRendered();
  }

  /** Restores a panel after a window reload from the state the page saved. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const saved = parsePageState(state);
    if (!saved.source) {
      panel.dispose();
      return;
    }
    const preview = this.track(new PreviewPanel(panel, vscode.Uri.parse(saved.source), saved.locked === true, this.ctx));
    preview.update(true);
    await Promise.resolve();
  }

  private track(preview: PreviewPanel): PreviewPanel {
    this.panels.add(preview);
    this.active = preview;
    preview.panel.onDidChangeViewState((e) => {
      if (e.webviewPanel.active) this.active = preview;
    });
    preview.onDidDispose(() => {
      this.panels.delete(preview);
      if (this.active === preview) this.active = undefined;
    });
    return preview;
  }

  /** The focused preview (for the commands in its title bar). */
  activePreview(): PreviewPanel | undefined {
    return this.active?.panel.active ? this.active : [...this.panels].find((p) => p.panel.active);
  }

  dispose(): void {
    for (const p of [...this.panels]) p.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** Runs a command body; a failure becomes a clear message instead of a silent rejection. */
function guarded<A extends unknown[], R>(name: string, body: (...args: A) => Promise<R>): (...args: A) => Promise<R | undefined> {
  return async (...args: A) => {
    try {
      return await body(...args);
    } catch (e) {
      void vscode.window.showErrorMessage(vscode.l10n.t("LR Scope: {0} failed: {1}", name, e instanceof Error ? e.message : String(e)));
      return undefined;
    }
  };
}

/**
 * The preview feature: the manager and its commands. `lrscope.openPreview` takes an optional URI (the
 * CodeLens, the schedules tree and the hover pass one) and resolves with the data first shown.
 */
export const preview: Feature = (ctx) => {
  const manager = new PreviewManager(ctx);
  return vscode.Disposable.from(
    manager,
    vscode.commands.registerCommand(
      Command.OpenPreview,
      guarded("Open Preview", (uri?: vscode.Uri) => manager.open(uri, false)),
    ),
    vscode.commands.registerCommand(
      Command.OpenPreviewToSide,
      guarded("Open Preview to the Side", (uri?: vscode.Uri) => manager.open(uri, true)),
    ),
    vscode.commands.registerCommand(
      Command.TogglePreviewLock,
      guarded("Toggle Preview Lock", () => Promise.resolve(manager.activePreview()?.toggleLock())),
    ),
    vscode.commands.registerCommand(
      Command.ShowPreviewSource,
      guarded("Show Source", async () => {
        const p = manager.activePreview();
        if (p) await vscode.window.showTextDocument(p.resource, { viewColumn: vscode.ViewColumn.One });
      }),
    ),
  );
};
