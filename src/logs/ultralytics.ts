// Ultralytics `results.csv` (ultralytics/engine/trainer.py `save_metrics`): one row per epoch, `epoch`
// counted from 1, `lr/pg0..2` (`x/lr0..2` before 8.1), columns padded with spaces in older versions.
import { parseCsv, numberCell } from "./csv";
import { baseName, lineProblem, seriesOf, type LogPoint, type RunLog } from "./runLog";
import type { Problem } from "../core/problem";

/**
 * Alignment: `_do_train` reads `self.lr = {f"lr/pg{ir}": x["lr"] ...}` after the epoch's last batch and
 * before `self.scheduler.step()`: the value at the end of epoch `epoch - 1` (during warmup, the last batch's
 * interpolated LR). Values are written with 5 significant digits (`%23.5g`) in older versions.
 */
export function readUltralyticsResults(file: string, text: string): RunLog {
  const source = { file, format: "ultralytics-csv" as const };
  const table = parseCsv(text);
  const epochColumn = table.header.indexOf("epoch");
  const lrColumns = table.header.map((name, i) => ({ name, i })).filter((c) => /^(lr\/pg\d+|x\/lr\d+)$/.test(c.name));
  const problems: Problem[] = [];
  if (epochColumn < 0 || lrColumns.length === 0) {
    problems.push(lineProblem(file, 0, "warning", "log-no-lr", `${baseName(file)} has no ${epochColumn < 0 ? "epoch" : "lr/pg0"} column.`));
    return { source, unit: "epoch", at: "end", series: [], problems };
  }
  const byTag = new Map<string, LogPoint[]>(lrColumns.map((c) => [c.name, []]));
  for (const row of table.rows) {
    const epoch = numberCell(row.cells[epochColumn]);
    if (epoch === undefined || !Number.isInteger(epoch) || epoch < 1) {
      problems.push(lineProblem(file, row.line, "warning", "log-bad-row", `${baseName(file)}:${row.line + 1}: epoch "${row.cells[epochColumn] ?? ""}" is not an epoch number.`));
      continue;
    }
    for (const c of lrColumns) {
      const lr = numberCell(row.cells[c.i]);
      if (lr !== undefined) byTag.get(c.name)!.push([epoch - 1, lr]);
    }
  }
  return { source, unit: "epoch", at: "end", series: seriesOf(byTag), problems };
}
