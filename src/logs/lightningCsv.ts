// Lightning's CSVLogger `metrics.csv` (lightning/fabric/loggers/csv_logs.py): one row per `log_metrics` call,
// a `step` column, and the LearningRateMonitor's `lr-<Optimizer>` / `lr-<Optimizer>/pg<i>` columns, empty in
// the rows of other metrics.
import { parseCsv, numberCell } from "./csv";
import { baseName, isLrTag, lineProblem, seriesOf, type LogPoint, type RunLog } from "./runLog";
import type { Problem } from "../core/problem";

/**
 * Alignment: LearningRateMonitor (lightning/pytorch/callbacks/lr_monitor.py) logs in `on_train_batch_start`
 * (or `on_train_epoch_start`) with `step=trainer.fit_loop.epoch_loop._batches_that_stepped`, the optimizer
 * steps done before this batch: the LR logged at step s is the one of tick s.
 */
export function readLightningCsv(file: string, text: string): RunLog {
  const source = { file, format: "lightning-csv" as const };
  const table = parseCsv(text);
  const stepColumn = table.header.indexOf("step");
  const lrColumns = table.header.map((name, i) => ({ name, i })).filter((c) => c.name.startsWith("lr-") && isLrTag(c.name));
  const problems: Problem[] = [];
  if (stepColumn < 0 || lrColumns.length === 0) {
    problems.push(lineProblem(file, 0, "warning", "log-no-lr", `${baseName(file)} has no ${stepColumn < 0 ? "step" : "lr-*"} column (LearningRateMonitor not used?).`));
    return { source, unit: "step", series: [], problems };
  }
  const byTag = new Map<string, LogPoint[]>(lrColumns.map((c) => [c.name, []]));
  for (const row of table.rows) {
    const step = numberCell(row.cells[stepColumn]);
    for (const c of lrColumns) {
      const cell = row.cells[c.i];
      if (cell === undefined || cell === "") continue;
      const lr = numberCell(cell);
      if (lr === undefined || step === undefined || !Number.isInteger(step) || step < 0) {
        problems.push(lineProblem(file, row.line, "warning", "log-bad-row", `${baseName(file)}:${row.line + 1}: ${c.name} = "${cell}" at step "${row.cells[stepColumn] ?? ""}" is not a number at a step.`));
        continue;
      }
      byTag.get(c.name)!.push([step, lr]);
    }
  }
  return { source, unit: "step", series: seriesOf(byTag), problems };
}
