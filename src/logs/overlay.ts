// A comparison as the preview draws it: the logged points on the plan's ticks, thinned to what a chart shows.
import type { ScheduleDescription } from "../core/schedule";
import type { LoggedView } from "../webview/protocol";
import { differsFromPlan, type Comparison } from "./compare";
import type { RunLog } from "./runLog";

const maxPoints = 4000;

export function loggedView(schedule: number, label: string, desc: ScheduleDescription, log: RunLog, comparison: Comparison): LoggedView {
  const stride = Math.max(1, Math.ceil(comparison.overlay.length / maxPoints));
  const kept = comparison.overlay.filter((_, i) => i % stride === 0 || i === comparison.overlay.length - 1);
  const problem = differsFromPlan(desc, log, comparison);
  return {
    schedule,
    label: comparison.tag ? `${label} (${comparison.tag})` : label,
    ticks: kept.map((p) => p[0]),
    values: kept.map((p) => p[1]),
    ...(problem && comparison.firstDifference ? { differs: { tick: comparison.firstDifference.tick, message: problem.message } } : {}),
  };
}
