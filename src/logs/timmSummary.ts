// timm's `summary.csv` (timm/utils/summary.py `update_summary`): one row per epoch, `epoch` counted from 0,
// `train_*`/`eval_*` metrics and `lr`.
import { parseCsv, numberCell } from "./csv";
import { baseName, lineProblem, seriesOf, type LogPoint, type RunLog } from "./runLog";
import type { Problem } from "../core/problem";

/**
 * Alignment: train.py computes `lrs = [param_group['lr'] ...]` after `train_one_epoch` and before
 * `lr_scheduler.step(epoch + 1, ...)`, and writes their mean: the LR at the end of the epoch (the value after
 * the last `step_update` when the schedule steps on updates). With layer decay the mean is not group 0's LR.
 */
export function readTimmSummary(file: string, text: string): RunLog {
  const source = { file, format: "timm-summary" as const };
  const table = parseCsv(text);
  const epochColumn = table.header.indexOf("epoch");
  const lrColumn = table.header.indexOf("lr");
  const problems: Problem[] = [];
  if (epochColumn < 0 || lrColumn < 0) {
    problems.push(lineProblem(file, 0, "warning", "log-no-lr", `${baseName(file)} has no ${epochColumn < 0 ? "epoch" : "lr"} column (timm before 0.9 did not write it).`));
    return { source, unit: "epoch", at: "end", series: [], problems };
  }
  const points: LogPoint[] = [];
  for (const row of table.rows) {
    const epoch = numberCell(row.cells[epochColumn]);
    const lr = numberCell(row.cells[lrColumn]);
    if (epoch === undefined || !Number.isInteger(epoch) || epoch < 0 || lr === undefined) {
      problems.push(lineProblem(file, row.line, "warning", "log-bad-row", `${baseName(file)}:${row.line + 1}: not an epoch and an lr.`));
      continue;
    }
    points.push([epoch, lr]);
  }
  return { source, unit: "epoch", at: "end", series: seriesOf(new Map([["lr", points]])), problems };
}
