import type { Curve } from "../../core/curve";
import { tickOfEpoch } from "../../core/epochs";
import { formatLr } from "../../core/explain";
import type { ScheduleDescription } from "../../core/schedule";
import { english, type Translate } from "./translate";

/** The LR at the start of `epoch`, or why there is none. */
export function lrAtEpoch(schedule: ScheduleDescription, curve: Curve, epoch: number): { readonly lr: number; readonly tick: number } | { readonly missing: "curve" | "stepsPerEpoch" | "pastEnd" } {
  const lr = curve.groups[0];
  if (!lr || curve.total === 0) return { missing: "curve" };
  const tick = epoch === 0 ? 0 : tickOfEpoch(schedule, epoch);
  if (tick === undefined) return { missing: "stepsPerEpoch" };
  if (tick >= curve.total) return { missing: "pastEnd" };
  return { lr: lr[tick]!, tick };
}

/** The status bar text: `LR 0.0123 @ ep 30` (the first schedule of the file; `+1` when there are more). */
export function statusText(entries: readonly { readonly schedule: ScheduleDescription; readonly curve: Curve }[], epoch: number, t: Translate = english): string | undefined {
  const first = entries[0];
  if (!first) return undefined;
  const at = lrAtEpoch(first.schedule, first.curve, epoch);
  const more = entries.length > 1 ? ` (+${entries.length - 1})` : "";
  if ("lr" in at) return `$(graph-line) ${t("LR {0} @ ep {1}", formatLr(at.lr), epoch)}${more}`;
  if (at.missing === "pastEnd") return `$(graph-line) ${t("LR: ep {0} is past the end", epoch)}${more}`;
  return `$(graph-line) ${t("LR: needs input")}${more}`;
}

/** One tooltip line per schedule. */
export function statusTooltipLines(entries: readonly { readonly schedule: ScheduleDescription; readonly curve: Curve }[], epoch: number, t: Translate = english): string[] {
  return entries.map(({ schedule, curve }) => {
    const at = lrAtEpoch(schedule, curve, epoch);
    const value = "lr" in at ? formatLr(at.lr) : at.missing === "pastEnd" ? t("after the end of training") : at.missing === "stepsPerEpoch" ? t("needs the steps per epoch") : t("cannot be drawn yet");
    return `${schedule.name} (${schedule.dialect}, ${t("line {0}", schedule.source.startLine + 1)}): ${value}`;
  });
}
