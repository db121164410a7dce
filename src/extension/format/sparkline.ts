import { decimate } from "../../core/decimate";

export interface SparklineOptions {
  readonly width?: number;
  readonly height?: number;
  /** The tick to mark (the chosen epoch's start). */
  readonly marked?: number;
  /** Ticks to keep exactly (boundaries), so their corners show. */
  readonly keep?: readonly number[];
}

/**
 * A small SVG line of a whole curve with the chosen tick marked, for hovers. The image is drawn outside the
 * editor's theme (an `<img>`), so it uses colours readable on light and dark backgrounds.
 */
export function sparklineSvg(values: Float64Array, options: SparklineOptions = {}): string {
  const width = options.width ?? 240;
  const height = options.height ?? 48;
  const pad = 3;
  const n = values.length;
  const { ticks, values: ys } = decimate(values, Math.max(2, width), options.keep ?? []);
  let lo = Infinity;
  let hi = -Infinity;
  for (const y of ys) {
    if (!Number.isFinite(y)) continue;
    lo = Math.min(lo, y);
    hi = Math.max(hi, y);
  }
  if (!Number.isFinite(lo)) {
    lo = 0;
    hi = 1;
  }
  if (hi === lo) {
    // A flat line: centre it.
    const pad = Math.abs(lo) * 0.5 || 1;
    lo -= pad;
    hi += pad;
  }
  const x = (t: number): number => pad + (n <= 1 ? 0 : (t / (n - 1)) * (width - 2 * pad));
  const y = (v: number): number => height - pad - ((v - lo) / (hi - lo)) * (height - 2 * pad);
  const r = (v: number): string => String(Math.round(v * 10) / 10);
  const points: string[] = [];
  for (let i = 0; i < ticks.length; i++) if (Number.isFinite(ys[i]!)) points.push(`${r(x(ticks[i]!))},${r(y(ys[i]!))}`);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect x="0.5" y="0.5" width="${width - 1}" height="${height - 1}" fill="none" stroke="#8888" rx="2"/>`,
    `<polyline fill="none" stroke="#3794ff" stroke-width="1.5" stroke-linejoin="round" points="${points.join(" ")}"/>`,
  ];
  const m = options.marked;
  if (m !== undefined && m >= 0 && m < n && Number.isFinite(values[m]!)) {
    parts.push(`<line x1="${r(x(m))}" y1="${pad}" x2="${r(x(m))}" y2="${height - pad}" stroke="#e8a33d" stroke-width="1" stroke-dasharray="2 2"/>`);
    parts.push(`<circle cx="${r(x(m))}" cy="${r(y(values[m]!))}" r="3" fill="#e8a33d"/>`);
  }
  parts.push("</svg>");
  return parts.join("");
}

/** The SVG as a `data:` URI for a Markdown image (base64: the SVG is ASCII). */
export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;base64,${btoa(svg)}`;
}
