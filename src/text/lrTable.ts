// The LR at chosen epochs as a table for papers and reports: Markdown or LaTeX (booktabs), one row per epoch,
// one column per schedule. The value is the LR in effect at the epoch's start (its first tick), exactly as
// evaluated, printed with 6 significant digits. Pure: descriptions and curves in, text out.
import type { Curve } from "../core/curve";
import { tickOfEpoch } from "../core/epochs";
import { formatLr } from "../core/explain";
import type { ScheduleDescription } from "../core/schedule";

export type TableFormat = "md" | "latex";

export interface TableEntry {
  readonly schedule: ScheduleDescription;
  readonly curve: Curve;
}

/** The LR of group 0 at the start of `epoch`; `undefined` past the curve or when steps per epoch is unknown. */
export function lrAtEpoch(entry: TableEntry, epoch: number): number | undefined {
  const tick = tickOfEpoch(entry.schedule, epoch);
  const lr = entry.curve.groups[0];
  return tick === undefined || !lr || tick < 0 || tick >= entry.curve.total ? undefined : lr[tick];
}

/** `1e-4` → `1\times10^{-4}` inside math mode; plain decimals stay as they are. */
function latexNumber(v: number): string {
  const text = formatLr(v);
  const m = /^(-?[\d.]+)e([+-]\d+)$/.exec(text);
  return m ? `$${m[1]}\\times10^{${Number(m[2])}}$` : text;
}

function latexEscape(s: string): string {
  return s.replace(/[\\{}&%$#_^~]/g, (c) => (c === "\\" ? "\\textbackslash{}" : c === "^" ? "\\^{}" : c === "~" ? "\\~{}" : `\\${c}`));
}

function markdownEscape(s: string): string {
  return s.replace(/\|/g, "\\|");
}

export function lrTable(entries: readonly TableEntry[], epochs: readonly number[], format: TableFormat): string {
  const names = entries.map((e) => (entries.length > 1 ? `${e.schedule.name} (${e.schedule.dialect})` : `LR (${e.schedule.name})`));
  const cells = epochs.map((epoch) => entries.map((e) => lrAtEpoch(e, epoch)));
  if (format === "md") {
    const lines = [`| Epoch | ${names.map(markdownEscape).join(" | ")} |`, `| ---: | ${names.map(() => "---:").join(" | ")} |`];
    epochs.forEach((epoch, i) => lines.push(`| ${epoch} | ${cells[i]!.map((v) => (v === undefined ? "—" : formatLr(v))).join(" | ")} |`));
    return lines.join("\n") + "\n";
  }
  const lines = [
    `\\begin{tabular}{r${"r".repeat(entries.length)}}`,
    "\\toprule",
    `Epoch & ${names.map(latexEscape).join(" & ")} \\\\`,
    "\\midrule",
    ...epochs.map((epoch, i) => `${epoch} & ${cells[i]!.map((v) => (v === undefined ? "--" : latexNumber(v))).join(" & ")} \\\\`),
    "\\bottomrule",
    "\\end{tabular}",
  ];
  return lines.join("\n") + "\n";
}

/** `0,30,60,89` → epochs; an error message for anything else. */
export function parseEpochList(text: string): { readonly epochs: number[] } | { readonly error: string } {
  const parts = text.split(",").map((s) => s.trim());
  const epochs = parts.map(Number);
  if (parts.length === 0 || parts.some((p) => p === "") || epochs.some((e) => !Number.isFinite(e) || e < 0)) return { error: `--epochs takes epochs ≥ 0 separated by commas, got ${text}` };
  return { epochs };
}
