// What the preview page is sent, made from a document's evaluated schedules. Pure (no vscode, no DOM): the
// extension host and `lrscope preview --html` both use it, and it is unit-tested in plain Node.
import type { Curve } from "../../core/curve";
import { decimate } from "../../core/decimate";
import { ticksPerEpoch } from "../../core/epochs";
import { evaluate } from "../../core/evaluate";
import { describeProgram, explainValue, formatLr } from "../../core/explain";
import type { Problem } from "../../core/problem";
import type { ScheduleDescription } from "../../core/schedule";
import { derived } from "../../core/value";
import { editableInputs, type EditableInput, type LoggedView, type PreviewData, type ScheduleView, type SeriesData, type WarningView, type WhatIfView } from "../../webview/protocol";

export interface PreviewEntry {
  readonly schedule: ScheduleDescription;
  readonly curve: Curve;
}

export interface PreviewSource {
  /** The document's URI string (a path for the CLI). */
  readonly source: string;
  readonly label: string;
  /** Text to strip from locations in derivations and messages (the workspace folder's path with its `/`), so the page shows relative paths. */
  readonly folder?: string;
  readonly version: number;
  readonly entries: readonly PreviewEntry[];
  readonly problems: readonly Problem[];
  /** The per-file inputs in force (only the editable ones are sent). */
  readonly inputs: Partial<Record<string, number>>;
  readonly epoch: number;
  /** What-if: the global batch to rescale to, and the current one when the file does not say it. */
  readonly whatIfBatch?: number;
  readonly whatIfCurrentBatch?: number;
  readonly standalone?: boolean;
  /** The linked run's logged LR, lined up with the schedules (`src/logs/compare.ts`). */
  readonly logged?: readonly LoggedView[];
}

/** Points per drawn series: about two per pixel of a wide panel. */
export const defaultMaxPoints = 2000;
const maxEpochStarts = 10_000;

/** Decimates a series keeping every boundary and the tick before it, so each drop is drawn where it happens. */
export function seriesOf(values: Float64Array, kind: "lr" | "momentum", group: number, boundaries: readonly number[], maxPoints = defaultMaxPoints): SeriesData {
  const keep = boundaries.flatMap((t) => [t - 1, t]);
  const d = decimate(values, maxPoints, keep);
  return { kind, group, ticks: Array.from(d.ticks), values: Array.from(d.values) };
}

/** Text as is: for views that show paths as the reader saw them. */
const asIs = (text: string): string => text;

/** `short` for a folder: strips every occurrence of it (`/home/u/proj/` → `configs/base.py:3`), as the hover does. */
function shortener(folder: string | undefined): (text: string) => string {
  // A file at the root (or `/` as the workspace folder) has nothing to strip: splitting on "/" would delete every slash.
  return folder && folder !== "/" ? (text) => text.split(folder).join("") : asIs;
}

function warningView(p: Problem, short: (text: string) => string = asIs): WarningView {
  return { severity: p.severity, code: p.code, message: short(p.message), ...(p.range ? { line: p.range.startLine + 1 } : {}) };
}

/** A rise from the first value to the maximum, reached first at `ticks`: how long the warmup lasts. */
export function findWarmup(lr: Float64Array): ScheduleView["warmup"] {
  if (lr.length < 2) return undefined;
  let peak = 0;
  for (let t = 1; t < lr.length; t++) if (lr[t]! > lr[peak]!) peak = t;
  if (peak === 0 || !(lr[0]! < lr[peak]!)) return undefined;
  for (let t = 1; t <= peak; t++) if (lr[t]! < lr[t - 1]!) return undefined; // not a monotone rise: a cycle, not a warmup
  return { ticks: peak, from: lr[0]!, to: lr[peak]! };
}

/** The schedule's view: decimated series, phases, derivations, assumptions and warnings. */
export function scheduleView(entry: PreviewEntry, epoch: number, maxPoints = defaultMaxPoints, short: (text: string) => string = asIs): ScheduleView {
  const { schedule, curve } = entry;
  const boundaryTicks = curve.boundaries.map((b) => b.tick);
  const series: SeriesData[] = [];
  curve.groups.forEach((g, i) => series.push(seriesOf(g, "lr", i, boundaryTicks, maxPoints)));
  curve.momentum?.forEach((m, i) => series.push(seriesOf(m, "momentum", i, boundaryTicks, maxPoints)));
  const tpe = ticksPerEpoch(schedule);
  const lr = curve.groups[0] ?? new Float64Array(0);
  const epochStarts: number[] = [];
  if (tpe !== undefined && tpe > 0) for (let e = 0; e < maxEpochStarts && Math.floor(e * tpe) < curve.total; e++) epochStarts.push(lr[Math.floor(e * tpe)]!);
  const chosenTick = tpe !== undefined && tpe > 0 ? Math.floor(epoch * tpe) : undefined;
  const scaling = schedule.scaling;
  return {
    name: schedule.name,
    dialect: schedule.dialect,
    unit: schedule.unit,
    total: curve.total,
    ...(tpe !== undefined && tpe > 0 ? { ticksPerEpoch: tpe } : {}),
    source: { file: short(schedule.source.file), line: schedule.source.startLine + 1, ...(schedule.source.cell !== undefined ? { cell: schedule.source.cell } : {}) },
    series,
    boundaries: curve.boundaries.map((b) => ({ tick: b.tick, label: b.label })),
    baseLr: schedule.groups.map((g) => short(explainValue(g.lr))),
    ...(schedule.total ? { totalText: short(explainValue(schedule.total)) } : {}),
    program: describeProgram(schedule).map(short),
    warmup: findWarmup(lr),
    ...(scaling
      ? {
          scaling: {
            rule: scaling.rule,
            referenceLr: scaling.referenceLr.value,
            referenceBatch: scaling.referenceBatch.value,
            globalBatch: scaling.globalBatch.value,
            text: short(explainValue(scaling.globalBatch)),
          },
        }
      : {}),
    assumptions: schedule.assumptions.map((a) => ({ input: a.input, message: short(a.message), ...(a.value !== undefined ? { value: a.value } : {}), ...(a.range ? { line: a.range.startLine + 1 } : {}) })),
    warnings: [...schedule.problems, ...curve.problems].map((p) => warningView(p, short)),
    epochStarts,
    ...(chosenTick !== undefined && chosenTick < curve.total
      ? {
          chosen: {
            tick: chosenTick,
            lr: curve.groups.map((g) => g[chosenTick]!),
            ...(curve.momentum?.[0] ? { momentum: curve.momentum[0][chosenTick]! } : {}),
          },
        }
      : {}),
  };
}

/**
 * The factor a scaling rule applies to the base LR when the global batch goes from `current` to `target`:
 * linear (Goyal et al. 2017) or square root (what timm uses for adaptive optimizers).
 */
export function scalingFactor(rule: "linear" | "sqrt", current: number, target: number): number {
  return rule === "sqrt" ? Math.sqrt(target / current) : target / current;
}

/**
 * The same schedule with every group's base LR rescaled for another global batch, by the file's own rule
 * (linear when it says none). Schedulers' absolute values (`eta_min`, `max_lr`) are kept as written,
 * which is what re-running with the new batch would do. `undefined` when the current batch is not known.
 */
export function whatIfSchedule(desc: ScheduleDescription, globalBatch: number, currentBatch?: number): { readonly schedule: ScheduleDescription; readonly factor: number; readonly rule: "linear" | "sqrt" } | undefined {
  const rule = desc.scaling?.rule ?? "linear";
  const current = desc.scaling?.globalBatch.value ?? currentBatch;
  if (current === undefined || !(current > 0) || !(globalBatch > 0)) return undefined;
  const factor = scalingFactor(rule, current, globalBatch);
  const how = rule === "sqrt" ? `sqrt(${globalBatch} / ${current})` : `${globalBatch} / ${current}`;
  const groups = desc.groups.map((g) => ({ ...g, lr: derived(g.lr.value * factor, `${formatLr(g.lr.value)} × ${how}`, [g.lr]) }));
  return { schedule: { ...desc, groups }, factor, rule };
}

/** The page's data for a document: every schedule, the what-if overlays asked for, the inputs and the chosen epoch. */
export function buildPreviewData(src: PreviewSource, maxPoints = defaultMaxPoints): PreviewData {
  const short = shortener(src.folder);
  const schedules = src.entries.map((e) => scheduleView(e, src.epoch, maxPoints, short));
  // A run that parts from the plan is said among that schedule's warnings too.
  for (const g of src.logged ?? []) {
    const s = schedules[g.schedule];
    if (s && g.differs) schedules[g.schedule] = { ...s, warnings: [...s.warnings, { severity: "warning", code: "log-differs-from-plan", message: g.differs.message }] };
  }
  const whatIf: WhatIfView[] = [];
  if (src.whatIfBatch !== undefined) {
    src.entries.forEach((e, i) => {
      if (e.curve.total === 0) return;
      const w = whatIfSchedule(e.schedule, src.whatIfBatch!, src.whatIfCurrentBatch);
      if (!w) return;
      // The plan's curve was drawn, so its length is within lrscope.maxTicks: the what-if has the same length.
      const curve = evaluate(w.schedule, e.curve.total, { allowHuge: true });
      if (curve.total === 0 || !curve.groups[0]) return;
      whatIf.push({ schedule: i, globalBatch: src.whatIfBatch!, rule: w.rule, factor: w.factor, series: seriesOf(curve.groups[0], "lr", 0, curve.boundaries.map((b) => b.tick), maxPoints) });
    });
  }
  const inputs: Partial<Record<EditableInput, number>> = {};
  for (const key of editableInputs) {
    const v = src.inputs[key];
    if (typeof v === "number") inputs[key] = v;
  }
  return {
    source: src.source,
    label: src.label,
    version: src.version,
    schedules,
    problems: src.problems.map((p) => warningView(p, short)),
    inputs,
    epoch: src.epoch,
    ...(whatIf.length > 0 ? { whatIf } : {}),
    ...(src.logged && src.logged.length > 0 ? { logged: src.logged } : {}),
    ...(src.whatIfBatch !== undefined ? { whatIfBatch: src.whatIfBatch } : {}),
    ...(src.whatIfCurrentBatch !== undefined ? { whatIfCurrentBatch: src.whatIfCurrentBatch } : {}),
    ...(src.standalone ? { standalone: true } : {}),
  };
}

/**
 * The full-resolution curve as CSV, one row per tick: `tick,epoch,lr[,lr_group1...][,momentum...]`. Values
 * are written with JavaScript's shortest round-trip form, so reading them back gives the same doubles.
 */
export function curveCsv(entry: PreviewEntry): string {
  const { schedule, curve } = entry;
  const tpe = ticksPerEpoch(schedule);
  const cols: { name: string; values: Float64Array }[] = curve.groups.map((g, i) => ({ name: i === 0 ? "lr" : `lr_group${i}`, values: g }));
  curve.momentum?.forEach((m, i) => cols.push({ name: i === 0 ? (schedule.groups[0]?.momentumKind === "beta1" ? "beta1" : "momentum") : `momentum_group${i}`, values: m }));
  const rows: string[] = [["tick", ...(tpe ? ["epoch"] : []), ...cols.map((c) => c.name)].join(",")];
  for (let t = 0; t < curve.total; t++) {
    let row = String(t);
    if (tpe) row += "," + String(t / tpe);
    for (const c of cols) row += "," + String(c.values[t]);
    rows.push(row);
  }
  return rows.join("\n") + "\n";
}

/** One schedule as JSON (the CLI's `--json` shape plus derivations): what "Copy as JSON" puts on the clipboard. */
export function scheduleJson(entry: PreviewEntry): unknown {
  const { schedule, curve } = entry;
  const [lr, ...rest] = curve.groups;
  return {
    name: schedule.name,
    dialect: schedule.dialect,
    unit: curve.unit,
    total: curve.total,
    ...(schedule.stepsPerEpoch ? { stepsPerEpoch: schedule.stepsPerEpoch.value } : {}),
    source: { file: schedule.source.file, line: schedule.source.startLine + 1 },
    baseLr: schedule.groups.map((g) => ({ value: g.lr.value, derivation: explainValue(g.lr) })),
    schedulers: describeProgram(schedule),
    boundaries: curve.boundaries,
    assumptions: schedule.assumptions.map((a) => ({ input: a.input, message: a.message, ...(a.value !== undefined ? { value: a.value } : {}) })),
    warnings: [...schedule.problems, ...curve.problems].map((p) => warningView(p)),
    lr: Array.from(lr ?? []),
    ...(rest.length > 0 ? { groups: Object.fromEntries(rest.map((g, i) => [`group${i + 1}`, Array.from(g)])) } : {}),
    ...(curve.momentum?.[0] ? { momentum: Array.from(curve.momentum[0]) } : {}),
  };
}
