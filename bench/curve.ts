// curve_1m: the 1,000,000-tick curve of each schedule kind, ours (evaluate() on the description) vs PyTorch
// stepping the same scheduler in the same run (bench/torch_baseline.py under /usr/bin/python3 with Debian's
// python3-torch). Each kind: torch first (its own process, only the stepping loop timed), then ours right
// after (median of several runs after a warm-up), so both see the same load on a shared machine. The curves
// are compared at 2,001 ticks: a baseline that computes something else would be no baseline.
// Target: ≥ 200× faster than torch and ≤ 25 ms per 1M ticks.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { evaluate } from "../src/core/evaluate";
import type { ScheduleDescription } from "../src/core/schedule";
import type { TorchSchedulerSpec } from "../src/core/torch/spec";
import { literal } from "../src/core/value";
import { readSchedules } from "../src/dialects";
import { clockName, option, quick, report, sink, timeMedian, wall } from "./lib";

const TICKS = 1_000_000;
const RUNS = quick ? 5 : 11;
const TORCH_RUNS = Number(option("--torch-runs") ?? (quick ? 1 : 3));
const python = process.env.LRSCOPE_BENCH_PYTHON ?? "/usr/bin/python3";

function torchSchedule(schedulers: TorchSchedulerSpec[], stepped: number[], momentum = false): ScheduleDescription {
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

/** A file's single schedule as its dialect reader describes it (the kinds whose programs the readers build). */
function readOne(file: string, text: string, inputs = {}): ScheduleDescription {
  const result = readSchedules(file, text, inputs);
  const s = result.schedules[0];
  if (!s) throw new Error(`${file}: no schedule (${result.problems.map((p) => p.message).join("; ")})`);
  return s;
}

const base = { args: {} };
/** Kind → our description; the same parameters as bench/torch_baseline.py's `build`. */
const kinds: [string, () => ScheduleDescription][] = [
  ["cosine", () => torchSchedule([{ ...base, name: "s", kind: "CosineAnnealingLR", tMax: TICKS, etaMin: 0 }], [0])],
  [
    "warmup+cosine",
    () =>
      torchSchedule(
        [
          { ...base, name: "w", kind: "LinearLR", startFactor: 0.01, endFactor: 1, totalIters: 5000 },
          { ...base, name: "c", kind: "CosineAnnealingLR", tMax: TICKS - 5000, etaMin: 0 },
          { ...base, name: "s", kind: "SequentialLR", schedulers: [0, 1], milestones: [5000] },
        ],
        [2],
      ),
  ],
  ["step", () => torchSchedule([{ ...base, name: "s", kind: "StepLR", stepSize: 300_000, gamma: 0.1 }], [0])],
  [
    "one-cycle",
    () =>
      torchSchedule(
        [{ ...base, name: "s", kind: "OneCycleLR", maxLr: [0.1], totalSteps: TICKS, pctStart: 0.3, annealStrategy: "cos", cycleMomentum: true, baseMomentum: [0.85], maxMomentum: [0.95], divFactor: 25, finalDivFactor: 1e4, threePhase: false }],
        [0],
        true,
      ),
  ],
  [
    "cyclic",
    () =>
      torchSchedule(
        [{ ...base, name: "s", kind: "CyclicLR", baseLr: [1e-4], maxLr: [1e-2], stepSizeUp: 2000, stepSizeDown: null, mode: "triangular2", gamma: 1, scaleMode: "cycle", cycleMomentum: true, baseMomentum: [0.8], maxMomentum: [0.9] }],
        [0],
        true,
      ),
  ],
  ["SGDR", () => torchSchedule([{ ...base, name: "s", kind: "CosineAnnealingWarmRestarts", t0: 1000, tMult: 2, etaMin: 1e-5 }], [0])],
  // The Hugging Face Trainer's warmup_stable_decay, as its reader describes a LLaMA-Factory-style YAML.
  [
    "hf-wsd",
    () =>
      readOne(
        "pretrain.yaml",
        "learning_rate: 3.0e-4\nlr_scheduler_type: warmup_stable_decay\nlr_scheduler_kwargs:\n  num_decay_steps: 200000\n  min_lr_ratio: 0.1\n  decay_type: cosine\nwarmup_steps: 2000\nmax_steps: 1000000\n",
      ),
  ],
  // timm's train.py, cosine with 4 cycles stepped per update, as its reader describes args.yaml.
  [
    "timm-cosine-cycles",
    () =>
      readOne(
        "args.yaml",
        "model: vit_base_patch16_224\nopt: adamw\nsched: cosine\nepochs: 100\nlr: 5.0e-4\nwarmup_lr: 1.0e-6\nmin_lr: 1.0e-5\nwarmup_epochs: 2\nlr_cycle_limit: 4\nlr_cycle_decay: 0.5\nsched_on_updates: true\nbatch_size: 256\n",
        { stepsPerEpoch: 2500 },
      ),
  ],
];

interface TorchRun {
  torch: string;
  baseline: string;
  runs_ms: number[];
  samples: [number, number][];
}

function torchBaseline(kind: string): TorchRun | string {
  if (!existsSync(python)) return `${python} not found`;
  const script = join(process.env.LRSCOPE_BENCH_ROOT ?? process.cwd(), "bench", "torch_baseline.py");
  const r = spawnSync(python, [script, kind, String(TICKS), String(TORCH_RUNS), wall ? "wall" : "cpu"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    if (/No module named 'torch'/.test(r.stderr)) return "torch is not installed (apt-get install python3-torch)";
    return `torch_baseline.py failed: ${r.stderr.trim().split("\n").pop()}`;
  }
  return JSON.parse(r.stdout) as TorchRun;
}

const only = option("--only");
console.log(`curve_1m — ${TICKS.toLocaleString("en-US")} ticks, ${clockName}; ours: median of ${RUNS} runs; torch: median of ${TORCH_RUNS} run(s) of its stepping loop`);
// The floor on this machine, in two parts: first touching a fresh 1M Float64Array (8 MB; on a VM that hands
// freed memory back to its host every new page faults, which costs far more than on bare metal), and a bare
// closed-form cosine loop into a buffer already touched (the arithmetic). A curve costs about the first
// times its series (LR, and momentum where it cycles) plus its own arithmetic.
const firstTouch = timeMedian(() => {
  const out = new Float64Array(TICKS).fill(1);
  sink.value += out[TICKS - 1]!;
}, RUNS);
const warmBuffer = new Float64Array(TICKS);
const cosineLoop = timeMedian(() => {
  for (let t = 0; t < TICKS; t++) warmBuffer[t] = 0.05 * (1 + Math.cos((Math.PI * t) / TICKS));
  sink.value += warmBuffer[TICKS - 1]!;
}, RUNS);
report({ name: "curve_1m_floor/first-touch", ours_ms: firstTouch, note: "new Float64Array(1M).fill(1): the memory of one series" });
report({ name: "curve_1m_floor/cosine-loop", ours_ms: cosineLoop, note: "bare JS closed-form cosine over 1M ticks into a touched buffer" });
let torchMissing: string | undefined;
for (const [kind, describe] of kinds) {
  if (only && !kind.includes(only)) continue;
  const desc = describe();
  const torch = torchMissing ? torchMissing : torchBaseline(kind);
  if (typeof torch === "string") torchMissing ??= torch;
  const ours = timeMedian(() => {
    const curve = evaluate(desc, TICKS);
    if (curve.total !== TICKS) throw new Error(`${kind}: ${curve.problems.map((p) => p.message).join("; ")}`);
    sink.value += curve.groups[0]![TICKS - 1]!;
  }, RUNS);
  const target = "≥ 200× torch, ≤ 25 ms";
  if (typeof torch === "string") {
    report({ name: `curve_1m/${kind}`, ours_ms: ours, target: "≤ 25 ms (torch missing)", met: ours <= 25, note: `no baseline: ${torch}` });
    continue;
  }
  // The same curve? Relative difference at the sampled ticks.
  const lr = evaluate(desc, TICKS).groups[0]!;
  let worst = 0;
  for (const [t, v] of torch.samples) worst = Math.max(worst, Math.abs(lr[t]! - v) / Math.max(Math.abs(v), 1e-300));
  const baselineMs = [...torch.runs_ms].sort((a, b) => a - b)[torch.runs_ms.length >> 1]!;
  const ratio = baselineMs / ours;
  report({
    name: `curve_1m/${kind}`,
    ours_ms: ours,
    baseline_ms: baselineMs,
    baseline: `torch ${torch.torch} ${torch.baseline}`,
    ratio,
    target,
    met: ratio >= 200 && ours <= 25,
    note: worst <= 1e-12 ? `curves agree (max rel. diff ${worst.toExponential(1)})` : `CURVES DIFFER: max rel. diff ${worst.toExponential(2)}`,
  });
}
if (torchMissing) console.log(`  torch baseline skipped: ${torchMissing}. Install it with: apt-get install python3-torch`);
if (Number.isNaN(sink.value)) console.log("(a curve ended in NaN)");
