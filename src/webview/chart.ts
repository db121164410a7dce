// The chart: every schedule of the file (and pinned or what-if overlays) as stepped lines over ticks or
// epochs, phase boundaries and the chosen epoch as annotations, zoom and pan. chart.js and its plugins are
// bundled (no remote loads); colours come from the theme's `--vscode-*` variables only.
import { Chart, Legend, LinearScale, LineController, LineElement, LogarithmicScale, PointElement, Tooltip, type ChartDataset, type ChartOptions, type Plugin } from "chart.js";
import annotationPlugin, { type AnnotationOptions } from "chartjs-plugin-annotation";
import zoomPlugin from "chartjs-plugin-zoom";
import * as l10n from "@vscode/l10n";
import { formatLr } from "../core/explain";
import { stackLabels } from "../text/labelLayout";
import { cssVar } from "./dom";
import type { PageState, PinnedSeries, PreviewData, ScheduleView, SeriesData } from "./protocol";

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Tooltip, Legend, annotationPlugin, zoomPlugin);

interface Theme {
  readonly foreground: string;
  readonly grid: string;
  readonly background: string;
  readonly palette: readonly string[];
  readonly chosen: string;
  readonly boundary: string;
  readonly font: string;
}

function readTheme(): Theme {
  return {
    foreground: cssVar("--vscode-charts-foreground", cssVar("--vscode-foreground", "#616161")),
    grid: cssVar("--vscode-charts-lines", "rgba(128,128,128,0.35)"),
    background: cssVar("--vscode-editor-background", "#ffffff"),
    palette: ["--vscode-charts-blue", "--vscode-charts-orange", "--vscode-charts-green", "--vscode-charts-purple", "--vscode-charts-red", "--vscode-charts-yellow"].map((v, i) => cssVar(v, ["#1a85ff", "#d18616", "#388a34", "#652d90", "#e51400", "#bf8803"][i]!)),
    chosen: cssVar("--vscode-editorCursor-foreground", cssVar("--vscode-focusBorder", "#0090f1")),
    boundary: cssVar("--vscode-editorLineNumber-foreground", "#6e7681"),
    font: cssVar("--vscode-font-family", "sans-serif"),
  };
}

/** A point of a drawn line: x in the chosen axis unit, y the value, t the tick (for the tooltip). */
export interface Point {
  readonly x: number;
  readonly y: number | null;
  readonly t: number;
}

/** Tick → x: epochs (fractional when per step) or ticks. */
export function xOf(tick: number, view: { ticksPerEpoch?: number }, axis: "epoch" | "step"): number {
  return axis === "epoch" && view.ticksPerEpoch ? tick / view.ticksPerEpoch : tick;
}

/** The points of a series as a stepped line (chart.js "before": horizontal, then vertical at the next point): each value holds from its tick to the next; the last to `total`. */
export function pointsOf(series: Pick<SeriesData, "ticks" | "values">, total: number, view: { ticksPerEpoch?: number }, axis: "epoch" | "step", log: boolean): Point[] {
  const points: Point[] = series.ticks.map((t, i) => ({ x: xOf(t, view, axis), y: log && !(series.values[i]! > 0) ? null : series.values[i]!, t }));
  const last = points[points.length - 1];
  if (last && total > last.t) points.push({ x: xOf(total, view, axis), y: last.y, t: total });
  return points;
}

export type Dataset = ChartDataset<"line", Point[]> & { readonly lrscope: { readonly schedule?: number; readonly kind: string; readonly group: number } };

/** The chart's datasets for the page data and the toggles. Pure given the theme (tested through the page). */
export function datasetsOf(data: PreviewData, state: PageState, theme: Theme): Dataset[] {
  const out: Dataset[] = [];
  const log = state.yScale === "logarithmic";
  const many = data.schedules.length > 1;
  data.schedules.forEach((s, si) => {
    for (const series of s.series) {
      if (series.kind === "momentum" && !state.showMomentum) continue;
      if (series.kind === "lr" && series.group > 0 && !state.showGroups) continue;
      const color = theme.palette[(si + (series.kind === "momentum" ? 3 : 0) + series.group) % theme.palette.length]!;
      const name = series.kind === "lr" ? (series.group > 0 ? l10n.t("LR, group {0}", series.group) : l10n.t("LR")) : momentumLabel(s, series.group);
      out.push({
        label: many ? `${s.name}: ${name}` : name,
        data: pointsOf(series, s.total, s, state.xAxis, log && series.kind === "lr"),
        borderColor: color,
        backgroundColor: color,
        borderWidth: series.kind === "lr" && series.group === 0 ? 2 : 1.25,
        borderDash: series.kind === "momentum" ? [2, 3] : undefined,
        yAxisID: series.kind === "momentum" ? "momentum" : "y",
        stepped: "before",
        pointRadius: 0,
        pointHitRadius: 4,
        parsing: false,
        normalized: true,
        lrscope: { schedule: si, kind: series.kind, group: series.group },
      });
    }
  });
  for (const w of data.whatIf ?? []) {
    const s = data.schedules[w.schedule];
    if (!s) continue;
    out.push({
      label: l10n.t("What-if: global batch {0} ({1} rule, LR × {2})", w.globalBatch, w.rule === "sqrt" ? l10n.t("square-root") : l10n.t("linear"), formatLr(w.factor)),
      data: pointsOf(w.series, s.total, s, state.xAxis, log),
      borderColor: theme.palette[(w.schedule + 1) % theme.palette.length],
      borderDash: [6, 4],
      borderWidth: 1.5,
      stepped: "before",
      pointRadius: 0,
      parsing: false,
      yAxisID: "y",
      lrscope: { schedule: w.schedule, kind: "whatIf", group: 0 },
    });
  }
  // What the run logged: points, not a line (logs are sampled every N steps), in the schedule's colour family.
  for (const g of data.logged ?? []) {
    const s = data.schedules[g.schedule];
    if (!s) continue;
    const color = theme.palette[(g.schedule + 4) % theme.palette.length]!;
    out.push({
      label: l10n.t("Logged: {0}", g.label),
      data: g.ticks.map((t, i) => ({ x: xOf(t, s, state.xAxis), y: log && !(g.values[i]! > 0) ? null : g.values[i]!, t })),
      borderColor: color,
      backgroundColor: color,
      showLine: false,
      pointRadius: 2.5,
      pointHoverRadius: 4,
      pointStyle: "circle",
      parsing: false,
      yAxisID: "y",
      lrscope: { schedule: g.schedule, kind: "logged", group: 0 },
    });
  }
  state.pinned.forEach((p: PinnedSeries, i) => {
    out.push({
      label: `📌 ${p.label}`,
      data: pointsOf(p, p.ticks[p.ticks.length - 1] ?? 0, p, state.xAxis, log),
      borderColor: theme.palette[(i + 2) % theme.palette.length],
      borderDash: [3, 3],
      borderWidth: 1.5,
      stepped: "before",
      pointRadius: 0,
      parsing: false,
      yAxisID: "y",
      lrscope: { kind: "pinned", group: 0 },
    });
  });
  return out;
}

function isPowerOfTen(v: number): boolean {
  if (!(v > 0)) return false;
  const e = Math.round(Math.log10(v));
  return Math.abs(v / 10 ** e - 1) < 1e-9;
}

function momentumLabel(s: ScheduleView, group: number): string {
  const beta = s.program.some((p) => /Adam/i.test(p));
  const name = beta ? "β1" : l10n.t("momentum");
  return group > 0 ? l10n.t("{0}, group {1}", name, group) : name;
}

/** Fills the canvas with the editor background, so an exported PNG looks like the panel. */
const background: Plugin<"line"> = {
  id: "lrscopeBackground",
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = "destination-over";
    ctx.fillStyle = readTheme().background;
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

export interface ChartCallbacks {
  /** The user clicked or dragged the chosen-epoch line to `x` (in the current axis unit). */
  chose(x: number, done: boolean): void;
  zoomed(range: { min: number; max: number } | undefined): void;
}

/** The chart of one page. `update` redraws from the data and toggles; `retheme` after a theme change. */
export class ScheduleChart {
  readonly chart: Chart<"line", Point[]>;
  private theme = readTheme();
  private data: PreviewData | undefined;
  private state: PageState | undefined;
  private chosenX: number | undefined;
  private dragging = false;
  /** Pixels per CSS pixel while a PNG is exported (`toPng`); the screen's otherwise. */
  private exportScale: number | undefined;
  /** The phase labels above the plot (annotation id, x in axis units, text), as `annotations()` made them. */
  private phaseLabels: { id: string; x: number; text: string }[] = [];
  private labelLayout: { key: string; rows: Map<string, number | undefined> } | undefined;

  constructor(
    readonly canvas: HTMLCanvasElement,
    private readonly callbacks: ChartCallbacks,
  ) {
    this.chart = new Chart(canvas, { type: "line", data: { datasets: [] }, options: this.options(), plugins: [background] });
    // Plain click or drag moves the chosen epoch; shift+drag zooms to a box, alt+drag pans, the wheel zooms.
    const pick = (e: PointerEvent, done: boolean): void => {
      const x = this.chart.scales.x?.getValueForPixel(e.offsetX);
      const area = this.chart.chartArea;
      if (x === undefined || !area || e.offsetX < area.left || e.offsetX > area.right) return;
      this.callbacks.chose(x, done);
    };
    canvas.addEventListener("pointerdown", (e) => {
      if (e.button !== 0 || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey) return;
      this.dragging = true;
      canvas.setPointerCapture(e.pointerId);
      pick(e, false);
    });
    canvas.addEventListener("pointermove", (e) => {
      if (this.dragging) pick(e, false);
    });
    const end = (e: PointerEvent): void => {
      if (!this.dragging) return;
      this.dragging = false;
      pick(e, true);
    };
    canvas.addEventListener("pointerup", end);
    canvas.addEventListener("pointercancel", () => (this.dragging = false));
  }

  private options(): ChartOptions<"line"> {
    const theme = this.theme;
    const log = this.state?.yScale === "logarithmic";
    const axis = this.state?.xAxis ?? "epoch";
    const hasMomentum = this.state?.showMomentum === true && (this.data?.schedules.some((s) => s.series.some((x) => x.kind === "momentum")) ?? false);
    return {
      animation: false,
      devicePixelRatio: this.exportScale,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: "nearest", axis: "x", intersect: false },
      // Room above the plot for two rows of phase labels.
      layout: { padding: { top: 44 } },
      color: theme.foreground,
      font: { family: theme.font },
      scales: {
        x: {
          type: "linear",
          min: this.state?.zoom?.min,
          max: this.state?.zoom?.max,
          title: { display: true, text: axis === "epoch" ? l10n.t("epoch") : l10n.t("step"), color: theme.foreground },
          ticks: { color: theme.foreground },
          grid: { color: theme.grid },
        },
        y: {
          type: log ? "logarithmic" : "linear",
          beginAtZero: !log,
          title: { display: true, text: l10n.t("learning rate"), color: theme.foreground },
          // On a log axis only the powers of ten are labelled: chart.js offers 1-2-5 steps whose labels collide.
          ticks: { color: theme.foreground, callback: (v) => (log && !isPowerOfTen(Number(v)) ? "" : formatLr(Number(v))) },
          grid: { color: theme.grid },
        },
        momentum: {
          type: "linear",
          display: hasMomentum,
          position: "right",
          title: { display: true, text: l10n.t("momentum / β1"), color: theme.foreground },
          ticks: { color: theme.foreground },
          grid: { drawOnChartArea: false },
        },
      },
      plugins: {
        legend: { position: "bottom", labels: { color: theme.foreground, boxHeight: 2, filter: (item) => item.text !== "" } },
        tooltip: {
          callbacks: {
            title: (items) => {
              const p = items[0]?.raw as Point | undefined;
              if (!p) return "";
              const s = this.data?.schedules[0];
              const tpe = s?.ticksPerEpoch;
              return tpe && s?.unit === "step" ? l10n.t("step {0} (epoch {1})", p.t, formatLr(p.t / tpe)) : s?.unit === "epoch" ? l10n.t("epoch {0}", p.t) : l10n.t("step {0}", p.t);
            },
            // Full precision: the shortest text that reads back as the same double.
            label: (item) => `${item.dataset.label ?? ""}: ${String((item.raw as Point).y)}`,
          },
        },
        annotation: { clip: false, annotations: this.annotations() },
        zoom: {
          limits: { x: { min: "original", max: "original" } },
          pan: { enabled: true, mode: "x", modifierKey: "alt", onPanComplete: ({ chart }) => this.reportZoom(chart) },
          zoom: {
            wheel: { enabled: true },
            pinch: { enabled: true },
            drag: { enabled: true, modifierKey: "shift", backgroundColor: theme.grid },
            mode: "x",
            onZoomComplete: ({ chart }) => this.reportZoom(chart),
          },
        },
      },
    };
  }

  private reportZoom(chart: Chart): void {
    const x = chart.scales.x;
    if (!x) return;
    this.callbacks.zoomed(chart.isZoomedOrPanned() ? { min: x.min, max: x.max } : undefined);
  }

  private annotations(): Record<string, AnnotationOptions> {
    const out: Record<string, AnnotationOptions> = {};
    const data = this.data;
    const axis = this.state?.xAxis ?? "epoch";
    if (!data) return out;
    const theme = this.theme;
    const labels: { id: string; x: number; text: string }[] = [];
    // Above the plot (in the layout's top padding), in two rows laid out so that no label covers another
    // (`stackLabels`): a short phase staggers its label, one with no room left is not labelled.
    const label = (id: string, text: string): NonNullable<Extract<AnnotationOptions, { type?: "line" }>["label"]> => ({
      display: ({ chart }) => this.labelRow(chart, id) !== undefined,
      content: text,
      position: "start",
      yAdjust: ({ chart }) => -24 - (this.labelRow(chart, id) ?? 0) * 14,
      padding: 1,
      color: theme.foreground,
      backgroundColor: "transparent",
      font: { size: 10 },
    });
    data.schedules.forEach((s, si) => {
      // Thousands of phases (cycles) are drawn as lines only.
      const labelled = s.boundaries.length <= 200;
      s.boundaries.forEach((b, bi) => {
        const id = `b${si}-${bi}`;
        const x = xOf(b.tick, s, axis);
        if (labelled) labels.push({ id, x, text: b.label });
        out[id] = { type: "line", scaleID: "x", value: x, borderColor: theme.boundary, borderWidth: 1, borderDash: [4, 4], ...(labelled ? { label: label(id, b.label) } : {}) };
      });
      if (s.warmup && !s.boundaries.some((b) => b.tick === s.warmup!.ticks) && si === 0) {
        const x = xOf(s.warmup.ticks, s, axis);
        labels.push({ id: "warmup", x, text: l10n.t("warmup ends") });
        out.warmup = { type: "line", scaleID: "x", value: x, borderColor: theme.boundary, borderWidth: 1, borderDash: [2, 4], label: label("warmup", l10n.t("warmup ends")) };
      }
    });
    this.phaseLabels = labels;
    this.labelLayout = undefined;
    if (this.chosenX !== undefined) {
      out.chosen = {
        type: "line",
        scaleID: "x",
        value: this.chosenX,
        borderColor: theme.chosen,
        borderWidth: 2,
        label: { display: true, content: l10n.t("chosen epoch"), position: "end", color: theme.background, backgroundColor: theme.chosen, font: { size: 10 } },
      };
    }
    return out;
  }

  /** The row of a phase label at the current zoom (0 nearest the plot), or undefined when it has no room. */
  private labelRow(chart: Chart, id: string): number | undefined {
    const x = chart.scales.x;
    if (!x) return undefined;
    const key = `${x.min}:${x.max}:${x.left}:${x.right}`;
    if (this.labelLayout?.key !== key) {
      const ctx = chart.ctx;
      ctx.save();
      ctx.font = `10px ${this.theme.font}`;
      // Labels outside the visible range take no room; the annotation plugin keeps the others inside the plot's width.
      const area = chart.chartArea;
      const slots = this.phaseLabels.map((l) => {
        const width = ctx.measureText(l.text).width + 2;
        const px = x.getPixelForValue(l.x);
        return { x: l.x >= x.min && l.x <= x.max ? Math.min(Math.max(px, area.left + width / 2), area.right - width / 2) : NaN, width };
      });
      ctx.restore();
      const rows = stackLabels(slots, 2, 6);
      this.labelLayout = { key, rows: new Map(this.phaseLabels.map((l, i) => [l.id, rows[i]])) };
    }
    return this.labelLayout.rows.get(id);
  }

  /** The chart as a PNG data URL drawn at `scale` pixels per CSS pixel (print resolution), then back to the screen's. */
  toPng(scale: number): string {
    this.exportScale = scale;
    this.chart.options = this.options();
    this.chart.update("none");
    this.chart.resize();
    try {
      return this.chart.toBase64Image("image/png", 1);
    } finally {
      this.exportScale = undefined;
      this.chart.options = this.options();
      this.chart.update("none");
      this.chart.resize();
    }
  }

  update(data: PreviewData, state: PageState, chosenX: number | undefined): void {
    this.data = data;
    this.state = state;
    this.chosenX = chosenX;
    this.chart.data.datasets = datasetsOf(data, state, this.theme);
    this.chart.options = this.options();
    this.chart.update("none");
  }

  /** Moves the chosen-epoch line without rebuilding the datasets (while dragging). */
  moveChosen(x: number | undefined): void {
    this.chosenX = x;
    const annotation = this.chart.options.plugins?.annotation;
    if (annotation) annotation.annotations = this.annotations();
    this.chart.update("none");
  }

  retheme(): void {
    this.theme = readTheme();
    if (this.data && this.state) this.update(this.data, this.state, this.chosenX);
  }

  resetZoom(): void {
    this.chart.resetZoom("none");
  }

  dispose(): void {
    this.chart.destroy();
  }
}
