import type { Curve } from "../core/curve";
import { describeProgram, explainValue, formatLr } from "../core/explain";
import { formatLocation } from "../core/range";
import type { ScheduleDescription } from "../core/schedule";
import { terminalChart } from "./terminalChart";

export interface Report {
  readonly file: string;
  readonly entries: readonly { readonly schedule: ScheduleDescription; readonly curve: Curve }[];
  /** `--at EPOCH` */
  readonly at?: number;
}

/** The readable summary of `lrscope curve`: where the LR comes from, the phases, a few values, a chart. */
export function formatReport(report: Report): string[] {
  const lines: string[] = [];
  for (const { schedule, curve } of report.entries) {
    const spe = schedule.unit === "step" ? schedule.stepsPerEpoch?.value : 1;
    const epochs = spe ? curve.total / spe : undefined;
    lines.push(`${formatLocation(schedule.source)}  ${schedule.name} (${schedule.dialect})`);
    schedule.groups.forEach((g, i) => lines.push(`  ${(schedule.groups.length > 1 ? `base LR ${i}` : "base LR").padEnd(9)} ${explainValue(g.lr)}`));
    lines.push(`  steps     ${schedule.unit === "epoch" ? "once per epoch" : "once per optimizer step"}, ${curve.total} ${schedule.unit}s${schedule.unit === "step" && spe ? ` = ${formatLr(epochs!)} epochs × ${spe} steps` : ""}`);
    if (schedule.total) lines.push(`  length    ${explainValue(schedule.total)}`);
    for (const line of describeProgram(schedule)) lines.push(`  schedule  ${line}`);
    const lr = curve.groups[0]!;
    if (spe && epochs) {
      const marks = [...new Set([0, ...[0.25, 0.5, 0.75].map((f) => Math.round(epochs * f)), Math.ceil(epochs) - 1])].filter((e) => e * spe < curve.total);
      lines.push(`  LR at     ${marks.map((e) => `epoch ${e}: ${formatLr(lr[Math.floor(e * spe)]!)}`).join(" · ")}`);
    }
    if (report.at !== undefined && spe) lines.push(`  --at ${report.at}   LR at the start of epoch ${report.at}: ${formatLr(lr[Math.floor(report.at * spe)]!)} (tick ${Math.floor(report.at * spe)})`);
    for (const a of schedule.assumptions) lines.push(`  assumes   ${a.message}${a.range ? ` (${formatLocation(a.range)})` : ""}`);
    for (const p of [...schedule.problems, ...curve.problems]) lines.push(`  ${p.severity.padEnd(8)}  ${p.message}${p.range ? ` (${formatLocation(p.range)})` : ""}`);
    lines.push(...terminalChart(lr, { unitLabel: schedule.unit, ticksPerEpoch: schedule.unit === "step" ? spe : undefined }).map((l) => `  ${l}`));
    lines.push("");
  }
  return lines;
}
