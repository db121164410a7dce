// curve_1m: how long the core takes to evaluate a 1,000,000-tick curve of each PyTorch schedule kind,
// as a ratio against a baseline measured in the same run: a bare closed-form cosine loop in JavaScript
// (the least work any evaluator could do per tick). Median of several runs after a warm-up.
import { evaluate } from "../src/core/evaluate";
import type { ScheduleDescription } from "../src/core/schedule";
import type { TorchSchedulerSpec } from "../src/core/torch/spec";
import { literal } from "../src/core/value";

const TICKS = 1_000_000;
const RUNS = 7;

function schedule(schedulers: TorchSchedulerSpec[], stepped: number[], momentum = false): ScheduleDescription {
  return {
    name: "bench",
    dialect: "pytorch",
    unit: "step",
    total: literal(TICKS),
    groups: [{ lr: literal(0.1), ...(momentum ? { momentum: literal(0.9), momentumKind: "momentum" as const } : {}) }],
    program: { family: "torch", schedulers, stepped },
    source: { file: "bench", startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 },
    assumptions: [],
    problems: [],
  };
}

const base = { args: {} };
const cases: [string, ScheduleDescription][] = [
  ["cosine (CosineAnnealingLR)", schedule([{ ...base, name: "s", kind: "CosineAnnealingLR", tMax: TICKS, etaMin: 0 }], [0])],
  [
    "warmup+cosine (SequentialLR)",
    schedule(
      [
        { ...base, name: "w", kind: "LinearLR", startFactor: 0.01, endFactor: 1, totalIters: 5000 },
        { ...base, name: "c", kind: "CosineAnnealingLR", tMax: TICKS - 5000, etaMin: 0 },
        { ...base, name: "s", kind: "SequentialLR", schedulers: [0, 1], milestones: [5000] },
      ],
      [2],
    ),
  ],
  ["step (StepLR)", schedule([{ ...base, name: "s", kind: "StepLR", stepSize: 300_000, gamma: 0.1 }], [0])],
  [
    "one-cycle (OneCycleLR)",
    schedule([{ ...base, name: "s", kind: "OneCycleLR", maxLr: [0.1], totalSteps: TICKS, pctStart: 0.3, annealStrategy: "cos", cycleMomentum: true, baseMomentum: [0.85], maxMomentum: [0.95], divFactor: 25, finalDivFactor: 1e4, threePhase: false }], [0], true),
  ],
  [
    "cyclic (CyclicLR triangular2)",
    schedule([{ ...base, name: "s", kind: "CyclicLR", baseLr: [1e-4], maxLr: [1e-2], stepSizeUp: 2000, stepSizeDown: null, mode: "triangular2", gamma: 1, scaleMode: "cycle", cycleMomentum: true, baseMomentum: [0.8], maxMomentum: [0.9] }], [0], true),
  ],
  ["SGDR (CosineAnnealingWarmRestarts)", schedule([{ ...base, name: "s", kind: "CosineAnnealingWarmRestarts", t0: 1000, tMult: 2, etaMin: 1e-5 }], [0])],
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(run: () => unknown): number {
  run();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    run();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

let sink = 0;
const baseline = time(() => {
  const out = new Float64Array(TICKS);
  for (let t = 0; t < TICKS; t++) out[t] = 0.05 * (1 + Math.cos((Math.PI * t) / TICKS));
  sink += out[TICKS - 1]!;
});

console.log(`curve_1m — ${TICKS.toLocaleString("en-US")} ticks, median of ${RUNS} runs`);
console.log(`  ${"baseline: closed-form cosine loop".padEnd(40)} ${baseline.toFixed(2).padStart(8)} ms   1.00×`);
for (const [name, desc] of cases) {
  const ms = time(() => {
    const curve = evaluate(desc);
    if (curve.total !== TICKS) throw new Error(`${name}: ${curve.problems.map((p) => p.message).join("; ")}`);
    sink += curve.groups[0]![TICKS - 1]!;
  });
  console.log(`  ${name.padEnd(40)} ${ms.toFixed(2).padStart(8)} ms ${(ms / baseline).toFixed(2).padStart(6)}×`);
}
if (Number.isNaN(sink)) console.log("(a curve ended in NaN)");
