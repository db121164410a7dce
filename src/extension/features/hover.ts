import * as vscode from "vscode";
import { usedAt } from "../../core/locate";
import { Command } from "../commands";
import type { Feature } from "../context";
import { scheduleHoverMarkdown } from "../format/hover";
import { commandLink, scheduleDocuments, translate } from "../guardedCommand";
import { cellOf } from "../notebooks";
import { toRange } from "../ranges";

/**
 * Hover on anything a schedule used (the scheduler call, `lr=`, `T_max`, warmup keys, the argparse default
 * behind them): the LR at the chosen epoch, a sparkline, the phase, the derivation, and command links.
 * The Markdown is built by `format/hover.ts`; this is the thin provider.
 */
export const hover: Feature = ({ store, settings }) =>
  vscode.languages.registerHoverProvider(scheduleDocuments, {
    async provideHover(document, position, token) {
      if (!settings().hover || !store.isCandidate(document)) return undefined;
      const doc = await store.get(document);
      if (token.isCancellationRequested || doc.version !== document.version) return undefined;
      const parts: string[] = [];
      let range: vscode.Range | undefined;
      const folder = document.uri.path.replace(/[^/]*$/, "");
      // In a notebook cell, the ranges of that cell (SourceRange.cell).
      const cell = cellOf(document)?.index;
      for (const { schedule, curve } of doc.entries) {
        const hit = usedAt(schedule, document.uri.path, position.line, position.character, cell);
        if (!hit) continue;
        range ??= toRange(hit.range);
        parts.push(
          scheduleHoverMarkdown({
            schedule,
            curve,
            epoch: settings().epoch,
            hovered: hit.value,
            folder,
            t: translate,
            links: { openPreview: commandLink(Command.OpenPreview, [document.uri]), setEpoch: (e) => commandLink(Command.SetEpoch, e === undefined ? undefined : [e]) },
          }),
        );
      }
      if (parts.length === 0) return undefined;
      const md = new vscode.MarkdownString(parts.join("\n\n---\n\n"));
      // Only the commands the hover links to may run from it.
      md.isTrusted = { enabledCommands: [Command.OpenPreview, Command.SetEpoch] };
      return new vscode.Hover(md, range);
    },
  });
