// Where the phase labels above a chart go, so that none covers another: the preview's chart (src/webview/
// chart.ts) and the SVG export (svgChart.ts) both use it. Pure: positions and widths in, rows out.

/** A label centred at `x` (pixels), `width` pixels wide. */
export interface LabelSlot {
  readonly x: number;
  readonly width: number;
}

/**
 * The row of each label (0 is nearest the plot), or `undefined` for a label that fits in no row. Labels are
 * placed left to right, each in the first row where it stays `gap` pixels clear of the one before it, so a
 * short phase staggers its label one row up and a crowd of phases keeps the labels that fit and drops the
 * others (their dashed lines still show where the phases change).
 */
export function stackLabels(labels: readonly LabelSlot[], rows: number, gap = 4): (number | undefined)[] {
  const out: (number | undefined)[] = labels.map(() => undefined);
  const rightEdge: number[] = Array.from({ length: Math.max(0, rows) }, () => -Infinity);
  const order = labels.map((_, i) => i).sort((a, b) => labels[a]!.x - labels[b]!.x || a - b);
  for (const i of order) {
    const { x, width } = labels[i]!;
    if (!Number.isFinite(x)) continue;
    const left = x - width / 2;
    const row = rightEdge.findIndex((edge) => left >= edge + gap);
    if (row < 0) continue;
    out[i] = row;
    rightEdge[row] = x + width / 2;
  }
  return out;
}

/**
 * About how wide `text` is in a proportional sans-serif font of `fontSize` pixels: wide characters (CJK)
 * a full em, others a little over half. Where a canvas can measure, measure instead.
 */
export function estimateTextWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const c of text) {
    const code = c.codePointAt(0)!;
    em += code >= 0x2e80 ? 1 : /[mwMW@]/.test(c) ? 0.85 : /[ilj.,:;'|!() ]/.test(c) ? 0.33 : 0.58;
  }
  return em * fontSize;
}
