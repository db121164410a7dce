// The messages between the extension host and the preview page, shared by both sides (as the Markdown
// preview's `types/previewMessaging.d.ts`). Every message names its `source` (the document's URI, or the
// file path in a standalone page); the receiver drops messages about another source. Pure: no DOM, no vscode.

/** The inputs the page can set for a file (the ones a user can know and type). */
export const editableInputs = ["stepsPerEpoch", "datasetSize", "devices", "gradientAccumulation", "totalSteps", "epochs"] as const;
export type EditableInput = (typeof editableInputs)[number];

/** One drawable line: a decimated series of one schedule (LR or momentum of one param group). */
export interface SeriesData {
  readonly kind: "lr" | "momentum";
  readonly group: number;
  /** Tick numbers, increasing; every boundary and each bucket's min and max are among them. */
  readonly ticks: readonly number[];
  readonly values: readonly number[];
}

export interface AssumptionView {
  readonly input: string;
  readonly message: string;
  readonly value?: number;
  readonly line?: number;
}

export interface WarningView {
  readonly severity: "error" | "warning" | "info";
  readonly code: string;
  readonly message: string;
  readonly line?: number;
}

/** Everything the page shows about one schedule. */
export interface ScheduleView {
  readonly name: string;
  readonly dialect: string;
  readonly unit: "epoch" | "step";
  /** Ticks evaluated; 0 when the curve cannot be drawn (see `warnings` and the assumptions without value). */
  readonly total: number;
  /** Ticks per epoch: 1 for per-epoch schedules; absent when a per-step schedule's epoch length is unknown. */
  readonly ticksPerEpoch?: number;
  /** Where the schedule is written; `cell` (0-based, markdown cells counted) when the file is a notebook. */
  readonly source: { readonly file: string; readonly line: number; readonly cell?: number };
  readonly series: readonly SeriesData[];
  readonly boundaries: readonly { readonly tick: number; readonly label: string }[];
  /** `explainValue` of each group's base LR: `0.4 = 0.1 * batch_size * world_size / 256 (train.py:14)`. */
  readonly baseLr: readonly string[];
  readonly totalText?: string;
  /** The schedulers, outermost first (`describeProgram`). */
  readonly program: readonly string[];
  /** Where the LR first reaches its maximum after rising from its start (a warmup), if it does. */
  readonly warmup?: { readonly ticks: number; readonly from: number; readonly to: number };
  readonly scaling?: { readonly rule: "linear" | "sqrt"; readonly referenceLr: number; readonly referenceBatch: number; readonly globalBatch: number; readonly text: string };
  readonly assumptions: readonly AssumptionView[];
  readonly warnings: readonly WarningView[];
  /** LR of group 0 at the start of each epoch 0, 1, ... (exact; at most 10,000 epochs), for the chosen-epoch readout. */
  readonly epochStarts: readonly number[];
  /** The exact values at the chosen epoch (`PreviewData.epoch`), when it falls inside the curve. */
  readonly chosen?: { readonly tick: number; readonly lr: readonly number[]; readonly momentum?: number };
}

/** A what-if curve: the same schedule with its base LR rescaled for another global batch. */
export interface WhatIfView {
  readonly schedule: number;
  readonly globalBatch: number;
  readonly rule: "linear" | "sqrt";
  readonly factor: number;
  readonly series: SeriesData;
}

/** What a run logged, lined up with one schedule's ticks (`src/logs/compare.ts`): drawn as points over the plan. */
export interface LoggedView {
  readonly schedule: number;
  /** The log's workspace-relative path and series tag, for the legend. */
  readonly label: string;
  /** Plan ticks and logged values, at most a few thousand points. */
  readonly ticks: readonly number[];
  readonly values: readonly number[];
  /** The `log-differs-from-plan` message, when the run and the plan part. */
  readonly differs?: { readonly tick: number; readonly message: string };
}

export interface PreviewData {
  /** The document's URI (or the file's path in a standalone page). */
  readonly source: string;
  /** Short name for titles and the compare legend (workspace-relative path). */
  readonly label: string;
  readonly version: number;
  readonly schedules: readonly ScheduleView[];
  /** Problems of the file that belong to no schedule. */
  readonly problems: readonly WarningView[];
  /** The per-file inputs currently set (what the page's input boxes show). */
  readonly inputs: Partial<Record<EditableInput, number>>;
  /** The chosen epoch (`lrscope.epoch`). */
  readonly epoch: number;
  readonly whatIf?: readonly WhatIfView[];
  /** Logged LR of the run linked to this file, over the planned curve. */
  readonly logged?: readonly LoggedView[];
  /** The global batch asked for in the what-if box (echoed so a restored page shows it). */
  readonly whatIfBatch?: number;
  readonly whatIfCurrentBatch?: number;
  /** A standalone page (no host): inputs, what-if and exports that need the host are hidden. */
  readonly standalone?: boolean;
  /** The panel keeps this file instead of following the active editor. */
  readonly locked?: boolean;
}

/** Host → page. */
export type HostMessage = { readonly type: "update"; readonly source: string; readonly data: PreviewData };

/** Page → host. */
export type WebviewMessage =
  | { readonly type: "ready"; readonly source: string }
  | { readonly type: "epochChosen"; readonly source: string; readonly epoch: number }
  | { readonly type: "inputsChanged"; readonly source: string; readonly inputs: Partial<Record<EditableInput, number | null>> }
  /** `currentBatch`: the global batch the file trains with, when the file does not say (no `scaling`). */
  | { readonly type: "whatIf"; readonly source: string; readonly globalBatch: number | null; readonly currentBatch?: number }
  | { readonly type: "exportPng"; readonly source: string; readonly dataUrl: string }
  /** The host draws the SVG from its own data (`src/text/svgChart.ts`); the page says only how it is viewed. */
  | { readonly type: "exportSvg"; readonly source: string; readonly view: SvgView }
  | { readonly type: "exportCsv"; readonly source: string; readonly schedule: number }
  | { readonly type: "copyJson"; readonly source: string; readonly schedule: number }
  | { readonly type: "openSource"; readonly source: string; readonly line: number; readonly cell?: number };

/** How the page shows the chart, for an SVG export of the same view. */
export interface SvgView {
  readonly xAxis: "epoch" | "step";
  readonly yScale: "linear" | "logarithmic";
  readonly showGroups: boolean;
  readonly zoom?: { readonly min: number; readonly max: number };
  readonly pinned: readonly PinnedSeries[];
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const isCount = (x: unknown): x is number => typeof x === "number" && Number.isInteger(x) && x >= 0 && x < 2 ** 32;
const isPositive = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x) && x > 0 && x < 1e15;
const pngPrefix = "data:image/png;base64,";
/** 64 MB of base64: far beyond any chart, so a runaway page cannot make the host allocate without bound. */
const maxDataUrl = 64 * 1024 * 1024;

/**
 * The message if it is one the page may send, else a reason (the host logs it and ignores the message).
 * Checks every field's type and range; extra fields are dropped.
 */
export function parseWebviewMessage(x: unknown): { readonly message: WebviewMessage } | { readonly error: string } {
  if (!isRecord(x)) return { error: "not an object" };
  const { type, source } = x;
  if (typeof type !== "string") return { error: "no type" };
  if (typeof source !== "string" || source.length === 0 || source.length > 4096) return { error: `${type}: no source` };
  switch (type) {
    case "ready":
      return { message: { type, source } };
    case "epochChosen":
      return typeof x.epoch === "number" && Number.isFinite(x.epoch) && x.epoch >= 0 && x.epoch < 1e9 ? { message: { type, source, epoch: x.epoch } } : { error: "epochChosen: epoch is not a number ≥ 0" };
    case "inputsChanged": {
      if (!isRecord(x.inputs)) return { error: "inputsChanged: no inputs" };
      const inputs: Partial<Record<EditableInput, number | null>> = {};
      for (const [key, value] of Object.entries(x.inputs)) {
        if (!(editableInputs as readonly string[]).includes(key)) return { error: `inputsChanged: unknown input ${key}` };
        if (value !== null && !isPositive(value)) return { error: `inputsChanged: ${key} is not a positive number` };
        inputs[key as EditableInput] = value;
      }
      return { message: { type, source, inputs } };
    }
    case "whatIf":
      if (!(x.globalBatch === null || isPositive(x.globalBatch))) return { error: "whatIf: globalBatch is not a positive number" };
      if (x.currentBatch !== undefined && !isPositive(x.currentBatch)) return { error: "whatIf: currentBatch is not a positive number" };
      return { message: { type, source, globalBatch: x.globalBatch, ...(x.currentBatch !== undefined ? { currentBatch: x.currentBatch } : {}) } };
    case "exportPng":
      return typeof x.dataUrl === "string" && x.dataUrl.startsWith(pngPrefix) && x.dataUrl.length < maxDataUrl && /^[A-Za-z0-9+/=]*$/.test(x.dataUrl.slice(pngPrefix.length))
        ? { message: { type, source, dataUrl: x.dataUrl } }
        : { error: "exportPng: not a PNG data URL" };
    case "exportSvg": {
      const view = parseSvgView(x.view);
      return typeof view === "string" ? { error: `exportSvg: ${view}` } : { message: { type, source, view } };
    }
    case "exportCsv":
    case "copyJson":
      return isCount(x.schedule) ? { message: { type, source, schedule: x.schedule } } : { error: `${type}: schedule is not an index` };
    case "openSource":
      if (!isCount(x.line) || x.line < 1) return { error: "openSource: line is not a line number" };
      if (x.cell !== undefined && !isCount(x.cell)) return { error: "openSource: cell is not a cell index" };
      return { message: { type, source, line: x.line, ...(x.cell !== undefined ? { cell: x.cell } : {}) } };
    default:
      return { error: `unknown message type ${type.slice(0, 40)}` };
  }
}

/** Pinned curves the page may send: few, bounded, numbers only (the host draws them into the SVG). */
const maxPinned = 8;
const maxPinnedPoints = 20_000;
const isFiniteNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

function parsePinned(p: unknown): PinnedSeries | undefined {
  if (!isRecord(p) || typeof p.label !== "string" || p.label.length > 1000 || (p.unit !== "epoch" && p.unit !== "step")) return undefined;
  if (!Array.isArray(p.ticks) || !Array.isArray(p.values) || p.ticks.length !== p.values.length || p.ticks.length > maxPinnedPoints) return undefined;
  if (!p.ticks.every(isFiniteNumber) || !p.values.every(isFiniteNumber)) return undefined;
  if (p.ticksPerEpoch !== undefined && !isPositive(p.ticksPerEpoch)) return undefined;
  return { label: p.label, unit: p.unit, ...(p.ticksPerEpoch !== undefined ? { ticksPerEpoch: p.ticksPerEpoch } : {}), ticks: p.ticks, values: p.values };
}

/** The view of an `exportSvg` message, or what is wrong with it. */
function parseSvgView(v: unknown): SvgView | string {
  if (!isRecord(v)) return "no view";
  if (v.xAxis !== "epoch" && v.xAxis !== "step") return "xAxis is not epoch or step";
  if (v.yScale !== "linear" && v.yScale !== "logarithmic") return "yScale is not linear or logarithmic";
  if (typeof v.showGroups !== "boolean") return "showGroups is not a boolean";
  let zoom: SvgView["zoom"];
  if (v.zoom !== undefined) {
    if (!isRecord(v.zoom) || !isFiniteNumber(v.zoom.min) || !isFiniteNumber(v.zoom.max) || !(v.zoom.min < v.zoom.max)) return "zoom is not a range";
    zoom = { min: v.zoom.min, max: v.zoom.max };
  }
  if (!Array.isArray(v.pinned) || v.pinned.length > maxPinned) return "pinned is not a list of curves";
  const pinned: PinnedSeries[] = [];
  for (const p of v.pinned as unknown[]) {
    const parsed = parsePinned(p);
    if (!parsed) return "a pinned curve is malformed";
    pinned.push(parsed);
  }
  return { xAxis: v.xAxis, yScale: v.yScale, showGroups: v.showGroups, ...(zoom ? { zoom } : {}), pinned };
}

/** The page's check of what the host sends (it comes from our own code, but a stale page may get an old shape). */
export function parseHostMessage(x: unknown): HostMessage | undefined {
  if (!isRecord(x) || typeof x.source !== "string") return undefined;
  if (x.type === "update" && isRecord(x.data) && Array.isArray(x.data.schedules) && x.data.source === x.source) return x as unknown as HostMessage;
  return undefined;
}

/** What the page keeps across reloads through `vscode.getState()`/`setState()`. */
export interface PageState {
  readonly source?: string;
  /** Saved so the serializer restores a locked preview as locked. */
  readonly locked?: boolean;
  readonly xAxis: "epoch" | "step";
  readonly yScale: "linear" | "logarithmic";
  readonly showMomentum: boolean;
  readonly showGroups: boolean;
  readonly zoom?: { readonly min: number; readonly max: number };
  readonly epoch?: number;
  readonly whatIfBatch?: number;
  readonly pinned: readonly PinnedSeries[];
}

/** A schedule pinned for comparison: its LR series, with the file and schedule it came from. */
export interface PinnedSeries {
  readonly label: string;
  readonly ticksPerEpoch?: number;
  readonly unit: "epoch" | "step";
  readonly ticks: readonly number[];
  readonly values: readonly number[];
}

export const defaultPageState: PageState = { xAxis: "epoch", yScale: "linear", showMomentum: false, showGroups: true, pinned: [] };

/** Restores state saved by an older page, field by field, falling back to the defaults. */
export function parsePageState(x: unknown): PageState {
  if (!isRecord(x)) return defaultPageState;
  const pinned = Array.isArray(x.pinned)
    ? x.pinned.filter((p): p is PinnedSeries => isRecord(p) && typeof p.label === "string" && Array.isArray(p.ticks) && Array.isArray(p.values) && p.ticks.length === p.values.length && (p.unit === "epoch" || p.unit === "step")).slice(0, 8)
    : [];
  const zoom = isRecord(x.zoom) && typeof x.zoom.min === "number" && typeof x.zoom.max === "number" && x.zoom.min < x.zoom.max ? { min: x.zoom.min, max: x.zoom.max } : undefined;
  return {
    source: typeof x.source === "string" ? x.source : undefined,
    locked: x.locked === true,
    xAxis: x.xAxis === "step" ? "step" : "epoch",
    yScale: x.yScale === "logarithmic" ? "logarithmic" : "linear",
    showMomentum: x.showMomentum === true,
    showGroups: x.showGroups !== false,
    zoom,
    epoch: typeof x.epoch === "number" && x.epoch >= 0 ? x.epoch : undefined,
    whatIfBatch: isPositive(x.whatIfBatch) ? x.whatIfBatch : undefined,
    pinned,
  };
}
