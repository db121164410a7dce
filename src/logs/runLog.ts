// What a training run logged about its learning rate, read from the files it left (never by running anything).
// Every log reader in this folder returns a `RunLog`; `compare.ts` lines it up with the planned curve.
import type { Problem } from "../core/problem";

export type LogFormat = "hf-trainer-state" | "lightning-csv" | "mmengine-json" | "ultralytics-csv" | "timm-summary" | "tensorboard";

/**
 * `[x, lr]`: the learning rate in effect during tick `x`, counted from 0 in the log's `unit` (global
 * optimizer step, or epoch). Each reader converts its framework's own counter (1-based `step` in MMEngine,
 * `global_step` in HF...) to this, citing where the framework reads the value.
 */
export type LogPoint = readonly [x: number, lr: number];

/** One logged quantity: `lr`, `lr-SGD/pg1`, `lr/pg0`, `train/learning_rate`... Points sorted by x, one per x. */
export interface LogSeries {
  readonly tag: string;
  readonly points: readonly LogPoint[];
}

export interface RunLog {
  readonly source: { readonly file: string; readonly format: LogFormat };
  readonly unit: "step" | "epoch";
  /**
   * For per-epoch logs, when in the epoch the LR was read: at its `start` (before its first batch) or at
   * its `end` (after its last batch, before the epoch's scheduler step), which differ for per-step schedules.
   */
  readonly at?: "start" | "end";
  /** LR series, the first one being "the" LR (param group 0). Empty when nothing could be read. */
  readonly series: readonly LogSeries[];
  /** Optimizer steps per epoch, where the log says it exactly (MMEngine's global and inner iteration, HF's max_steps / epochs). */
  readonly stepsPerEpoch?: number;
  /** How long the run meant to train, in `unit`s, where the log says it (HF `max_steps`). */
  readonly total?: number;
  /** Malformed lines, missing columns, CRC mismatches: values, never exceptions. */
  readonly problems: readonly Problem[];
}

/** Whether a logged scalar's name is a learning rate: `lr`, `learning_rate`, `train/lr`, `lr-AdamW/pg1`, `lr/pg0`, `base_lr`... */
export function isLrTag(tag: string): boolean {
  if (/momentum|weight[_-]?decay|beta|base_lr|initial_lr|max_lr/i.test(tag)) return false;
  return /(^|[/_.\-\s])(lr|learning[_ -]?rate)([/_.\-\s]|$)/i.test(tag) || /^(lr\d*|learningrate)$/i.test(tag.replace(/^.*\//, ""));
}

/** A problem at a 0-based line of a log file. */
export function lineProblem(file: string, line: number, severity: Problem["severity"], code: string, message: string): Problem {
  return { severity, code, message, range: { file, startLine: line, startColumn: 0, endLine: line, endColumn: 0 } };
}

/** The last path segment. */
export function baseName(path: string): string {
  return path.replace(/\\/g, "/").replace(/^.*\//, "");
}

/** Sorts points by x and keeps the last value logged for each x (a resumed run logs some steps again). */
export function byX(points: readonly LogPoint[]): LogPoint[] {
  const order = points.map((_, i) => i).sort((a, b) => points[a]![0] - points[b]![0] || a - b);
  const out: LogPoint[] = [];
  for (const i of order) {
    const p = points[i]!;
    if (out.length > 0 && out[out.length - 1]![0] === p[0]) out[out.length - 1] = p;
    else out.push(p);
  }
  return out;
}

/** Series from `tag → points` in first-seen order, sorted, empty ones dropped. */
export function seriesOf(byTag: ReadonlyMap<string, LogPoint[]>): LogSeries[] {
  return [...byTag].filter(([, p]) => p.length > 0).map(([tag, points]) => ({ tag, points: byX(points) }));
}
