import { test } from "node:test";
import assert from "node:assert/strict";
import { createPaddleScheduler } from "../../../src/core/paddle/create";
import { evaluatePaddle } from "../../../src/core/paddle/evaluate";
import type { PaddleSchedulerSpec } from "../../../src/core/paddle/spec";
import { literal } from "../../../src/core/value";

const close = (a: number, b: number, tol = 1e-12): boolean => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

/** last_lr after construction and after each of n steps, as a trainer sees it. */
function series(spec: PaddleSchedulerSpec, n: number): number[] {
  const s = createPaddleScheduler(spec);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    out.push(s.lastLr);
    s.step();
  }
  return out;
}

void test("PiecewiseDecay: values[i] for the first boundary above the epoch (lr.py get_lr)", () => {
  // boundaries [3, 6], values [1, .5, .1]: epochs 0-2 → 1, 3-5 → .5, 6+ → .1
  assert.deepEqual(series({ kind: "PiecewiseDecay", boundaries: [3, 6], values: [1, 0.5, 0.1] }, 8), [1, 1, 1, 0.5, 0.5, 0.5, 0.1, 0.1]);
  // Unsorted boundaries (ppdet when a milestone falls inside the warmup) are scanned in order as Python does.
  assert.deepEqual(series({ kind: "PiecewiseDecay", boundaries: [1, 2, 3, 2], values: [10, 20, 30, 40, 50] }, 5), [10, 20, 30, 50, 50]);
});

void test("PiecewiseDecay needs one more value than boundaries (ValueError)", () => {
  assert.throws(() => createPaddleScheduler({ kind: "PiecewiseDecay", boundaries: [1, 2], values: [1, 2] }), /one more element/);
});

void test("CosineAnnealingDecay stepped one by one is the recursive form; past T_max it rises again", () => {
  // T_max 4, base 1, eta 0: closed form (1 + cos(πe/4)) / 2 → 1, .8536, .5, .1464, 0, then .1464 (the (2k+1)T branch adds back).
  const xs = series({ kind: "CosineAnnealingDecay", learningRate: 1, tMax: 4, etaMin: 0 }, 6);
  const want = [1, (1 + Math.SQRT1_2) / 2, 0.5, (1 - Math.SQRT1_2) / 2, 0];
  want.forEach((w, i) => assert.ok(close(xs[i]!, w), `${i}: ${xs[i]} vs ${w}`));
  assert.ok(close(xs[5]!, (1 - Math.cos(Math.PI / 4)) / 2));
});

void test("CosineAnnealingDecay: T_max must be an int (TypeError)", () => {
  assert.throws(() => createPaddleScheduler({ kind: "CosineAnnealingDecay", learningRate: 1, tMax: 2.5, etaMin: 0 }), /must be 'int'/);
});

void test("LinearWarmup: start_lr + (end_lr - start_lr) × e / W, then the wrapped scheduler's closed form at e - W", () => {
  // W 2, 0 → 0.1; then StepDecay(0.1, step 2, γ .5) at 0, 1, 2, 3 → .1, .1, .05, .05
  const xs = series({ kind: "LinearWarmup", learningRate: { kind: "StepDecay", learningRate: 0.1, stepSize: 2, gamma: 0.5 }, warmupSteps: 2, startLr: 0, endLr: 0.1 }, 6);
  assert.deepEqual(xs.map((x) => Number(x.toFixed(12))), [0, 0.05, 0.1, 0.1, 0.05, 0.05]);
  // A float after the warmup is returned as is.
  assert.deepEqual(series({ kind: "LinearWarmup", learningRate: 0.2, warmupSteps: 1, startLr: 0.1, endLr: 0.3 }, 3), [0.1, 0.2, 0.2]);
  assert.throws(() => createPaddleScheduler({ kind: "LinearWarmup", learningRate: 0.2, warmupSteps: 1, startLr: 0.3, endLr: 0.3 }), /must be greater than start_lr/);
});

void test("PolynomialDecay: epoch held at decay_steps; with cycle the period stretches to the next multiple", () => {
  // base 1, end 0, power 1, decay 4: 1, .75, .5, .25, 0, 0
  assert.deepEqual(series({ kind: "PolynomialDecay", learningRate: 1, decaySteps: 4, endLr: 0, power: 1, cycle: false }, 6), [1, 0.75, 0.5, 0.25, 0, 0]);
  // cycle: at e=5, decay = 4 × ceil(5/4) = 8 → 1 - 5/8 = .375
  assert.equal(series({ kind: "PolynomialDecay", learningRate: 1, decaySteps: 4, endLr: 0, power: 1, cycle: true }, 6)[5], 0.375);
});

void test("StepDecay, MultiStepDecay, ExponentialDecay, NaturalExpDecay, InverseTimeDecay closed forms", () => {
  assert.deepEqual(series({ kind: "StepDecay", learningRate: 1, stepSize: 2, gamma: 0.5 }, 5), [1, 1, 0.5, 0.5, 0.25]);
  assert.deepEqual(series({ kind: "MultiStepDecay", learningRate: 1, milestones: [1, 3], gamma: 0.5 }, 4), [1, 0.5, 0.5, 0.25]);
  assert.deepEqual(series({ kind: "ExponentialDecay", learningRate: 1, gamma: 0.5 }, 3), [1, 0.5, 0.25]);
  assert.ok(close(series({ kind: "NaturalExpDecay", learningRate: 1, gamma: 0.5 }, 3)[2]!, Math.exp(-1)));
  assert.equal(series({ kind: "InverseTimeDecay", learningRate: 1, gamma: 0.5 }, 3)[2], 0.5);
  assert.throws(() => createPaddleScheduler({ kind: "MultiStepDecay", learningRate: 1, milestones: [3, 1], gamma: 0.5 }), /incremented/);
});

void test("NoamDecay: base × d^-0.5 × min(e^-0.5, e × W^-1.5), with e=0 → a=1", () => {
  const xs = series({ kind: "NoamDecay", dModel: 4, warmupSteps: 4, learningRate: 1 }, 6);
  assert.equal(xs[0], 0); // b = 0 at e = 0
  assert.ok(close(xs[2]!, 0.5 * Math.min(2 ** -0.5, 2 * 4 ** -1.5)));
  assert.ok(close(xs[5]!, 0.5 * 5 ** -0.5));
});

void test("OneCycleLR (Paddle's phase table): initial max/25 and raises past total_steps", () => {
  // total 10, phase .3: phase 1 ends at step 2 (0.3×10 − 1); cos from 0.04 to 1 over 2 steps.
  const s = createPaddleScheduler({ kind: "OneCycleLR", maxLearningRate: 1, totalSteps: 10, divideFactor: 25, endLearningRate: 1e-4, phasePct: 0.3, annealStrategy: "cos", threePhase: false });
  assert.ok(close(s.lastLr, 0.04));
  s.step();
  assert.ok(close(s.lastLr, 1 + (0.04 - 1) / 2 * (Math.cos(Math.PI * 0.5) + 1)));
  for (let i = 0; i < 9; i++) s.step();
  assert.ok(close(s.lastLr, 1e-4 + ((1 - 1e-4) / 2) * (Math.cos(Math.PI * (8 / 7)) + 1)));
  assert.throws(() => s.step(), /Tried to step 11 times/);
});

void test("CyclicLR triangular2 halves the amplitude each cycle", () => {
  // base .1, max 1, up 2, down 2: .1, .55, 1, .55, .1, then cycle 2 peaks at .1 + .9/2
  const xs = series({ kind: "CyclicLR", baseLearningRate: 0.1, maxLearningRate: 1, stepSizeUp: 2, stepSizeDown: null, mode: "triangular2", expGamma: 1 }, 7);
  [0.1, 0.55, 1, 0.55, 0.1].forEach((w, i) => assert.ok(close(xs[i]!, w)));
  assert.ok(close(xs[6]!, 0.1 + 0.45));
});

void test("LinearLR chains factors; CosineAnnealingWarmRestarts restarts with T_mult", () => {
  const xs = series({ kind: "LinearLR", learningRate: 1, totalSteps: 2, startFactor: 0.5, endFactor: 1 }, 4);
  [0.5, 0.75, 1, 1].forEach((w, i) => assert.ok(close(xs[i]!, w)));
  const ys = series({ kind: "CosineAnnealingWarmRestarts", learningRate: 1, t0: 2, tMult: 2, etaMin: 0 }, 7);
  // T_cur 0,1 | 0,1,2,3 | 0 with T_i 2 then 4
  [1, 0.5, 1, (1 + Math.SQRT1_2) / 2, 0.5, (1 - Math.SQRT1_2) / 2, 1].forEach((w, i) => assert.ok(close(ys[i]!, w), `${i}`));
});

void test("ReduceOnPlateau driven by LinearWarmup gets epoch - W as its metric: a rising metric cuts after patience", () => {
  // patience 1, factor .5, mode min: metrics 0 (best), 1 (bad 1), 2 (bad 2 > 1 → cut to .5), 3 (bad 1), 4 (cut → .25)
  const xs = series({ kind: "LinearWarmup", learningRate: { kind: "ReduceOnPlateau", learningRate: 1, mode: "min", factor: 0.5, patience: 1, threshold: 1e-4, thresholdMode: "rel", cooldown: 0, minLr: 0, epsilon: 1e-8 }, warmupSteps: 1, startLr: 0, endLr: 1 }, 6);
  assert.deepEqual(xs, [0, 1, 1, 0.5, 0.5, 0.25]);
});

void test("PaddleOCR schedulers: CyclicalCosine restarts every cycle, TwoStepCosine switches period, OneCycleDecay ends at max/div/final", () => {
  const xs = series({ kind: "CyclicalCosineDecay", learningRate: 1, tMax: 100, cycle: 2, etaMin: 0 }, 4);
  assert.deepEqual(xs, [1, 0.5, 1, 0.5]);
  const ys = series({ kind: "TwoStepCosineDecay", learningRate: 1, tMax1: 2, tMax2: 4, etaMin: 0 }, 4);
  assert.ok(close(ys[1]!, 0.5) && close(ys[2]!, 0));
  // e = 3 > T_max1: recursive over T_max2 from last_lr 0 → (1+cos(3π/4))/(1+cos(π/2)) × 0 = 0
  assert.ok(close(ys[3]!, 0));
  const o = createPaddleScheduler({ kind: "OneCycleDecay", maxLr: 1, epochs: 2, stepsPerEpoch: 5, pctStart: 0.3, annealStrategy: "linear", divFactor: 25, finalDivFactor: 1e4, threePhase: false });
  for (let i = 0; i < 9; i++) o.step();
  assert.ok(close(o.lastLr, 0.04 / 1e4));
});

void test("evaluatePaddle: holds each value for stepEvery ticks; an exception becomes a problem and the last value is held", () => {
  const r = evaluatePaddle({ family: "paddle", groups: [{ scheduler: { kind: "StepDecay", learningRate: 1, stepSize: 1, gamma: 0.5 }, stepEvery: 2 }], summary: [] }, [{ lr: literal(1), momentum: literal(0.9), momentumKind: "momentum" }], 6);
  assert.deepEqual(Array.from(r.groups[0]!), [1, 1, 0.5, 0.5, 0.25, 0.25]);
  assert.deepEqual(Array.from(r.momentum![0]!), [0.9, 0.9, 0.9, 0.9, 0.9, 0.9]);
  const over = evaluatePaddle({ family: "paddle", groups: [{ scheduler: { kind: "OneCycleLR", maxLearningRate: 1, totalSteps: 2, divideFactor: 25, endLearningRate: 0, phasePct: 0.5, annealStrategy: "linear", threePhase: false }, stepEvery: 1 }], summary: [] }, [{ lr: literal(1) }], 5);
  assert.equal(over.problems[0]?.code, "onecycle-overrun");
  assert.equal(over.groups[0]![4], over.groups[0]![2]);
});
