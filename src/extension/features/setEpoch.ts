import * as vscode from "vscode";
import { Command } from "../commands";
import type { Feature } from "../context";
import { parseEpoch } from "../format/epochInput";
import { registerGuardedCommand, translate } from "../guardedCommand";

/**
 * "LR Scope: Set Epoch": the chosen epoch (`lrscope.epoch`) that the hover, the status bar and the preview
 * show. With a number argument (hover links, tests) it sets it directly; else it asks. Written to the
 * workspace settings when a folder is open, else to the user settings.
 */
export const setEpoch: Feature = ({ settings }) =>
  registerGuardedCommand(Command.SetEpoch, vscode.l10n.t("Set Epoch"), async (value?: unknown) => {
    let epoch: number | undefined;
    if (typeof value === "number") {
      const parsed = parseEpoch(String(value), translate);
      if ("error" in parsed) throw new Error(parsed.error);
      epoch = parsed.epoch;
    } else {
      const text = await vscode.window.showInputBox({
        title: vscode.l10n.t("LR Scope: Set Epoch"),
        prompt: vscode.l10n.t("The epoch (counted from 0) whose learning rate the hover, the status bar and the preview show"),
        value: String(settings().epoch),
        validateInput: (t) => {
          const parsed = parseEpoch(t, translate);
          return "error" in parsed ? parsed.error : undefined;
        },
      });
      if (text === undefined) return;
      const parsed = parseEpoch(text, translate);
      if ("error" in parsed) return;
      epoch = parsed.epoch;
    }
    const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await vscode.workspace.getConfiguration("lrscope").update("epoch", epoch, target);
  });
