// Run logs: which files are logs, and reading any of them into a `RunLog`. Pure: bytes in, values out.
import { readHfTrainerState } from "./hfTrainerState";
import { readLightningCsv } from "./lightningCsv";
import { readMmengineLog, type MmengineLogOptions } from "./mmengine";
import { baseName, type LogFormat, type RunLog } from "./runLog";
import { readTensorBoard } from "./tensorboard";
import { readTimmSummary } from "./timmSummary";
import { readUltralyticsResults } from "./ultralytics";

export type { LogFormat, LogPoint, LogSeries, RunLog } from "./runLog";
export { readHfTrainerState, readLightningCsv, readMmengineLog, readTensorBoard, readTimmSummary, readUltralyticsResults };

/** The format a file's name says, before reading it (`undefined`: not a log this reads). */
export function logFormatOf(path: string): LogFormat | undefined {
  const name = baseName(path);
  if (name.startsWith("events.out.tfevents.")) return "tensorboard";
  if (name === "trainer_state.json") return "hf-trainer-state";
  if (name === "scalars.json" || name.endsWith(".log.json") || /^\d{8}_\d{6}\.json$/.test(name)) return "mmengine-json";
  if (name === "metrics.csv") return "lightning-csv";
  if (name === "results.csv") return "ultralytics-csv";
  if (name === "summary.csv") return "timm-summary";
  return undefined;
}

/** Glob of every file `logFormatOf` takes (for `workspace.findFiles` and the file picker). */
export const runLogGlob = "**/{events.out.tfevents.*,trainer_state.json,scalars.json,*.log.json,metrics.csv,results.csv,summary.csv}";

const utf8 = new TextDecoder();

/** Reads a log of any format; `undefined` when the name is not one of a log. Never throws. */
export function readRunLog(path: string, bytes: Uint8Array, options: MmengineLogOptions = {}): RunLog | undefined {
  const format = logFormatOf(path);
  if (format === undefined) return undefined;
  try {
    switch (format) {
      case "tensorboard":
        return readTensorBoard(path, bytes);
      case "hf-trainer-state":
        return readHfTrainerState(path, utf8.decode(bytes));
      case "mmengine-json":
        return readMmengineLog(path, utf8.decode(bytes), options);
      case "lightning-csv":
        return readLightningCsv(path, utf8.decode(bytes));
      case "ultralytics-csv":
        return readUltralyticsResults(path, utf8.decode(bytes));
      case "timm-summary":
        return readTimmSummary(path, utf8.decode(bytes));
    }
  } catch (e) {
    return { source: { file: path, format }, unit: "step", series: [], problems: [{ severity: "error", code: "log-unreadable", message: `${baseName(path)}: ${e instanceof Error ? e.message : String(e)}` }] };
  }
}
