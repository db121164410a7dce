import type { Curve } from "../../core/curve";
import { tickOfEpoch } from "../../core/epochs";
import { describeProgram, explainValue, formatLr } from "../../core/explain";
import type { ScheduleDescription } from "../../core/schedule";
import { formatSummary, phaseAt, summarize } from "../../core/summary";
import type { Value } from "../../core/value";
import { sparklineSvg, svgDataUri } from "./sparkline";
import { english, type Translate } from "./translate";

/** Command links the hover offers, built by the caller (they need the document's URI). */
export interface HoverLinks {
  readonly openPreview: string;
  /** `setEpoch(epoch)`: a link that sets the chosen epoch to `epoch`; `setEpoch()` asks for it. */
  setEpoch(epoch?: number): string;
}

export interface HoverInput {
  readonly schedule: ScheduleDescription;
  readonly curve: Curve;
  /** The chosen epoch (`lrscope.epoch`). */
  readonly epoch: number;
  /** The value under the cursor, when the hover is on one of the schedule's values. */
  readonly hovered?: Value;
  readonly links: HoverLinks;
  /** Text to strip from locations (`/home/u/proj/` → `train.py:12`). */
  readonly folder?: string;
  readonly t?: Translate;
}

/** Escapes Markdown in plain text (names, messages) so `T_max` and `*` stay as written. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

/** Inline code that survives backticks in the text. */
function code(text: string): string {
  const fence = text.includes("`") ? "``" : "`";
  return `${fence}${fence === "``" ? " " : ""}${text}${fence === "``" ? " " : ""}${fence}`;
}

/**
 * The hover of a schedule as Markdown: the LR at the chosen epoch (and step), a sparkline with that epoch
 * marked, the phase, how the hovered value and the base LR are derived, the assumptions, and command links.
 */
export function scheduleHoverMarkdown(input: HoverInput): string {
  const t = input.t ?? english;
  const { schedule: s, curve, epoch, links } = input;
  const short = (text: string): string => (input.folder ? text.split(input.folder).join("") : text);
  const summary = summarize(s, curve);
  const lines: string[] = [];
  lines.push(`**LR Scope** · ${code(s.name)} (${escapeMarkdown(s.dialect)}) · ${escapeMarkdown(formatSummary(summary))}`, "");

  const lr = curve.groups[0];
  // Epoch 0 starts at tick 0 whatever the epoch length.
  const tick = epoch === 0 ? 0 : tickOfEpoch(s, epoch);
  const epochLabel = s.unit === "step" && tick !== undefined ? t("epoch {0} (step {1})", epoch, tick.toLocaleString("en-US")) : t("epoch {0}", epoch);
  if (curve.total === 0 || !lr) {
    lines.push(t("The curve cannot be drawn yet: {0}", escapeMarkdown(summary.needs.length > 0 ? t("it needs {0}", summary.needs.join(", ")) : (curve.problems[0]?.message ?? t("the training length is not known")))), "");
  } else if (tick === undefined) {
    lines.push(t("LR at {0}: needs the steps per epoch", epochLabel), "");
  } else if (tick >= curve.total) {
    lines.push(t("Epoch {0} is after the end of training ({1} {2}s); the last LR is **{3}**", epoch, curve.total.toLocaleString("en-US"), s.unit, formatLr(lr[curve.total - 1]!)), "");
  } else {
    const groups = curve.groups.length > 1 ? ` · ${curve.groups.map((g, i) => `${t("group {0}", i)}: ${formatLr(g[tick]!)}`).join(" · ")}` : "";
    const momentum = curve.momentum?.[0]?.[tick];
    lines.push(`${t("LR at {0}", epochLabel)}: **${formatLr(lr[tick]!)}**${groups}${momentum !== undefined && momentum !== 0 && s.groups[0]?.momentumKind ? ` · ${s.groups[0].momentumKind === "beta1" ? "β1" : t("momentum")} ${formatLr(momentum)}` : ""}`, "");
    const phase = phaseAt(curve, summary, tick);
    const per = s.unit === "step" ? s.stepsPerEpoch?.value : 1;
    const at = (x: number): string => (per ? t("epoch {0}", Number((x / per).toFixed(2))) : `${s.unit} ${x}`);
    const since = phase.since !== undefined ? ` (${t("since {0}", at(phase.since))})` : "";
    const next = phase.next ? ` · ${t("next: {0} at {1}", escapeMarkdown(phase.next.label), at(phase.next.tick))}` : "";
    lines.push(`${t("Phase")}: ${escapeMarkdown(phase.name)}${since}${next}`, "");
  }
  if (lr && curve.total > 1) {
    const svg = sparklineSvg(lr, { marked: tick !== undefined && tick < curve.total ? tick : undefined, keep: curve.boundaries.map((b) => b.tick) });
    lines.push(`![${t("learning-rate curve")}](${svgDataUri(svg)})`, "");
  }

  if (input.hovered) lines.push(`${t("This value")}: ${code(short(explainValue(input.hovered)))}`, "");
  s.groups.forEach((g, i) => lines.push(`${s.groups.length > 1 ? t("Base LR of group {0}", i) : t("Base LR")}: ${code(short(explainValue(g.lr)))}  `));
  if (s.total) lines.push(`${t("Length")}: ${code(short(explainValue(s.total)))} ${s.unit}s  `);
  const program = describeProgram(s);
  if (program.length > 0) lines.push("", "```text", ...program, "```");
  if (s.assumptions.length > 0) {
    lines.push("", `${t("Assumptions")}:`, "");
    for (const a of s.assumptions) lines.push(`- ${escapeMarkdown(short(a.message))}`);
  }
  const actions = [`[${t("Open Preview")}](${links.openPreview})`, `[${t("Set Epoch…")}](${links.setEpoch()})`];
  if (epoch > 0) actions.push(`[${t("← epoch {0}", epoch - 1)}](${links.setEpoch(epoch - 1)})`);
  actions.push(`[${t("epoch {0} →", epoch + 1)}](${links.setEpoch(epoch + 1)})`);
  lines.push("", actions.join(" · "));
  return lines.join("\n");
}
