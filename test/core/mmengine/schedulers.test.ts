import { test } from "node:test";
import assert from "node:assert/strict";
import { evaluateMmengine } from "../../../src/core/mmengine/evaluate";
import type { MmcvLrUpdater, MmengineProgram, MmSchedulerKind, MmSchedulerSpec } from "../../../src/core/mmengine/spec";
import { literal } from "../../../src/core/value";

const group = [{ lr: literal(1) }];

function spec(kind: MmSchedulerKind, extra: Partial<MmSchedulerSpec> = {}): MmSchedulerSpec {
  return { ...kind, name: kind.kind, param: "lr", begin: 0, byEpoch: false, convertToIterBased: false, args: {}, ...extra } as MmSchedulerSpec;
}

function iterLoop(schedulers: MmSchedulerSpec[], maxIters: number): MmengineProgram {
  return { family: "mmengine", schedulers, loop: "iter", maxEpochs: 1, maxIters, epochLength: Number.NaN };
}

function epochLoop(schedulers: MmSchedulerSpec[], maxEpochs: number, epochLength: number, legacy?: MmcvLrUpdater): MmengineProgram {
  return { family: "mmengine", schedulers, legacy, loop: "epoch", maxEpochs, maxIters: maxEpochs * epochLength, epochLength };
}

function close(actual: Float64Array, expected: number[]): void {
  assert.equal(actual.length, expected.length);
  expected.forEach((e, i) => assert.ok(Math.abs(actual[i]! - e) <= 1e-12 * Math.max(1, Math.abs(e)), `tick ${i}: ${actual[i]} vs ${e}`));
}

void test("LinearLR: start_factor × base, then the chained ratio; held from end", () => {
  // total_iters = end - begin - 1 = 4. t0: 0.5; t1: 0.5 × (1 + 0.5 / (4×0.5 + 0×0.5)) = 0.625;
  // t2: 0.625 × (1 + 0.5/2.5) = 0.75; t3: 0.75 × (1 + 0.5/3) = 0.875; t4: 0.875 × (1 + 0.5/3.5) = 1; t5: outside [0, 5).
  const r = evaluateMmengine(iterLoop([spec({ kind: "Linear", startFactor: 0.5, endFactor: 1 }, { end: 5 })], 7), group, 7);
  close(r.groups[0]!, [0.5, 0.625, 0.75, 0.875, 1, 1, 1]);
});

void test("MultiStepLR by epoch: stepped after every epoch of an epoch-based loop", () => {
  // 2 iterations per epoch; after epoch 0 last_step = 1 (a milestone) → 0.1; after epoch 1 → 0.01.
  const r = evaluateMmengine(epochLoop([spec({ kind: "MultiStep", milestones: [1, 2], gamma: 0.1 }, { byEpoch: true })], 3, 2), group, 6);
  close(r.groups[0]!, [1, 1, 0.1, 0.1, 0.01, 0.01]);
});

void test("begin > 0: last_step counts only inside [begin, end)", () => {
  // Construction: _global_step 0 < begin. Step 2 enters the window with last_step 0 (no change);
  // step 3 has last_step 1 → × 0.5; step 4 = end: no change.
  const r = evaluateMmengine(iterLoop([spec({ kind: "Exponential", gamma: 0.5 }, { begin: 2, end: 4 })], 6), group, 6);
  close(r.groups[0]!, [1, 1, 1, 0.5, 0.5, 0.5]);
});

void test("CosineAnnealingLR convert_to_iter_based: T_max and the default end (max_epochs) × epoch length", () => {
  // T_max 2 epochs × 2 = 4 iterations, end = 2 × 2 = 4. Chained values equal the closed form
  // (1 + cos(π t / 4)) / 2: 1, 0.8535533905932737, 0.5, 0.14644660940672627.
  const r = evaluateMmengine(epochLoop([spec({ kind: "CosineAnnealing", tMax: 2, etaMin: 0, etaMinRatio: null }, { byEpoch: true, convertToIterBased: true })], 2, 2), group, 4);
  close(r.groups[0]!, [1, (1 + Math.cos(Math.PI / 4)) / 2, 0.5, (1 + Math.cos((3 * Math.PI) / 4)) / 2]);
});

void test("an epoch-based scheduler never steps in an iteration-based loop (one big epoch)", () => {
  const r = evaluateMmengine(iterLoop([spec({ kind: "Step", stepSize: 1, gamma: 0.5 }, { byEpoch: true })], 4), group, 4);
  close(r.groups[0]!, [1, 1, 1, 1]);
});

void test("QuadraticWarmupLR: base × (2t + 1) / (end - begin)²", () => {
  // end 4: 1/16, 1/16 + 3/16, 4/16 + 5/16, 9/16 + 7/16.
  const r = evaluateMmengine(iterLoop([spec({ kind: "QuadraticWarmup" }, { end: 4 })], 5), group, 5);
  close(r.groups[0]!, [1 / 16, 4 / 16, 9 / 16, 1, 1]);
});

void test("OneCycleLR starts at eta_max / div_factor and peaks at pct_start", () => {
  // total_steps = end - begin = 10; phase 1 ends at 0.3 × 10 - 1 = 2: t2 = eta_max.
  const r = evaluateMmengine(iterLoop([spec({ kind: "OneCycle", etaMax: [1], totalSteps: null, pctStart: 0.3, annealStrategy: "cos", divFactor: 25, finalDivFactor: 1e4, threePhase: false }, { end: 10 })], 10), group, 10);
  assert.ok(Math.abs(r.groups[0]![0]! - 0.04) < 1e-15);
  assert.ok(Math.abs(r.groups[0]![2]! - 1) < 1e-15);
  assert.ok(Math.abs(r.groups[0]![9]! - 0.04 / 1e4) < 1e-15);
});

void test("PolyLR reaches eta_min at the last step of its window", () => {
  const r = evaluateMmengine(iterLoop([spec({ kind: "Poly", etaMin: 0.1, power: 1 }, { end: 4 })], 4), group, 4);
  // total_iters 3: t1 = 0.9 × (1 - 1/3) + 0.1 = 0.7; t2 = 0.6 × 0.5 + 0.1 = 0.4; t3 = 0.3 × 0 + 0.1.
  close(r.groups[0]!, [1, 0.7, 0.4, 0.1]);
});

void test("end <= begin is MMEngine's ValueError, reported with the scheduler", () => {
  const r = evaluateMmengine(iterLoop([spec({ kind: "Linear", startFactor: 0.5, endFactor: 1 }, { begin: 3, end: 3 })], 2), group, 2);
  assert.ok(r.problems.some((p) => p.severity === "error" && /end should be larger than begin/.test(p.message)));
});

void test("mmcv 1.x step policy with linear warmup (before_train_epoch, then before_train_iter)", () => {
  // 2 iterations per epoch, warmup 2 iterations at ratio 0.1: it0 k = 0.9 → 0.1; it1 k = 0.45 → 0.55;
  // it2 = warmup_iters → the regular LR of epoch 1 (0.1); epoch 2 → 0.01.
  const legacy: MmcvLrUpdater = { policy: "Step", step: [1, 2], gamma: 0.1, minLr: null, byEpoch: true, warmup: { kind: "linear", iters: 2, ratio: 0.1, byEpoch: false }, args: {} };
  const r = evaluateMmengine(epochLoop([], 3, 2, legacy), group, 6);
  close(r.groups[0]!, [0.1, 0.55, 0.1, 0.1, 0.01, 0.01]);
});
