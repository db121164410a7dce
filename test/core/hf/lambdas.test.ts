// The Trainer's LR lambdas (transformers optimization.py v5.18), with values derived by hand from the
// Python source.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  constantLambda,
  constantWithWarmupLambda,
  cosineLambda,
  cosineWarmupWithMinLrLambda,
  cosineWithMinLrLambda,
  cosineWithRestartsLambda,
  inverseSqrtLambda,
  inverseSqrtTimescale,
  linearLambda,
  polynomialLambda,
  wsdLambda,
} from "../../../src/core/hf/lambdas";
import { axolotlCosineMinLrLambda, cosineDecayConstantLambda, cosineQuadraticWarmupLambda } from "../../../src/core/hf/axolotl";

const close = (a: number, b: number, what = ""): void => assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${what}: ${a} ≠ ${b}`);

void test("linear: 0 → 1 over warmup, then down to 0 at num_training_steps", () => {
  const p = { numWarmupSteps: 4, numTrainingSteps: 12 };
  // step/4 for step < 4; then (12 - step) / (12 - 4).
  assert.deepEqual([0, 1, 2, 3].map((s) => linearLambda(s, p)), [0, 0.25, 0.5, 0.75]);
  assert.deepEqual([4, 8, 12, 13].map((s) => linearLambda(s, p)), [1, 0.5, 0, 0]);
  // No warmup: max(1, 0) keeps the division defined; step 0 is 1.
  assert.equal(linearLambda(0, { numWarmupSteps: 0, numTrainingSteps: 10 }), 1);
});

void test("cosine: half a cosine after warmup; num_cycles scales it", () => {
  const p = { numWarmupSteps: 2, numTrainingSteps: 10, numCycles: 0.5 };
  assert.equal(cosineLambda(1, p), 0.5);
  // progress (6-2)/8 = 0.5 → 0.5 (1 + cos(π/2)) = 0.5.
  close(cosineLambda(6, p), 0.5);
  close(cosineLambda(10, p), 0);
  // num_cycles 1: a full wave back up to 1 at the end; max(0, ...) never negative.
  close(cosineLambda(10, { ...p, numCycles: 1 }), 1);
});

void test("cosine_with_restarts: restarts at each 1/num_cycles of the decay, 0 from the end", () => {
  const p = { numWarmupSteps: 0, numTrainingSteps: 8, numCycles: 2 };
  // progress 2/8 → (2 × 0.25) % 1 = 0.5 → 0.5 (1 + cos(π/2)) = 0.5; progress 4/8 → 0 → restart at 1.
  close(cosineWithRestartsLambda(2, p), 0.5);
  assert.equal(cosineWithRestartsLambda(4, p), 1);
  assert.equal(cosineWithRestartsLambda(8, p), 0);
});

void test("polynomial: from lr_init to lr_end, as a ratio of lr_init", () => {
  const p = { numWarmupSteps: 0, numTrainingSteps: 10, lrEnd: 0.1, power: 2, lrInit: 1 };
  // step 5: (1 - 0.1) × 0.5² + 0.1 = 0.325; past the end: lr_end / lr_init.
  close(polynomialLambda(5, p), 0.325);
  close(polynomialLambda(10, p), 0.1);
  close(polynomialLambda(11, p), 0.1);
  // num_training_steps == num_warmup_steps: Python divides by zero at that step.
  assert.throws(() => polynomialLambda(3, { ...p, numWarmupSteps: 3, numTrainingSteps: 3 }), /ZeroDivisionError/);
});

void test("inverse_sqrt: timescale defaults to the warmup, or 10_000 without one", () => {
  assert.equal(inverseSqrtTimescale(4000), 4000);
  assert.equal(inverseSqrtTimescale(0), 10_000);
  const p = { numWarmupSteps: 4, timescale: 4 };
  // step 16: shift 0 → 1 / sqrt(16 / 4) = 0.5.
  assert.equal(inverseSqrtLambda(16, p), 0.5);
  assert.equal(inverseSqrtLambda(2, p), 0.5);
});

void test("constant and constant_with_warmup", () => {
  assert.equal(constantLambda(), 1);
  assert.deepEqual([0, 1, 2, 3].map((s) => constantWithWarmupLambda(s, { numWarmupSteps: 2 })), [0, 0.5, 1, 1]);
});

void test("cosine_with_min_lr ends at min_lr_rate", () => {
  const p = { numWarmupSteps: 0, numTrainingSteps: 10, numCycles: 0.5, minLrRate: 0.1 };
  assert.equal(cosineWithMinLrLambda(0, p), 1);
  // progress 0.5: 0.5 × 0.9 + 0.1 = 0.55.
  close(cosineWithMinLrLambda(5, p), 0.55);
  close(cosineWithMinLrLambda(10, p), 0.1);
});

void test("cosine_warmup_with_min_lr: warmup from (step + 1) / W, progress shifted by one", () => {
  const p = { numWarmupSteps: 4, numTrainingSteps: 12, numCycles: 0.5, minLrRate: 0, warmupLrRate: null };
  assert.deepEqual([0, 1, 2, 3].map((s) => cosineWarmupWithMinLrLambda(s, p)), [0.25, 0.5, 0.75, 1]);
  // step 7: (7 - 4 + 1) / 8 = 0.5 → 0.5.
  close(cosineWarmupWithMinLrLambda(7, p), 0.5);
  // With warmup_lr_rate 0.1: 0.1 + 0.9 × step / (W - 1): step 0 → 0.1, step 3 → 1.
  const q = { ...p, warmupLrRate: 0.1 };
  close(cosineWarmupWithMinLrLambda(0, q), 0.1);
  close(cosineWarmupWithMinLrLambda(3, q), 1);
});

void test("warmup_stable_decay: warmup from min_lr_ratio, stable, 1-sqrt decay, then min_lr_ratio", () => {
  const p = { numWarmupSteps: 2, numStableSteps: 3, numDecaySteps: 4, warmupType: "linear" as const, decayType: "1-sqrt" as const, minLrRatio: 0.2, numCycles: 0.5 };
  // step 0: 0 × 0.8 + 0.2; step 1: 0.5 × 0.8 + 0.2 = 0.6.
  close(wsdLambda(0, p), 0.2);
  close(wsdLambda(1, p), 0.6);
  assert.equal(wsdLambda(4, p), 1);
  // step 6: progress (6-5)/4 = 0.25 → 1 - 0.5 = 0.5 → 0.5 × 0.8 + 0.2 = 0.6.
  close(wsdLambda(6, p), 0.6);
  assert.equal(wsdLambda(9, p), 0.2);
  // cosine warmup: 0.5 (1 - cos(π/2)) = 0.5 at half the warmup, before the min_lr_ratio mix.
  close(wsdLambda(1, { ...p, warmupType: "cosine", minLrRatio: 0 }), 0.5);
});

void test("axolotl: quadratic warmup, cosine to min ratio, cosine held from constant_lr_ratio", () => {
  const wt = { numWarmupSteps: 4, numTrainingSteps: 12 };
  close(cosineQuadraticWarmupLambda(2, { ...wt, numCycles: 0.5 }), 0.25);
  // progress (8-4)/8 = 0.5: 0.9 × 0.5 + 0.1 = 0.55.
  close(axolotlCosineMinLrLambda(8, { ...wt, minLrRatio: 0.1 }), 0.55);
  // constant steps int(12 × 0.5) = 6: step 5 → progress 1/2 → 0.9 × 0.5 × 1 + 0.1 = 0.55; from step 6 on 0.1.
  const q = { ...wt, constantLrRatio: 0.5, minLrRatio: 0.1, numCycles: 0.5 };
  close(cosineDecayConstantLambda(5, q), 0.55);
  close(cosineDecayConstantLambda(6, q), 0.1);
  close(cosineDecayConstantLambda(11, q), 0.1);
});
