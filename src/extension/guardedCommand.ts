import * as vscode from "vscode";
import type { Translate } from "./format/translate";

/**
 * Registers a command whose failure becomes a clear message instead of a silent rejection (STYLE.md:
 * "Commands are wrapped"). `title` is the command's user-visible name.
 */
export function registerGuardedCommand(id: string, title: string, body: (...args: never[]) => unknown): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await (body as (...a: unknown[]) => unknown)(...args);
    } catch (e) {
      void vscode.window.showErrorMessage(vscode.l10n.t("LR Scope: {0} failed: {1}", title, e instanceof Error ? e.message : String(e)));
      return undefined;
    }
  });
}

/** The documents LR Scope reads, by language (never `*`). */
export const scheduleDocuments: vscode.DocumentSelector = [{ language: "python" }, { language: "yaml" }, { language: "json" }, { language: "jsonc" }, { language: "shellscript" }, { language: "makefile" }];

/** `command:` link with JSON arguments, for trusted Markdown (a `Uri` argument is revived as a Uri). */
export function commandLink(id: string, args?: readonly unknown[]): string {
  return args === undefined ? `command:${id}` : `command:${id}?${encodeURIComponent(JSON.stringify(args))}`;
}

/** `vscode.l10n.t` for the pure builders (format/*), which take a translator. */
export const translate: Translate = (message, ...args) => vscode.l10n.t(message, ...args);
