import * as vscode from "vscode";
import { Command } from "../commands";
import type { Feature } from "../context";
import { parsePositive } from "../format/epochInput";
import { commentName, inputChoices, inputLabels, mergeInputs, settableInputs, type SettableInput } from "../format/inputs";
import { registerGuardedCommand, translate } from "../guardedCommand";

/**
 * "LR Scope: Set Inputs for This File": what the file cannot say (steps per epoch, devices...), kept per file
 * in the workspace state. Arguments `(uri, input)` (quick fixes) go straight to that input's box.
 */
export const setInputs: Feature = ({ store }) =>
  registerGuardedCommand(Command.SetInputs, vscode.l10n.t("Set Inputs for This File"), async (uriArg?: unknown, inputArg?: unknown) => {
    const uri = uriArg instanceof vscode.Uri ? uriArg : vscode.window.activeTextEditor?.document.uri;
    if (!uri) {
      void vscode.window.showInformationMessage(vscode.l10n.t("LR Scope: open a training script or config first."));
      return;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    const doc = await store.get(document);
    const choices = inputChoices(
      doc.entries.flatMap((e) => e.schedule.assumptions),
      store.perFileInputs(uri),
      doc.inputs,
    );
    let picked: SettableInput[];
    if (typeof inputArg === "string" && (settableInputs as readonly string[]).includes(inputArg)) picked = [inputArg as SettableInput];
    else {
      const items = choices.map((c) => ({
        label: vscode.l10n.t(inputLabels[c.input]),
        description: c.perFile !== undefined ? vscode.l10n.t("{0} (this file)", c.perFile) : c.effective !== undefined ? vscode.l10n.t("{0} (settings or comment)", c.effective) : c.needed ? vscode.l10n.t("needed") : undefined,
        detail: c.reasons.length > 0 ? c.reasons.join(" · ") : undefined,
        picked: c.needed,
        input: c.input,
      }));
      const chosen = await vscode.window.showQuickPick(items, {
        title: vscode.l10n.t("LR Scope: Set Inputs for This File"),
        placeHolder: vscode.l10n.t("Choose the values to set for {0}", vscode.workspace.asRelativePath(uri)),
        canPickMany: true,
      });
      if (!chosen || chosen.length === 0) return;
      picked = chosen.map((c) => c.input);
    }
    const typed: Partial<Record<SettableInput, number | undefined>> = {};
    for (const input of picked) {
      const current = choices.find((c) => c.input === input);
      const text = await vscode.window.showInputBox({
        title: vscode.l10n.t("LR Scope: {0}", vscode.l10n.t(inputLabels[input])),
        prompt: vscode.l10n.t("{0} for this file (empty clears it). In the file itself: # lrscope: {1}=N", vscode.l10n.t(inputLabels[input]), commentName(input)),
        value: current?.perFile !== undefined ? String(current.perFile) : "",
        placeHolder: current?.effective !== undefined ? String(current.effective) : undefined,
        validateInput: (t) => {
          const parsed = parsePositive(t, translate);
          return "error" in parsed ? parsed.error : undefined;
        },
      });
      if (text === undefined) return;
      const parsed = parsePositive(text, translate);
      if ("error" in parsed) return;
      typed[input] = parsed.value;
    }
    await store.setPerFileInputs(uri, mergeInputs(store.perFileInputs(uri), typed));
  });
