// The one-line summary (CodeLens, tree, status bar) and the phase at a tick, on scripts read by the reader.
import assert from "node:assert/strict";
import { test } from "node:test";
import { evaluate } from "../../src/core/evaluate";
import type { ScheduleDescription } from "../../src/core/schedule";
import { formatLength, formatSummary, phaseAt, summarize } from "../../src/core/summary";
import { literal } from "../../src/core/value";
import { read, script } from "./lint/helpers";
import { group } from "./torch/helpers";

const sgd = "optimizer = torch.optim.SGD(model.parameters(), lr=0.4, momentum=0.9)";
const warmupCosine = `${sgd}\nwarmup = LinearLR(optimizer, start_factor=0.01, total_iters=5)\ncosine = CosineAnnealingLR(optimizer, T_max=85)\nscheduler = SequentialLR(optimizer, [warmup, cosine], milestones=[5])`;

void test("summary of a warmup + cosine per-epoch schedule", () => {
  const { schedule, curve } = read(script(warmupCosine));
  const s = summarize(schedule, curve);
  assert.equal(s.warmupTicks, 5);
  assert.equal(formatSummary(s), "0.4 → 0.000136588 · warmup 5 ep · cosine · 90 ep");
});

void test("summary of a per-batch schedule counts epochs from the steps per epoch", () => {
  const { schedule, curve } = read(script(`${sgd}\nscheduler = CosineAnnealingLR(optimizer, T_max=90 * len(train_loader))`, { perBatch: true }), { stepsPerEpoch: 100 });
  assert.equal(formatSummary(summarize(schedule, curve)), "0.4 → 1.2185e-8 · cosine · 90 ep");
});

void test("summary names step decays and what is missing", () => {
  const step = read(script(`${sgd}\nscheduler = StepLR(optimizer, step_size=30, gamma=0.1)`));
  assert.equal(formatSummary(summarize(step.schedule, step.curve)), "0.4 → 0.004 · step ×0.1 every 30 · 90 ep");
  const multi = read(script(`${sgd}\nscheduler = MultiStepLR(optimizer, milestones=[30, 60], gamma=0.1)`));
  assert.equal(formatSummary(summarize(multi.schedule, multi.curve)), "0.4 → 0.004 · ×0.1 at 30, 60 · 90 ep");
  const unknown = read(script(`${sgd}\nscheduler = CosineAnnealingLR(optimizer, T_max=90 * len(train_loader))`, { perBatch: true }), {});
  assert.match(formatSummary(summarize(unknown.schedule, unknown.curve)), /^\? · needs steps per epoch$/);
});

void test("summary of a family it does not know falls back to the curve", () => {
  const desc: ScheduleDescription = {
    name: "x",
    dialect: "other",
    unit: "step",
    total: literal(4),
    stepsPerEpoch: literal(2),
    groups: [group(0.1)],
    program: { family: "torch", schedulers: [], stepped: [] },
    source: { file: "f", startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 },
    assumptions: [],
    problems: [],
  };
  const curve = { ...evaluate(desc), groups: [Float64Array.from([0.1, 0.1, 0.1, 0.1])] };
  assert.equal(formatSummary(summarize(desc, curve)), "0.1 · constant · 2 ep");
});

void test("formatLength: whole epochs, fractional epochs, steps", () => {
  assert.equal(formatLength(500, { unit: "step", ticksPerEpoch: 100 }), "5 ep");
  assert.equal(formatLength(250, { unit: "step", ticksPerEpoch: 100 }), "2.5 ep");
  assert.equal(formatLength(50, { unit: "step", ticksPerEpoch: 100 }), "50 steps");
  assert.equal(formatLength(7, { unit: "step" }), "7 steps");
  assert.equal(formatLength(7, { unit: "epoch", ticksPerEpoch: 1 }), "7 ep");
});

void test("phaseAt: warmup, then after the hand-over, then past the end", () => {
  const { schedule, curve } = read(script(warmupCosine));
  const s = summarize(schedule, curve);
  assert.deepEqual(phaseAt(curve, s, 2), { name: "warmup", next: { tick: 5, label: curve.boundaries.find((b) => b.tick === 5)!.label } });
  const after = phaseAt(curve, s, 30);
  assert.equal(after.since, 5);
  assert.match(after.name, /^after /);
  assert.equal(phaseAt(curve, s, 95).name, "after the end of training");
});
