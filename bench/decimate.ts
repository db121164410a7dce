// decimate: a 1,000,000-tick curve down to ≤ 4,000 points for the chart, keeping every bucket's min and max
// and each boundary (with the tick before it, as the preview asks). Timed, then checked: the point count,
// every boundary, and every bucket's extremes (so every peak and trough of a cyclic schedule survives).
import { decimate } from "../src/core/decimate";
import { evaluate } from "../src/core/evaluate";
import type { ScheduleDescription } from "../src/core/schedule";
import { literal } from "../src/core/value";
import { quick, report, sink, timeMedian } from "./lib";

const TICKS = 1_000_000;
const MAX_POINTS = 4000;

// CyclicLR triangular2 with 2,000-tick half cycles: 250 peaks, 250 troughs, decaying: the hard case.
const desc: ScheduleDescription = {
  name: "bench",
  dialect: "pytorch",
  unit: "step",
  total: literal(TICKS),
  groups: [{ lr: literal(0.1) }],
  program: {
    family: "torch",
    schedulers: [{ args: {}, name: "s", kind: "CyclicLR", baseLr: [1e-4], maxLr: [1e-2], stepSizeUp: 1000, stepSizeDown: 3000, mode: "exp_range", gamma: 0.999995, scaleMode: "cycle", cycleMomentum: false, baseMomentum: [0.8], maxMomentum: [0.9] }],
    stepped: [0],
  },
  source: { file: "bench", startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 },
  assumptions: [],
  problems: [],
};
const curve = evaluate(desc);
const lr = curve.groups[0]!;
const boundaryTicks = curve.boundaries.map((b) => b.tick);
// Each boundary and the tick before it (previewModel.seriesOf); the budget leaves room for them and the ends.
const keep = boundaryTicks.flatMap((t) => [t - 1, t]);
const budget = MAX_POINTS - keep.length - 2;

const ms = timeMedian(() => {
  sink.value += decimate(lr, budget, keep).ticks.length;
}, quick ? 7 : 21);

// Checks.
const d = decimate(lr, budget, keep);
const failures: string[] = [];
if (d.ticks.length > MAX_POINTS) failures.push(`${d.ticks.length} points > ${MAX_POINTS}`);
const kept = new Set(d.ticks);
const missingBoundaries = keep.filter((t) => !kept.has(t));
if (missingBoundaries.length > 0) failures.push(`${missingBoundaries.length} boundary ticks missing`);
const buckets = Math.floor(budget / 2);
let missedPeaks = 0;
for (let b = 0; b < buckets; b++) {
  const start = Math.floor((b * TICKS) / buckets);
  const end = Math.floor(((b + 1) * TICKS) / buckets);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = start; i < end; i++) {
    lo = Math.min(lo, lr[i]!);
    hi = Math.max(hi, lr[i]!);
  }
  // Some kept point inside the bucket has the bucket's max value, and some its min value.
  let hasLo = false;
  let hasHi = false;
  for (let i = 0; i < d.ticks.length; i++) {
    const t = d.ticks[i]!;
    if (t < start || t >= end) continue;
    if (d.values[i] === lo) hasLo = true;
    if (d.values[i] === hi) hasHi = true;
  }
  if (!hasLo || !hasHi) missedPeaks++;
}
if (missedPeaks > 0) failures.push(`${missedPeaks} buckets lost their min or max`);
let globalMax = -Infinity;
for (let i = 0; i < lr.length; i++) globalMax = Math.max(globalMax, lr[i]!);
if (!d.values.includes(globalMax)) failures.push("the global maximum is lost");

report({
  name: "decimate",
  ours_ms: ms,
  target: "≤ 4,000 points, peaks and boundaries kept",
  met: failures.length === 0,
  note: `${TICKS.toLocaleString("en-US")} → ${d.ticks.length.toLocaleString("en-US")} points, ${buckets} buckets, ${boundaryTicks.length} boundaries; ${failures.length === 0 ? "every bucket min/max, boundary and the global max kept" : failures.join("; ")}`,
});
