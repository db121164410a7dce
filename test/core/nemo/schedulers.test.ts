// NeMo's schedulers (NVIDIA/NeMo nemo/core/optim/lr_scheduler.py @ 8cfedd72). Expected values are worked out
// by hand from that file's formulas (quoted per test); the golden cases test/golden-own/nemo-*.json check
// whole curves produced by running the file itself.
import assert from "node:assert/strict";
import { test } from "node:test";
import { evaluateNemo } from "../../../src/core/nemo/evaluate";
import type { NemoProgram, NemoSchedulerArgs } from "../../../src/core/nemo/spec";
import { literal } from "../../../src/core/value";

const base: NemoSchedulerArgs = { name: "WarmupPolicy", maxSteps: 100, warmupSteps: null, warmupRatio: null, holdSteps: null, holdRatio: null, constantSteps: null, constantRatio: null, minLr: 0, power: 1, cycle: false, decayRate: 0.5, dModel: null };

function run(args: Partial<NemoSchedulerArgs>, total: number, lrs: number[] = [1]): ReturnType<typeof evaluateNemo> {
  const program: NemoProgram = { family: "nemo", scheduler: { ...base, ...args }, summary: [] };
  return evaluateNemo(program, lrs.map((lr) => ({ lr: literal(lr) })), total);
}

void test("WarmupPolicy: (step + 1) / (warmup_steps + 1) while step <= warmup_steps, then the base LR, min_lr after max_steps", () => {
  const r = run({ warmupSteps: 4, maxSteps: 10, minLr: 0.01 }, 13);
  const lr = r.groups[0]!;
  assert.equal(lr[0], 1 * (1 / 5));
  assert.equal(lr[4], 1 * (5 / 5));
  assert.equal(lr[5], 1);
  assert.equal(lr[10], 1, "step == max_steps is not > max_steps");
  assert.equal(lr[11], 0.01);
  assert.deepEqual(r.boundaries.map((b) => b.tick), [5]);
});

void test("warmup_ratio: int(warmup_ratio * max_steps), truncating 0.07 * 100 = 7.000000000000001 to 7", () => {
  const lr = run({ warmupRatio: 0.07, maxSteps: 100 }, 10).groups[0]!;
  assert.equal(lr[6], 7 / 8);
  assert.equal(lr[7], 8 / 8);
});

void test("warmup_steps together with warmup_ratio: the constructor's AssertionError, no curve", () => {
  const r = run({ warmupSteps: 5, warmupRatio: 0.1 }, 10);
  assert.equal(r.groups[0]!.length, 0);
  assert.match(r.problems[0]!.message, /AssertionError: Either use particular number of step or ratio/);
});

void test("WarmupHoldPolicy: hold_steps counts after the warmup (self.hold_steps = hold_steps + warmup_steps)", () => {
  const lr = run({ name: "WarmupHoldAnnealLinear", warmupSteps: 2, holdSteps: 3, maxSteps: 10, minLr: 0 }, 11).groups[0]!;
  assert.equal(lr[2], 1);
  assert.equal(lr[4], 1, "hold while step < 5");
  // _get_lr: initial_lr - (initial_lr - min_lr) * (step - 5) / (10 - 5)
  assert.equal(lr[5], 1);
  assert.equal(lr[6], 1 - 1 * (1 / 5));
  assert.equal(lr[10], 0);
});

void test("CosineAnnealing without constant_steps: cosine from the warmup's end over max_steps - warmup_steps", () => {
  const lr = run({ name: "CosineAnnealing", warmupSteps: 10, maxSteps: 110, minLr: 0.1 }, 111).groups[0]!;
  assert.equal(lr[0], 1 / 11);
  // step 60: (1 - 0.1) * 0.5 * (1 + cos(pi * 50 / 100)) + 0.1
  assert.equal(lr[60], 0.9 * (0.5 * (1 + Math.cos((Math.PI * 50) / 100))) + 0.1);
  assert.equal(lr[110], 0.9 * (0.5 * (1 + Math.cos(Math.PI))) + 0.1);
});

void test("CosineAnnealing with constant_steps: Megatron's warmup from 0 (max_lr * step / warmup_steps) and min_lr for the last constant_steps", () => {
  const r = run({ name: "CosineAnnealing", warmupSteps: 10, constantSteps: 20, maxSteps: 100, minLr: 0.1 }, 101, [1, 0.5]);
  const [g0, g1] = r.groups as [Float64Array, Float64Array];
  assert.equal(g0[0], 0);
  assert.equal(g0[5], 0.5);
  // decay_steps = 100 - (20 + 10) = 70; step 45 is halfway: 0.1 + 0.5 * (cos(pi / 2) + 1) * 0.9
  assert.equal(g0[45], 0.1 + 0.5 * (Math.cos(Math.PI * 0.5) + 1.0) * 0.9);
  assert.equal(g0[81], 0.1);
  // max_lr is base_lrs[0] for every group.
  assert.equal(g1[45], g0[45]);
});

void test("CosineAnnealing: an initial LR below min_lr raises ValueError at the first decay step", () => {
  const r = run({ name: "CosineAnnealing", warmupSteps: 3, maxSteps: 10, minLr: 2 }, 10);
  assert.equal(r.groups[0]!.length, 4);
  assert.match(r.problems[0]!.message, /raises at step 4: ValueError/);
});

void test("NoamAnnealing: d_model ** -0.5 * min(step ** -0.5, step * warmup ** -1.5), step = max(1, last_epoch)", () => {
  const lr = run({ name: "NoamAnnealing", dModel: 256, warmupSteps: 100, minLr: 1e-6, maxSteps: 1000 }, 1000, [5]).groups[0]!;
  const norm = 256 ** -0.5;
  assert.equal(lr[0], lr[1]);
  assert.equal(lr[1], 5 * (norm * Math.min(1 ** -0.5, 1 * 100 ** -1.5)));
  assert.equal(lr[400], 5 * (norm * Math.min(400 ** -0.5, 400 * 100 ** -1.5)));
  const noD = run({ name: "NoamAnnealing", warmupSteps: 100 }, 10);
  assert.match(noD.problems[0]!.message, /missing 1 required keyword-only argument: 'd_model'/);
});

void test("NoamHoldAnnealing: (lr * max(1, W ** rate)) / max(1, (step - hold) ** rate) with hold the hold count, not warmup + hold", () => {
  const lr = run({ name: "NoamHoldAnnealing", warmupSteps: 4, holdSteps: 6, decayRate: 0.5, maxSteps: 100 }, 50).groups[0]!;
  assert.equal(lr[9], 1, "hold while step < 10");
  assert.equal(lr[10], (1 * 4 ** 0.5) / (10 - 6) ** 0.5);
  assert.equal(lr[31], (1 * 4 ** 0.5) / (31 - 6) ** 0.5);
  const noWarmup = run({ name: "NoamHoldAnnealing", maxSteps: 100 }, 5);
  assert.match(noWarmup.problems[0]!.message, /Noam scheduler cannot be used without warmup steps/);
});

void test("PolynomialDecayAnnealing with cycle: decay_steps *= ceil(step / decay_steps) after the warmup", () => {
  const lr = run({ name: "PolynomialDecayAnnealing", warmupSteps: 0, maxSteps: 10, power: 2, cycle: true, minLr: 0 }, 11).groups[0]!;
  assert.equal(lr[0], 1);
  assert.equal(lr[5], (1 - 5 / 10) ** 2);
  assert.equal(lr[10], 0);
  const clamped = run({ name: "PolynomialDecayAnnealing", warmupSteps: 2, maxSteps: 12, power: 1, minLr: 0.5 }, 13).groups[0]!;
  assert.equal(clamped[7], (1 - 0.5) * (1 - 5 / 10) + 0.5);
});

void test("WarmupAnnealing uses base_lrs[0] for every param group", () => {
  const r = run({ name: "WarmupAnnealing", warmupSteps: 0, maxSteps: 10 }, 10, [1, 0.1]);
  assert.equal(r.groups[0]![5], 0 + (1 - 5 / 10) * 1);
  assert.equal(r.groups[1]![5], r.groups[0]![5]);
});

void test("SquareRootAnnealing: ((max_steps - step) / max_steps) ** 0.5 with no warmup offset; InverseSquareRootAnnealing", () => {
  const sq = run({ name: "SquareRootAnnealing", warmupSteps: 2, maxSteps: 16 }, 16).groups[0]!;
  assert.equal(sq[3], Math.max(1 * ((16 - 3) / 16) ** 0.5, 0));
  const inv = run({ name: "InverseSquareRootAnnealing", warmupSteps: 3, maxSteps: 100 }, 20).groups[0]!;
  assert.equal(inv[15], 1 / ((15 + 1) / (3 + 1)) ** 0.5);
});

void test("T5InverseSquareRootAnnealing: 1 / constant_steps ** 0.5, then 1 / step ** 0.5, ignoring the optimizer's lr", () => {
  const lr = run({ name: "T5InverseSquareRootAnnealing", constantSteps: 16, maxSteps: 100 }, 50, [123]).groups[0]!;
  assert.equal(lr[16], 1 / 16 ** 0.5);
  assert.equal(lr[25], 1 / 25 ** 0.5);
  const none = run({ name: "T5InverseSquareRootAnnealing", constantRatio: 0.1, maxSteps: 100 }, 5);
  assert.match(none.problems[0]!.message, /TypeError/);
});
