/**
 * A learning-rate curve drawn with text: one column per bucket of ticks, each column filled between the
 * bucket's min and max so drops and spikes show. Pure: returns lines.
 */
export function terminalChart(values: Float64Array, options: { width?: number; height?: number; unitLabel: string; ticksPerEpoch?: number }): string[] {
  const width = Math.max(10, Math.min(options.width ?? 64, values.length));
  const height = options.height ?? 10;
  if (values.length === 0) return [];
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!Number.isFinite(lo)) return ["(no finite values)"];
  if (hi === lo) hi = lo + (Math.abs(lo) || 1) * 1e-9;
  const rows: string[][] = Array.from({ length: height }, () => new Array<string>(width).fill(" "));
  const level = (v: number): number => Math.round(((v - lo) / (hi - lo)) * (height - 1));
  for (let c = 0; c < width; c++) {
    const a = Math.floor((c * values.length) / width);
    const b = Math.max(a + 1, Math.floor(((c + 1) * values.length) / width));
    let mn = Infinity;
    let mx = -Infinity;
    for (let t = a; t < b; t++) {
      const v = values[t]!;
      if (v < mn) mn = v;
      if (v > mx) mx = v;
    }
    if (!Number.isFinite(mn)) continue;
    for (let r = level(mn); r <= level(mx); r++) rows[height - 1 - r]![c] = "█";
  }
  const label = (v: number): string => formatNumber(v).padStart(10);
  const lines = rows.map((row, i) => `${i === 0 ? label(hi) : i === height - 1 ? label(lo) : " ".repeat(10)} ┤${row.join("")}`);
  const span = options.ticksPerEpoch ? `${formatNumber(values.length / options.ticksPerEpoch)} epochs` : `${values.length} ${options.unitLabel}s`;
  lines.push(`${" ".repeat(10)} └${"─".repeat(width)}`);
  lines.push(`${" ".repeat(12)}0${span.padStart(width - 1)}`);
  return lines;
}

/** Short, exact-looking numbers: 0.1, 4e-7, 0.000999. */
export function formatNumber(v: number): string {
  if (v === 0) return "0";
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e6) return String(Number(v.toPrecision(6)));
  return v.toExponential(4).replace(/\.?0+e/, "e");
}
