/** Samples of a series chosen for drawing: ticks in increasing order and the values at them. */
export interface Decimated {
  readonly ticks: Uint32Array;
  readonly values: Float64Array;
}

/**
 * Reduces a series to at most `maxPoints + keep.length + 2` samples for drawing: the minimum and the maximum
 * of each of `maxPoints / 2` equal buckets (so every peak and trough, and the global extremes, survive),
 * plus the first and last tick and every tick in `keep` (boundaries). A series of at most `maxPoints`
 * values is returned whole.
 */
export function decimate(xs: Float64Array, maxPoints: number, keep: readonly number[] = []): Decimated {
  const n = xs.length;
  if (n <= maxPoints) {
    const ticks = new Uint32Array(n);
    for (let i = 0; i < n; i++) ticks[i] = i;
    return { ticks, values: Float64Array.from(xs) };
  }
  const buckets = Math.max(0, Math.floor(maxPoints / 2));
  const chosen = new Uint32Array(2 * buckets + keep.length + 2);
  let count = 0;
  chosen[count++] = 0;
  chosen[count++] = n - 1;
  for (const tick of keep) if (Number.isInteger(tick) && tick >= 0 && tick < n) chosen[count++] = tick;
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor((b * n) / buckets);
    const end = Math.floor(((b + 1) * n) / buckets);
    let lo = -1;
    let hi = -1;
    for (let i = start; i < end; i++) {
      const x = xs[i]!;
      if (Number.isNaN(x)) continue;
      if (lo < 0 || x < xs[lo]!) lo = i;
      if (hi < 0 || x > xs[hi]!) hi = i;
    }
    if (lo < 0) lo = hi = start; // all NaN: keep one sample so the gap shows
    chosen[count++] = lo;
    if (hi !== lo) chosen[count++] = hi;
  }
  const sorted = chosen.subarray(0, count).sort();
  const ticks = new Uint32Array(count);
  let m = 0;
  for (let i = 0; i < count; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) ticks[m++] = sorted[i]!;
  const out = ticks.slice(0, m);
  const values = new Float64Array(m);
  for (let i = 0; i < m; i++) values[i] = xs[out[i]!]!;
  return { ticks: out, values };
}
