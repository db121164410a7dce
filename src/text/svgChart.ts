// The LR chart as a standalone SVG, for papers and reports: drawn from the curve data (not a screenshot), so
// it stays sharp at any size and can be edited. Axes with 1-2-5 ticks, epoch or step on x, a linear or log
// LR axis, each series as a stepped line (a value holds until the next tick), the phase boundaries as
// dashed lines with labels that never overlap, and a legend when there is more than one line. Colours
// print well in colour and in grey (Okabe & Ito's palette); fonts are generic families. Pure: the CLI
// (`lrscope curve --svg`), the extension host and the standalone page all use it.
import { formatLr } from "../core/explain";
import { english, type Translate } from "../extension/format/translate";
import type { PinnedSeries, ScheduleView } from "../webview/protocol";
import { estimateTextWidth, stackLabels } from "./labelLayout";

/** What the SVG draws of a schedule: the fields of the preview's view it needs. */
export type SvgSchedule = Pick<ScheduleView, "name" | "total" | "ticksPerEpoch" | "series" | "boundaries" | "warmup">;

export interface SvgChartInput {
  /** Drawn above the chart (e.g. the file's workspace-relative path); none when absent. */
  readonly title?: string;
  readonly schedules: readonly SvgSchedule[];
  /** Curves kept for comparison (the preview's pins): dashed, named in the legend. */
  readonly pinned?: readonly PinnedSeries[];
}

export interface SvgChartOptions {
  readonly xAxis?: "epoch" | "step";
  readonly yScale?: "linear" | "logarithmic";
  /** Draw the other param groups' LR (default true). */
  readonly showGroups?: boolean;
  /** The x range to show, in the axis unit (the preview's zoom); the whole training when absent. */
  readonly zoom?: { readonly min: number; readonly max: number };
  readonly width?: number;
  readonly height?: number;
  readonly t?: Translate;
}

/** Okabe & Ito's colour-blind-safe palette: distinct on screen, in print and in greyscale. */
export const svgPalette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"] as const;
const ink = "#1a1a1a";
const gridColor = "#dddddd";
const boundaryColor = "#7a7a7a";
const fontFamily = "Helvetica, Arial, sans-serif";
const tickFont = 11;
const labelFont = 10;
const titleFont = 13;
/** Rows of phase labels above the plot (as in the panel). */
const labelRows = 2;
const labelRowHeight = 12;

/**
 * Text for XML content and attribute values: the five markup characters as entities, and characters XML 1.0
 * does not allow (controls, lone surrogates, U+FFFE/U+FFFF) dropped, so any file name or label is safe.
 */
export function escapeXml(text: string): string {
  let out = "";
  for (const c of text) {
    const code = c.codePointAt(0)!;
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) continue;
    if ((code >= 0xd800 && code <= 0xdfff) || code === 0xfffe || code === 0xffff) continue;
    out += c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : c === "'" ? "&apos;" : c;
  }
  return out;
}

/** A coordinate with two decimals: plenty for print, short files. */
const num = (v: number): string => String(Math.round(v * 100) / 100);

/** About `count` ticks at 1, 2 or 5 × a power of ten covering [lo, hi] (d3-scale's `ticks`, simplified). */
export function niceTicks(lo: number, hi: number, count = 6): number[] {
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) return Number.isFinite(lo) ? [lo] : [];
  const raw = (hi - lo) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const ratio = raw / magnitude;
  const step = (ratio < 1.5 ? 1 : ratio < 3 ? 2 : ratio < 7 ? 5 : 10) * magnitude;
  // Ticks 12 significant digits cannot tell apart (a zoom of [1e20, 1e20 + 1e5] from the page; past 2^53 `i++`
  // would not even move): the ends alone, never a hang.
  if (!(step > 0) || Math.max(Math.abs(lo), Math.abs(hi)) / step > 1e11) return [lo, hi];
  const out: number[] = [];
  for (let i = Math.ceil(lo / step - 1e-9); i * step <= hi + step * 1e-9; i++) out.push(Number((i * step).toPrecision(12)));
  return out;
}

/** The LR axis: linear from zero (or the lowest value) to a round number above the peak, or whole decades. */
function yDomain(values: readonly number[], log: boolean): { lo: number; hi: number; ticks: number[] } {
  if (log) {
    const positive = values.filter((v) => v > 0 && Number.isFinite(v));
    let lo = positive.length > 0 ? Math.floor(Math.log10(positive.reduce((a, v) => Math.min(a, v)))) : -4;
    let hi = positive.length > 0 ? Math.ceil(Math.log10(positive.reduce((a, v) => Math.max(a, v)))) : 0;
    if (hi <= lo) hi = lo + 1;
    if (hi - lo > 12) lo = hi - 12;
    const ticks: number[] = [];
    for (let e = lo; e <= hi; e++) {
      ticks.push(Number((10 ** e).toPrecision(12)));
      // One decade alone gets 2× and 5× labels too.
      if (hi - lo === 1 && e < hi) ticks.push(Number((2 * 10 ** e).toPrecision(12)), Number((5 * 10 ** e).toPrecision(12)));
    }
    return { lo: 10 ** lo, hi: 10 ** hi, ticks };
  }
  const finite = values.filter((v) => Number.isFinite(v));
  const lo = finite.reduce((a, v) => Math.min(a, v), 0);
  let hi = finite.reduce((a, v) => Math.max(a, v), 0);
  if (hi <= lo) hi = lo + 1;
  const ticks = niceTicks(lo, hi, 5);
  const last = ticks[ticks.length - 1]!;
  if (last < hi) ticks.push(Number((last + (ticks[1]! - ticks[0]!)).toPrecision(12)));
  return { lo: ticks[0]!, hi: ticks[ticks.length - 1]!, ticks };
}

interface Line {
  readonly label: string;
  readonly kind: "lr" | "pinned";
  readonly color: string;
  readonly width: number;
  readonly dash?: string;
  /** (x in axis units, value) for each drawn tick, then the end of training holding the last value. */
  readonly points: readonly { readonly x: number; readonly y: number }[];
}

const xOf = (tick: number, tpe: number | undefined, axis: "epoch" | "step"): number => (axis === "epoch" && tpe ? tick / tpe : tick);

/**
 * The chart as an SVG document (UTF-8 text with an XML declaration). The lines are the views' decimated
 * series as given: every point of `series.ticks` becomes one corner of its stepped line.
 */
export function chartSvg(input: SvgChartInput, options: SvgChartOptions = {}): string {
  const t = options.t ?? english;
  const width = options.width ?? 720;
  const height = options.height ?? 432;
  const log = options.yScale === "logarithmic";
  const drawn = input.schedules.filter((s) => s.total > 0);
  // Epochs on x only when every line knows its epoch length; otherwise the ticks, named as such.
  const axis: "epoch" | "step" = (options.xAxis ?? "epoch") === "epoch" && drawn.every((s) => s.ticksPerEpoch) && (input.pinned ?? []).every((p) => p.ticksPerEpoch) ? "epoch" : "step";

  const lines: Line[] = [];
  const many = drawn.length > 1;
  drawn.forEach((s, si) => {
    for (const series of s.series) {
      if (series.kind !== "lr" || (series.group > 0 && options.showGroups === false)) continue;
      const name = series.group > 0 ? t("LR, group {0}", series.group) : t("LR");
      const points = series.ticks.map((tick, i) => ({ x: xOf(tick, s.ticksPerEpoch, axis), y: series.values[i]! }));
      const lastTick = series.ticks[series.ticks.length - 1];
      if (lastTick !== undefined && s.total > lastTick) points.push({ x: xOf(s.total, s.ticksPerEpoch, axis), y: series.values[series.values.length - 1]! });
      lines.push({ label: many ? `${s.name}: ${name}` : name, kind: "lr", color: svgPalette[(si + series.group) % svgPalette.length]!, width: series.group === 0 ? 2 : 1.25, points });
    }
  });
  (input.pinned ?? []).forEach((p, i) => {
    const points = p.ticks.map((tick, k) => ({ x: xOf(tick, p.ticksPerEpoch, axis), y: p.values[Math.min(k, p.values.length - 1)]! }));
    lines.push({ label: p.label, kind: "pinned", color: svgPalette[(i + 2) % svgPalette.length]!, width: 1.5, dash: "5 3", points });
  });

  // Domains: x over the whole training (or the zoom), y over every value.
  const xs = lines.flatMap((l) => (l.points.length > 0 ? [l.points[0]!.x, l.points[l.points.length - 1]!.x] : []));
  let x0 = options.zoom ? options.zoom.min : xs.reduce((a, v) => Math.min(a, v), 0);
  let x1 = options.zoom ? options.zoom.max : xs.reduce((a, v) => Math.max(a, v), 0);
  if (!(x1 > x0)) x1 = x0 + 1;
  if (!Number.isFinite(x0)) x0 = 0;
  const y = yDomain(
    lines.flatMap((l) => l.points.map((p) => p.y)),
    log,
  );
  const xTicks = niceTicks(x0, x1, Math.max(2, Math.round(width / 90)));
  const yLabels = y.ticks.map((v) => formatLr(v));

  // Phase boundaries (every drawn schedule's) and where the first schedule's warmup ends.
  const boundaries: { x: number; label: string }[] = [];
  drawn.forEach((s, si) => {
    for (const b of s.boundaries) boundaries.push({ x: xOf(b.tick, s.ticksPerEpoch, axis), label: b.label });
    if (si === 0 && s.warmup && !s.boundaries.some((b) => b.tick === s.warmup!.ticks)) boundaries.push({ x: xOf(s.warmup.ticks, s.ticksPerEpoch, axis), label: t("warmup ends") });
  });
  const visible = boundaries.filter((b) => b.x >= x0 && b.x <= x1);

  // Layout: title, the rows of phase labels, the plot, x ticks and title, the legend.
  const yTitleWidth = 16;
  const left = 12 + yTitleWidth + Math.max(...yLabels.map((s) => estimateTextWidth(s, tickFont)), 10) + 8;
  const right = 16 + estimateTextWidth(formatLr(xTicks[xTicks.length - 1] ?? 0), tickFont) / 2;
  const legendEntries = lines.length > 1 ? lines : [];
  const legendItemWidth = (l: Line): number => 30 + estimateTextWidth(l.label, tickFont) + 16;
  const legendRows: Line[][] = [];
  for (const l of legendEntries) {
    const row = legendRows[legendRows.length - 1];
    const used = row ? row.reduce((a, e) => a + legendItemWidth(e), 0) : Infinity;
    if (row && used + legendItemWidth(l) <= width - left - right) row.push(l);
    else legendRows.push([l]);
  }
  const top = 10 + (input.title ? titleFont + 10 : 0) + (visible.length > 0 ? labelRows * labelRowHeight + 8 : 0);
  const bottom = 8 + tickFont + 8 + tickFont + 6 + legendRows.length * 18 + (legendRows.length > 0 ? 4 : 0);
  const plot = { left, right: width - right, top, bottom: height - bottom };
  const sx = (x: number): number => plot.left + ((x - x0) / (x1 - x0)) * (plot.right - plot.left);
  const sy = log
    ? (v: number): number => plot.bottom - ((Math.log10(v) - Math.log10(y.lo)) / (Math.log10(y.hi) - Math.log10(y.lo))) * (plot.bottom - plot.top)
    : (v: number): number => plot.bottom - ((v - y.lo) / (y.hi - y.lo)) * (plot.bottom - plot.top);

  const out: string[] = [];
  out.push(`<?xml version="1.0" encoding="UTF-8"?>`);
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${fontFamily}" font-size="${tickFont}" fill="${ink}">`);
  out.push(`<title>${escapeXml(input.title ?? t("Learning-rate chart"))}</title>`);
  out.push(`<defs><clipPath id="lrscope-plot"><rect x="${num(plot.left)}" y="${num(plot.top - 1)}" width="${num(plot.right - plot.left)}" height="${num(plot.bottom - plot.top + 2)}"/></clipPath></defs>`);
  out.push(`<rect class="background" x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  if (input.title) out.push(`<text class="title" x="${num(plot.left)}" y="${10 + titleFont}" font-size="${titleFont}" font-weight="bold">${escapeXml(input.title)}</text>`);

  // Grid and tick labels.
  out.push(`<g class="y-axis">`);
  y.ticks.forEach((v, i) => {
    const py = num(sy(v));
    out.push(`<line class="grid" x1="${num(plot.left)}" y1="${py}" x2="${num(plot.right)}" y2="${py}" stroke="${gridColor}" stroke-width="1"/>`);
    out.push(`<text class="tick" x="${num(plot.left - 6)}" y="${py}" text-anchor="end" dominant-baseline="middle" data-value="${v}">${escapeXml(yLabels[i]!)}</text>`);
  });
  const yMid = (plot.top + plot.bottom) / 2;
  out.push(`<text class="axis-title" x="${12 + tickFont}" y="${num(yMid)}" text-anchor="middle" transform="rotate(-90 ${12 + tickFont} ${num(yMid)})">${escapeXml(t("learning rate"))}</text>`);
  out.push(`</g>`);
  out.push(`<g class="x-axis">`);
  for (const v of xTicks) {
    const px = num(sx(v));
    out.push(`<line class="grid" x1="${px}" y1="${num(plot.top)}" x2="${px}" y2="${num(plot.bottom)}" stroke="${gridColor}" stroke-width="1"/>`);
    out.push(`<text class="tick" x="${px}" y="${num(plot.bottom + 6 + tickFont)}" text-anchor="middle" data-value="${v}">${escapeXml(formatLr(v))}</text>`);
  }
  out.push(`<text class="axis-title" x="${num((plot.left + plot.right) / 2)}" y="${num(plot.bottom + 8 + tickFont + 8 + tickFont)}" text-anchor="middle">${escapeXml(axis === "epoch" ? t("epoch") : t("step"))}</text>`);
  out.push(`</g>`);

  // Phase boundaries, under the lines; labels staggered above the plot.
  // A label near an edge is moved inside the plot's width (as the panel's chart does), then laid out.
  const labelBoxes = visible.map((b) => {
    const w = estimateTextWidth(b.label, labelFont);
    return { x: Math.min(Math.max(sx(b.x), plot.left + w / 2), plot.right - w / 2), width: w };
  });
  const rows = stackLabels(labelBoxes, labelRows);
  out.push(`<g class="boundaries" stroke="${boundaryColor}" stroke-width="1" stroke-dasharray="4 4">`);
  for (const b of visible) out.push(`<line class="boundary" x1="${num(sx(b.x))}" y1="${num(plot.top)}" x2="${num(sx(b.x))}" y2="${num(plot.bottom)}"/>`);
  out.push(`</g>`);
  out.push(`<g class="phase-labels" font-size="${labelFont}" text-anchor="middle">`);
  visible.forEach((b, i) => {
    const row = rows[i];
    if (row === undefined) return;
    out.push(`<text class="phase-label" x="${num(labelBoxes[i]!.x)}" y="${num(plot.top - 7 - row * labelRowHeight)}">${escapeXml(b.label)}</text>`);
  });
  out.push(`</g>`);

  // The lines: each value held until the next tick (horizontal, then vertical), broken where a log axis cannot show it.
  out.push(`<g class="lines" fill="none" clip-path="url(#lrscope-plot)" stroke-linejoin="round">`);
  for (const l of lines) {
    let d = "";
    let open = false;
    for (const p of l.points) {
      const ok = Number.isFinite(p.y) && (!log || p.y > 0);
      if (open) d += `H${num(sx(p.x))}`;
      if (!ok) {
        open = false;
        continue;
      }
      d += open ? `V${num(sy(p.y))}` : `M${num(sx(p.x))},${num(sy(p.y))}`;
      open = true;
    }
    out.push(`<path class="line ${l.kind}" d="${d}" stroke="${l.color}" stroke-width="${l.width}"${l.dash ? ` stroke-dasharray="${l.dash}"` : ""}><title>${escapeXml(l.label)}</title></path>`);
  }
  out.push(`</g>`);
  out.push(`<rect class="frame" x="${num(plot.left)}" y="${num(plot.top)}" width="${num(plot.right - plot.left)}" height="${num(plot.bottom - plot.top)}" fill="none" stroke="${ink}" stroke-width="1"/>`);

  if (legendRows.length > 0) {
    out.push(`<g class="legend">`);
    legendRows.forEach((row, r) => {
      let x = plot.left;
      const ly = plot.bottom + 8 + tickFont + 8 + tickFont + 8 + r * 18 + 9;
      for (const l of row) {
        out.push(`<line x1="${num(x)}" y1="${num(ly)}" x2="${num(x + 24)}" y2="${num(ly)}" stroke="${l.color}" stroke-width="${l.width}"${l.dash ? ` stroke-dasharray="${l.dash}"` : ""}/>`);
        out.push(`<text class="legend-label" x="${num(x + 30)}" y="${num(ly)}" dominant-baseline="middle">${escapeXml(l.label)}</text>`);
        x += legendItemWidth(l);
      }
    });
    out.push(`</g>`);
  }
  out.push(`</svg>`);
  return out.join("\n") + "\n";
}
