// `lrscope compare`: a run log against the plans of one file, as terminal lines.
import { formatLr } from "../core/explain";
import type { ScheduleDescription } from "../core/schedule";
import { compareLog, describeCause, type Comparison } from "../logs/compare";
import type { RunLog } from "../logs/runLog";

export interface LogComparison {
  readonly schedule: ScheduleDescription;
  readonly comparison: Comparison;
}

export function compareWithPlans(schedules: readonly ScheduleDescription[], log: RunLog, stepsPerEpoch?: number): LogComparison[] {
  return schedules.map((schedule) => ({ schedule, comparison: compareLog(schedule, log, stepsPerEpoch !== undefined ? { stepsPerEpoch } : {}) }));
}

/** One block per schedule: the alignment used, how many logged points match, and where and why they part. */
export function formatComparisons(log: RunLog, results: readonly LogComparison[]): string[] {
  const lines: string[] = [];
  const series = log.series[0];
  lines.push(`${log.source.file}  ${log.source.format}, ${series ? `${series.points.length} points of ${series.tag}` : "no LR series"} per ${log.unit}`);
  for (const p of log.problems) lines.push(`  ${p.severity}: ${p.message}`);
  for (const { schedule, comparison: c } of results) {
    lines.push("", `${schedule.name} (${schedule.dialect})`);
    for (const p of c.problems) lines.push(`  ${p.severity}: ${p.message}`);
    if (c.compared === 0) continue;
    lines.push(`  aligned   ${c.alignment ?? ""}${c.shift !== 0 ? ` (logged ${Math.abs(c.shift)} ${schedule.unit} ${c.shift > 0 ? "after" : "before"} the step)` : ""}`);
    lines.push(`  matched   ${c.matched} of ${c.compared} logged points`);
    const d = c.firstDifference;
    if (!d) {
      lines.push("  result    the run followed the plan");
      continue;
    }
    lines.push(`  differs   from ${log.unit} ${d.x} (planned ${schedule.unit} ${d.tick}): logged ${formatLr(d.logged)}, planned ${formatLr(d.planned)}`);
    lines.push(`  cause     ${c.cause ? describeCause(c.cause, schedule.unit) : "not recognised (not per-epoch/per-step stepping, a restart, a skipped warmup, a scaled LR or another length)"}`);
  }
  return lines;
}
