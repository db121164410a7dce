// The preview page: loaded once, then updated by `update` messages from the host (or from the data inlined
// in a standalone page). It draws and sends back intents (epoch chosen, inputs, what-if, exports); it never
// reads files. State (toggles, zoom, chosen epoch, pinned curves) survives reloads via getState/setState.
import * as l10n from "@vscode/l10n";
import { formatLr } from "../core/explain";
import { chartSvg } from "../text/svgChart";
import { ScheduleChart, xOf } from "./chart";
import { h } from "./dom";
import { editableInputs, parseHostMessage, parsePageState, type EditableInput, type PageState, type PreviewData, type ScheduleView, type SvgView, type WebviewMessage } from "./protocol";

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** Settings the host (or the CLI) put in the page: the source, the l10n bundle, whether a host is there. */
interface PageConfig {
  readonly source: string;
  readonly l10n?: Record<string, string>;
}

function readJsonAttribute<T>(id: string, name: string): T | undefined {
  const text = document.getElementById(id)?.getAttribute(name);
  if (!text) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

const config = readJsonAttribute<PageConfig>("lrscope-config", "data-config") ?? { source: "" };
if (config.l10n) l10n.config({ contents: config.l10n });
const inlined = readJsonAttribute<PreviewData>("lrscope-data", "data-preview");

/** Outside VS Code there is no host: state lives in memory and exports happen in the page. */
const vscode: VsCodeApi =
  typeof acquireVsCodeApi === "function"
    ? acquireVsCodeApi()
    : (() => {
        let state: unknown;
        return { postMessage: () => undefined, getState: () => state, setState: (s: unknown) => (state = s) };
      })();

// Outside VS Code nothing sets the theme's class: follow the system's light or dark preference.
if (!/\bvscode-/.test(document.body.className)) document.body.classList.add(matchMedia("(prefers-color-scheme: dark)").matches ? "vscode-dark" : "vscode-light");

let state: PageState = parsePageState(vscode.getState());
let data: PreviewData | undefined;
/** The chosen epoch while the user drags, before the host has confirmed it. */
let pendingEpoch: number | undefined;

function save(patch: Partial<PageState>): void {
  state = { ...state, ...patch };
  vscode.setState(state);
}

function post(message: WebviewMessage): void {
  vscode.postMessage(message);
}

// Layout: toolbar, chart, and the numbers beside it.
const toolbar = h("div", { class: "toolbar", role: "toolbar" });
const canvas = h("canvas", { id: "chart", "aria-label": l10n.t("Learning-rate chart") });
const hint = h("div", { class: "hint" }, l10n.t("Click or drag to choose the epoch · wheel or shift+drag to zoom · alt+drag to pan"));
const side = h("aside", { class: "side" });
const title = h("h1", { class: "title" });
const app = h("main", { class: "layout" }, h("section", { class: "chart-column" }, title, toolbar, h("div", { class: "chart-box" }, canvas), hint), side);
document.body.append(app);

const chart = new ScheduleChart(canvas, {
  chose(x, done) {
    const s = data?.schedules.find((v) => v.total > 0);
    if (!s || !data) return;
    // x is in the axis unit: back to epochs, snapped to a whole tick.
    const tpe = s.ticksPerEpoch;
    const tick = Math.max(0, Math.min(s.total - 1, Math.floor(state.xAxis === "epoch" && tpe ? x * tpe : x)));
    const epoch = tpe ? tick / tpe : tick;
    pendingEpoch = epoch;
    save({ epoch });
    chart.moveChosen(xOf(tick, s, state.xAxis));
    renderSide();
    if (done && !data.standalone) post({ type: "epochChosen", source: data.source, epoch });
  },
  zoomed(range) {
    save({ zoom: range });
  },
});

function button(label: string, onClick: () => void, options: { pressed?: boolean; title?: string; id?: string } = {}): HTMLButtonElement {
  return h(
    "button",
    { type: "button", id: options.id, title: options.title, "aria-pressed": options.pressed === undefined ? undefined : String(options.pressed), class: options.pressed ? "on" : undefined, onclick: onClick },
    label,
  );
}

function renderToolbar(): void {
  if (!data) return;
  const standalone = data.standalone === true;
  const hasMomentum = data.schedules.some((s) => s.series.some((x) => x.kind === "momentum"));
  const hasGroups = data.schedules.some((s) => s.series.some((x) => x.kind === "lr" && x.group > 0));
  const groupOf = (...children: HTMLElement[]): HTMLElement => h("span", { class: "group" }, ...children);
  toolbar.replaceChildren(
    groupOf(
      button(l10n.t("Epochs"), () => redraw({ xAxis: "epoch", zoom: undefined }), { pressed: state.xAxis === "epoch", id: "axis-epoch" }),
      button(l10n.t("Steps"), () => redraw({ xAxis: "step", zoom: undefined }), { pressed: state.xAxis === "step", id: "axis-step" }),
    ),
    groupOf(
      button(l10n.t("Linear"), () => redraw({ yScale: "linear" }), { pressed: state.yScale === "linear", id: "scale-linear" }),
      button(l10n.t("Log"), () => redraw({ yScale: "logarithmic" }), { pressed: state.yScale === "logarithmic", id: "scale-log" }),
    ),
    groupOf(
      ...(hasMomentum ? [button(l10n.t("Momentum"), () => redraw({ showMomentum: !state.showMomentum }), { pressed: state.showMomentum, id: "toggle-momentum" })] : []),
      ...(hasGroups ? [button(l10n.t("Other groups"), () => redraw({ showGroups: !state.showGroups }), { pressed: state.showGroups, id: "toggle-groups" })] : []),
      button(
        l10n.t("Reset zoom"),
        () => {
          chart.resetZoom();
          redraw({ zoom: undefined });
        },
        { id: "reset-zoom" },
      ),
    ),
    groupOf(
      button(l10n.t("Pin"), pin, { title: l10n.t("Keep this curve to compare it with other files"), id: "pin" }),
      ...(state.pinned.length > 0 ? [button(l10n.t("Clear pins"), () => redraw({ pinned: [] }), { id: "clear-pins" })] : []),
    ),
    groupOf(
      button(l10n.t("PNG"), exportPng, { title: l10n.t("Save the chart as PNG at print resolution ({0}× the screen)", printScale), id: "export-png" }),
      button(l10n.t("SVG"), exportSvg, { title: l10n.t("Save the chart as SVG (vector, for papers)"), id: "export-svg" }),
      ...(standalone
        ? []
        : [
            button(l10n.t("CSV"), () => post({ type: "exportCsv", source: data!.source, schedule: 0 }), { title: l10n.t("Save the full-resolution curve (every tick) as CSV"), id: "export-csv" }),
            button(l10n.t("Copy JSON"), () => post({ type: "copyJson", source: data!.source, schedule: 0 }), { title: l10n.t("Copy the schedule and its curve as JSON"), id: "copy-json" }),
          ]),
    ),
  );
}

function pin(): void {
  if (!data) return;
  const added = data.schedules
    .filter((s) => s.total > 0)
    .map((s) => {
      const lr = s.series.find((x) => x.kind === "lr" && x.group === 0)!;
      return { label: `${data!.label} · ${s.name}`, unit: s.unit, ...(s.ticksPerEpoch ? { ticksPerEpoch: s.ticksPerEpoch } : {}), ticks: [...lr.ticks, s.total], values: [...lr.values, lr.values[lr.values.length - 1]!] };
    });
  redraw({ pinned: [...state.pinned.filter((p) => !added.some((a) => a.label === p.label)), ...added].slice(-8) });
}

/** The PNG export's pixels per CSS pixel: about 300 dpi for a chart printed at the panel's size. */
const printScale = 3;

function download(href: string, extension: string): void {
  const a = h("a", { href, download: `${data!.label.replace(/[^\w.-]+/g, "_")}.${extension}` });
  a.click();
}

function exportPng(): void {
  if (!data) return;
  const dataUrl = chart.toPng(printScale);
  if (!data.standalone) {
    post({ type: "exportPng", source: data.source, dataUrl });
    return;
  }
  download(dataUrl, "png");
}

/** How the chart is viewed now: what the SVG export draws. */
function svgView(): SvgView {
  // A pinned curve with a value that is not a number (a schedule that diverged) is left out: the host refuses it.
  const pinned = state.pinned.filter((p) => p.ticks.every(Number.isFinite) && p.values.every(Number.isFinite));
  return { xAxis: state.xAxis, yScale: state.yScale, showGroups: state.showGroups, ...(state.zoom ? { zoom: state.zoom } : {}), pinned };
}

function svgText(d: PreviewData): string {
  const view = svgView();
  return chartSvg({ title: d.label, schedules: d.schedules, pinned: view.pinned }, { ...view, t: (m, ...args) => l10n.t(m, ...args) });
}

function exportSvg(): void {
  if (!data) return;
  if (!data.standalone) {
    post({ type: "exportSvg", source: data.source, view: svgView() });
    return;
  }
  // No host: the page draws the SVG itself, with the same renderer.
  download(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText(data))}`, "svg");
}

/** The epoch the line shows: the one being dragged, else the host's setting. */
function chosenEpoch(): number {
  return pendingEpoch ?? data?.epoch ?? state.epoch ?? 0;
}

function chosenX(): number | undefined {
  const s = data?.schedules.find((v) => v.total > 0);
  if (!s?.ticksPerEpoch) return undefined;
  const tick = Math.floor(chosenEpoch() * s.ticksPerEpoch);
  return tick < s.total ? xOf(tick, s, state.xAxis) : undefined;
}

function redraw(patch: Partial<PageState> = {}): void {
  save(patch);
  if (!data) return;
  renderToolbar();
  chart.update(data, state, chosenX());
  renderSide();
}

/** The LR at the chosen epoch: exact from the host, or from the epoch starts, or (mid-epoch, while dragging) the drawn sample. */
function lrAtChosen(s: ScheduleView): { text: string; exact: boolean } | undefined {
  if (!s.ticksPerEpoch || s.total === 0) return undefined;
  const epoch = chosenEpoch();
  const tick = Math.floor(epoch * s.ticksPerEpoch);
  if (tick >= s.total) return undefined;
  if (s.chosen && s.chosen.tick === tick) return { text: String(s.chosen.lr[0]), exact: true };
  if (Number.isInteger(epoch) && s.epochStarts[epoch] !== undefined) return { text: String(s.epochStarts[epoch]), exact: true };
  const lr = s.series.find((x) => x.kind === "lr" && x.group === 0);
  if (!lr) return undefined;
  let i = 0;
  while (i + 1 < lr.ticks.length && lr.ticks[i + 1]! <= tick) i++;
  return { text: String(lr.values[i]), exact: lr.ticks[i] === tick };
}

function row(label: string, ...value: (Node | string)[]): HTMLElement {
  return h("div", { class: "row" }, h("span", { class: "label" }, label), h("span", { class: "value" }, ...value));
}

const inputLabels = (): Record<EditableInput, string> => ({
  stepsPerEpoch: l10n.t("Steps per epoch"),
  datasetSize: l10n.t("Dataset size"),
  devices: l10n.t("Devices"),
  gradientAccumulation: l10n.t("Gradient accumulation"),
  totalSteps: l10n.t("Total steps"),
  epochs: l10n.t("Epochs"),
});

function inputsBlock(d: PreviewData): HTMLElement | undefined {
  const asked = new Set<EditableInput>();
  // Only what a schedule's assumptions name: the inputs it needs (no value) or uses (given or assumed). An
  // input set in the settings that no schedule uses (steps per epoch for a per-epoch schedule) gets no box.
  for (const s of d.schedules) for (const a of s.assumptions) if ((editableInputs as readonly string[]).includes(a.input)) asked.add(a.input as EditableInput);
  if (asked.size === 0) return undefined;
  const labels = inputLabels();
  const fields = [...asked].map((key) => {
    const assumed = d.schedules.flatMap((s) => s.assumptions).find((a) => a.input === key)?.value;
    const input = h("input", {
      type: "number",
      min: 1,
      step: 1,
      id: `input-${key}`,
      value: d.inputs[key] ?? assumed,
      placeholder: l10n.t("not known"),
      disabled: d.standalone === true,
      onchange: (e: Event) => {
        const text = (e.target as HTMLInputElement).value.trim();
        const n = Number(text);
        if (text !== "" && !(Number.isFinite(n) && n > 0)) return;
        post({ type: "inputsChanged", source: d.source, inputs: { [key]: text === "" ? null : n } });
      },
    });
    return h("label", { class: "input" }, h("span", {}, labels[key]), input);
  });
  return h(
    "section",
    { class: "inputs" },
    h("h2", {}, l10n.t("Inputs")),
    ...fields,
    d.standalone ? h("p", { class: "note" }, l10n.t("Open the file in VS Code, or pass the inputs to `lrscope preview`, to change them.")) : undefined,
  );
}

function whatIfBlock(d: PreviewData): HTMLElement | undefined {
  if (d.standalone || !d.schedules.some((s) => s.total > 0)) return undefined;
  const scaling = d.schedules.find((s) => s.scaling)?.scaling;
  const rule = scaling?.rule ?? "linear";
  const target = h("input", { type: "number", min: 1, step: 1, id: "whatif-batch", value: d.whatIfBatch, placeholder: l10n.t("global batch") });
  const current = scaling ? undefined : h("input", { type: "number", min: 1, step: 1, id: "whatif-current", value: d.whatIfCurrentBatch, placeholder: l10n.t("current global batch") });
  const send = (): void => {
    const n = Number(target.value);
    const c = current ? Number(current.value) : undefined;
    const ok = target.value.trim() !== "" && Number.isFinite(n) && n > 0;
    post({ type: "whatIf", source: d.source, globalBatch: ok ? n : null, ...(c !== undefined && Number.isFinite(c) && c > 0 ? { currentBatch: c } : {}) });
    save({ whatIfBatch: ok ? n : undefined });
  };
  target.addEventListener("change", send);
  current?.addEventListener("change", send);
  return h(
    "section",
    { class: "whatif" },
    h("h2", {}, l10n.t("What if the global batch were…")),
    h("p", { class: "note" }, scaling ? l10n.t("{0} rule: now {1} ({2})", rule === "sqrt" ? l10n.t("Square-root") : l10n.t("Linear"), scaling.globalBatch, scaling.text) : l10n.t("Linear rule. The file does not say its global batch: give it.")),
    current ? h("label", { class: "input" }, h("span", {}, l10n.t("Current global batch")), current) : undefined,
    h("label", { class: "input" }, h("span", {}, l10n.t("New global batch")), target),
  );
}

function scheduleBlock(d: PreviewData, s: ScheduleView, index: number): HTMLElement {
  const tpe = s.ticksPerEpoch;
  const unitName = s.unit === "epoch" ? l10n.t("epochs") : l10n.t("steps");
  const totalText = s.total > 0 ? `${s.total} ${unitName}${s.unit === "step" && tpe ? ` = ${formatLr(s.total / tpe)} ${l10n.t("epochs")} × ${tpe}` : ""}` : l10n.t("not known");
  const at = lrAtChosen(s);
  const cell = s.source.cell;
  // In a notebook: "nb.ipynb cell 7:1", cells counted from 1 as the CLI prints them.
  const where = `${s.source.file.split("/").pop() ?? s.source.file}${cell !== undefined ? ` ${l10n.t("cell {0}", cell + 1)}` : ""}:${s.source.line}`;
  const link = h("a", { href: "#", class: "source", onclick: (e: Event) => (e.preventDefault(), post({ type: "openSource", source: d.source, line: s.source.line, ...(cell !== undefined ? { cell } : {}) })) }, where);
  return h(
    "section",
    { class: "schedule", "data-index": index },
    h("h2", {}, `${s.name} `, h("span", { class: "dialect" }, `(${s.dialect})`), " ", d.standalone ? `${s.source.file}:${s.source.line}` : link),
    ...s.baseLr.map((text, g) => row(s.baseLr.length > 1 ? l10n.t("Base LR, group {0}", g) : l10n.t("Base LR"), h("code", {}, text))),
    row(l10n.t("Steps"), s.unit === "epoch" ? l10n.t("once per epoch") : l10n.t("once per optimizer step")),
    row(l10n.t("Total"), totalText, s.totalText ? h("div", { class: "derivation" }, h("code", {}, s.totalText)) : ""),
    s.warmup ? row(l10n.t("Warmup"), l10n.t("{0} → {1} over {2} {3}", formatLr(s.warmup.from), formatLr(s.warmup.to), s.warmup.ticks, unitName)) : undefined,
    row(l10n.t("Schedule"), ...s.program.map((p) => h("code", { class: "program" }, p))),
    at ? row(l10n.t("LR at epoch {0}", formatLr(chosenEpoch())), h("strong", { id: index === 0 ? "lr-at-chosen" : undefined }, (at.exact ? "" : "≈ ") + at.text)) : undefined,
    s.chosen?.momentum !== undefined && at ? row(l10n.t("Momentum at epoch {0}", formatLr(chosenEpoch())), String(s.chosen.momentum)) : undefined,
    s.assumptions.length > 0 ? h("div", { class: "assumptions" }, h("h3", {}, l10n.t("Assumptions")), h("ul", {}, ...s.assumptions.map((a) => h("li", {}, a.message, a.line ? h("span", { class: "line" }, ` :${a.line}`) : undefined)))) : undefined,
    s.warnings.length > 0 ? h("div", { class: "warnings" }, h("h3", {}, l10n.t("Warnings")), h("ul", {}, ...s.warnings.map((w) => h("li", { class: w.severity }, w.message, w.line ? h("span", { class: "line" }, ` :${w.line}`) : undefined)))) : undefined,
  );
}

function renderSide(): void {
  const d = data;
  if (!d) return;
  title.textContent = d.label;
  side.replaceChildren(
    ...(d.schedules.length === 0 ? [h("p", { class: "empty" }, l10n.t("No learning-rate schedule found in this file."))] : []),
    ...d.schedules.map((s, i) => scheduleBlock(d, s, i)),
    inputsBlock(d) ?? "",
    whatIfBlock(d) ?? "",
    ...(d.problems.length > 0 ? [h("section", { class: "warnings" }, h("h2", {}, l10n.t("Problems")), h("ul", {}, ...d.problems.map((p) => h("li", { class: p.severity }, p.message))))] : []),
  );
}

function show(next: PreviewData): void {
  // A new file: keep the toggles and pins, forget the zoom (its range belongs to the other curve).
  if (state.source !== undefined && state.source !== next.source) save({ zoom: undefined });
  save({ source: next.source, epoch: next.epoch, locked: next.locked === true });
  data = next;
  pendingEpoch = undefined;
  redraw();
  document.body.dataset.ready = "true";
}

window.addEventListener("message", (event: MessageEvent<unknown>) => {
  // The host decides which document the panel shows (a dynamic preview follows the editor), so any
  // well-formed update is taken; the host, in turn, drops page messages about a document it no longer shows.
  const message = parseHostMessage(event.data);
  if (message?.type === "update") show(message.data);
});

// Redraw when the theme changes: VS Code swaps the body's class (vscode-light, vscode-dark, vscode-high-contrast).
new MutationObserver(() => chart.retheme()).observe(document.body, { attributes: true, attributeFilter: ["class"] });

// The test and the integration harness read the chart through this handle.
(window as unknown as { lrscope: unknown }).lrscope = { chart: chart.chart, state: () => state, data: () => data, svg: () => (data ? svgText(data) : undefined), png: (scale: number) => chart.toPng(scale) };

if (inlined) show(inlined);
else post({ type: "ready", source: config.source });
