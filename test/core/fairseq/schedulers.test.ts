// fairseq schedulers' step_update(num_updates) (fairseq/optim/lr_scheduler/*.py), by hand.
import assert from "node:assert/strict";
import { test } from "node:test";
import { cosine } from "../../../src/core/fairseq/cosine";
import { fixed } from "../../../src/core/fairseq/fixed";
import { inverseSqrt } from "../../../src/core/fairseq/inverseSqrt";
import { polynomialDecay } from "../../../src/core/fairseq/polynomialDecay";
import { triStage } from "../../../src/core/fairseq/triStage";

void test("inverse_sqrt: warmup from 0 (default) while n < W, then lr × sqrt(W / n)", () => {
  const f = inverseSqrt({ lr: 1, warmupUpdates: 4, warmupInitLr: -1 });
  assert.deepEqual([0, 1, 2, 3].map(f), [0, 0.25, 0.5, 0.75]);
  assert.equal(f(4), 2 * 4 ** -0.5); // decay_factor = 1 × 4^0.5 = 2
  assert.equal(f(16), 2 * 16 ** -0.5);
  assert.throws(() => inverseSqrt({ lr: 1, warmupUpdates: 0, warmupInitLr: -1 }));
});

void test("polynomial_decay: warmup n/W while n <= W, then (lr - end)(1 - (n - W)/(T - W))^p + end", () => {
  const f = polynomialDecay({ lr: 1, warmupUpdates: 10, endLearningRate: 0, power: 1, totalNumUpdate: 110 });
  assert.equal(f(0), 0);
  assert.equal(f(10), 1);
  assert.equal(f(60), 0.5);
  assert.equal(f(110), 0);
});

void test("cosine: warmup from min_lr, period max_update - warmup, lr_shrink per period", () => {
  const f = cosine({ lr: 1, warmupUpdates: 0, warmupInitLr: -1, minLr: 0, tMult: 1, lrPeriodUpdates: 10, lrShrink: 0.5, maxUpdate: 100 });
  assert.equal(f(0), 1);
  assert.equal(f(5), 0.5 * (1 + Math.cos(Math.PI * 0.5)));
  assert.equal(f(10), 0.5); // second period, shrunk by 0.5
});

void test("tri_stage with phase_ratio: int(max_update × ratio) per stage, exponential decay to final_lr_scale", () => {
  const f = triStage({ lr: 1, warmupSteps: 0, holdSteps: 0, decaySteps: 0, phaseRatio: [0.1, 0.4, 0.5], initLrScale: 0.01, finalLrScale: 0.05, maxUpdate: 100 });
  assert.equal(f(0), 0.01);
  assert.equal(f(10), 1);
  assert.equal(f(49), 1);
  assert.equal(f(100), Math.exp((Math.log(0.05) / 50) * 50));
  assert.equal(f(101), 0.05);
});

void test("fixed: per-epoch lr list, warmup (n + 1)/W", () => {
  const f = fixed({ lrs: [1, 0.5], forceAnneal: null, lrShrink: 0.1, warmupUpdates: 4, updatesPerEpoch: 10 });
  assert.equal(f(0), 0.25);
  assert.equal(f(9), 1);
  assert.equal(f(10), 0.5);
  assert.equal(f(1000), 0.5);
});
