import * as vscode from "vscode";
import { deprecatedKeyReplacement, lintSchedule } from "../../core/lint";
import type { Input } from "../../core/problem";
import { Command } from "../commands";
import type { Feature } from "../context";
import { inputLabels, settableInputs, type SettableInput } from "../format/inputs";
import { scheduleDocuments } from "../guardedCommand";
import { toRange } from "../ranges";

const isSettable = (x: unknown): x is SettableInput => (settableInputs as readonly unknown[]).includes(x);

/**
 * Quick fixes for LR Scope's diagnostics: the rules' obvious edits (T_max → the loop length), renaming a
 * deprecated key, and "supply the value" for what the files cannot say (opens Set Inputs for This File).
 */
export const quickFixes: Feature = ({ store }) =>
  vscode.languages.registerCodeActionsProvider(
    scheduleDocuments,
    {
      async provideCodeActions(document, _range, context, token) {
        const ours = context.diagnostics.filter((d) => d.source === "LR Scope");
        if (ours.length === 0 || !store.isCandidate(document)) return [];
        const doc = await store.get(document);
        // Fixes computed for an older version would edit the wrong text.
        if (token.isCancellationRequested || doc.version !== document.version) return [];
        const findings = doc.entries.flatMap((e) => lintSchedule(e.schedule, e.curve));
        const problems = [...doc.problems, ...doc.entries.flatMap((e) => e.schedule.problems)];
        const actions: vscode.CodeAction[] = [];
        for (const d of ours) {
          const code = typeof d.code === "object" ? String(d.code.value) : String(d.code ?? "");
          const same = (r: Parameters<typeof toRange>[0]): boolean => toRange(r).isEqual(d.range);
          let input: Input | undefined;
          for (const f of findings.filter((x) => x.code === code && same(x.range))) {
            if (f.fix) {
              const action = new vscode.CodeAction(f.fix.title, vscode.CodeActionKind.QuickFix);
              action.edit = new vscode.WorkspaceEdit();
              action.edit.replace(document.uri, toRange(f.fix.range), f.fix.newText);
              action.diagnostics = [d];
              action.isPreferred = true;
              actions.push(action);
            }
            input ??= f.input;
          }
          if (code === "needs-input") input ??= (problems.find((p) => p.code === code && same(p.range)) as { input?: Input } | undefined)?.input ?? "stepsPerEpoch";
          if (input !== undefined && isSettable(input)) {
            const action = new vscode.CodeAction(vscode.l10n.t("Set {0} for this file…", vscode.l10n.t(inputLabels[input])), vscode.CodeActionKind.QuickFix);
            action.command = { command: Command.SetInputs, title: action.title, arguments: [document.uri, input] };
            action.diagnostics = [d];
            actions.push(action);
          }
          if (code === "deprecated-key") {
            const written = document.getText(d.range);
            const replacement = deprecatedKeyReplacement(written);
            if (replacement) {
              const action = new vscode.CodeAction(vscode.l10n.t("Rename {0} to {1}", written, replacement), vscode.CodeActionKind.QuickFix);
              action.edit = new vscode.WorkspaceEdit();
              action.edit.replace(document.uri, d.range, replacement);
              action.diagnostics = [d];
              action.isPreferred = true;
              actions.push(action);
            }
          }
        }
        return actions;
      },
    },
    { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
  );
