// MMEngine's `vis_data/scalars.json` (LocalVisBackend.add_scalars: one JSON object per line, with the
// `step` it was given) and the `<timestamp>.json` / mmcv 1.x `*.log.json` text logs (one JSON object per
// line: `mode`, `epoch`, `iter`, `lr`).
import type { Problem } from "../core/problem";
import { baseName, isLrTag, lineProblem, seriesOf, type LogPoint, type RunLog } from "./runLog";

export interface MmengineLogOptions {
  /** Iterations per epoch, to place mmcv 1.x by-epoch lines (whose `iter` restarts every epoch and which have no `step`). */
  readonly stepsPerEpoch?: number;
}

/**
 * Alignment: LoggerHook.after_train_iter (mmengine/hooks/logger_hook.py) calls
 * `visualizer.add_scalars(tag, step=runner.iter + 1)`, and RuntimeInfoHook.before_train_iter records the LR
 * the iteration runs with (group 0's): `step` s logs tick s - 1. By epoch, `iter` is the iteration within
 * the epoch (LogProcessor._get_iter: `batch_idx + 1`), so `step - iter` is a whole number of epochs.
 * mmcv 1.x lines have no `step`: `iter` is global for IterBasedRunner and within the epoch for
 * EpochBasedRunner (then the epoch length is needed).
 */
export function readMmengineLog(file: string, text: string, options: MmengineLogOptions = {}): RunLog {
  const source = { file, format: "mmengine-json" as const };
  const problems: Problem[] = [];
  const byTag = new Map<string, LogPoint[]>();
  const inner: { line: number; epoch: number; iter: number; values: [string, number][] }[] = [];
  let stepsPerEpoch: number | undefined;
  let innerIters = false;
  let lastIter = 0;
  let lastEpoch = 0;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, line) => {
    if (raw.trim() === "") return;
    let entry: unknown;
    try {
      entry = JSON.parse(raw);
    } catch {
      problems.push(lineProblem(file, line, "warning", "log-bad-row", `${baseName(file)}:${line + 1}: not a JSON object (a line cut off while the run was writing?).`));
      return;
    }
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) return;
    const e = entry as Record<string, unknown>;
    if (e.mode !== undefined && e.mode !== "train") return;
    const values: [string, number][] = [];
    for (const [key, v] of Object.entries(e)) {
      if (!isLrTag(key)) continue;
      if (typeof v === "number") values.push([key, v]);
      // mmcv 1.x with several optimizers: `"lr": {"generator": 0.0002, "discriminator": 0.0002}`.
      else if (typeof v === "object" && v !== null) for (const [k, x] of Object.entries(v)) if (typeof x === "number") values.push([`${key}/${k}`, x]);
    }
    if (values.length === 0) return;
    const step = typeof e.step === "number" && Number.isInteger(e.step) ? e.step : undefined;
    const iter = typeof e.iter === "number" && Number.isInteger(e.iter) ? e.iter : undefined;
    const epoch = typeof e.epoch === "number" && Number.isInteger(e.epoch) ? e.epoch : undefined;
    if (step !== undefined && step >= 1) {
      for (const [tag, v] of values) (byTag.get(tag) ?? byTag.set(tag, []).get(tag)!).push([step - 1, v]);
      if (epoch !== undefined && epoch > 1 && iter !== undefined && iter <= step && (step - iter) % (epoch - 1) === 0) stepsPerEpoch ??= (step - iter) / (epoch - 1);
      return;
    }
    if (iter === undefined || iter < 1) return;
    if (epoch !== undefined) {
      if (epoch > lastEpoch && iter <= lastIter) innerIters = true;
      lastEpoch = epoch;
      inner.push({ line, epoch, iter, values });
    } else inner.push({ line, epoch: 1, iter, values });
    lastIter = iter;
  });
  if (inner.length > 0) {
    const spe = options.stepsPerEpoch;
    if (innerIters && spe === undefined) {
      problems.push(lineProblem(file, inner[0]!.line, "warning", "log-needs-steps-per-epoch", `${baseName(file)} counts iterations within each epoch and does not say how many an epoch has: give the steps per epoch to place its points.`));
    } else {
      for (const p of inner) {
        const tick = innerIters ? (p.epoch - 1) * spe! + p.iter - 1 : p.iter - 1;
        for (const [tag, v] of p.values) (byTag.get(tag) ?? byTag.set(tag, []).get(tag)!).push([tick, v]);
      }
      if (innerIters) stepsPerEpoch ??= spe;
    }
  }
  if (byTag.size === 0 && !problems.some((p) => p.code === "log-needs-steps-per-epoch")) problems.push(lineProblem(file, 0, "warning", "log-no-lr", `${baseName(file)} logged no training lr.`));
  return { source, unit: "step", series: seriesOf(byTag), ...(stepsPerEpoch !== undefined ? { stepsPerEpoch } : {}), problems };
}
