// Keras 3 schedules (keras/src/optimizers/schedules/learning_rate_schedule.py), values derived by hand in
// float32: `f` is Math.fround, one rounding per tensor op as Keras does.
import assert from "node:assert/strict";
import { test } from "node:test";
import { learningRateScheduler } from "../../../src/core/keras/callback";
import { cosineDecay } from "../../../src/core/keras/cosineDecay";
import { cosineDecayRestarts } from "../../../src/core/keras/cosineDecayRestarts";
import { exponentialDecay } from "../../../src/core/keras/exponentialDecay";
import { inverseTimeDecay } from "../../../src/core/keras/inverseTimeDecay";
import { piecewiseConstantDecay } from "../../../src/core/keras/piecewiseConstantDecay";
import { polynomialDecay } from "../../../src/core/keras/polynomialDecay";

const f = Math.fround;

void test("ExponentialDecay: lr × rate^(step / decay_steps), floored with staircase, in float32", () => {
  const p = { initialLearningRate: 0.1, decaySteps: 100, decayRate: 0.5, staircase: false };
  // step 50: p = 0.5, 0.5^0.5 = 0.70710677 (f32), × f(0.1)
  assert.equal(exponentialDecay(50, p), f(f(0.1) * f(Math.SQRT1_2)));
  // staircase: step 199 → floor(1.99) = 1 → 0.1 × 0.5
  assert.equal(exponentialDecay(199, { ...p, staircase: true }), f(f(0.1) * 0.5));
  assert.equal(exponentialDecay(200, { ...p, staircase: true }), f(f(0.1) * 0.25));
});

void test("PiecewiseConstantDecay: values[i] while step <= boundaries[i] (step > boundary moves on)", () => {
  const p = { boundaries: [100, 200], values: [1.0, 0.5, 0.1] };
  assert.equal(piecewiseConstantDecay(100, p), 1.0);
  assert.equal(piecewiseConstantDecay(101, p), 0.5);
  assert.equal(piecewiseConstantDecay(200, p), 0.5);
  assert.equal(piecewiseConstantDecay(201, p), f(0.1));
});

void test("PolynomialDecay: clipped at decay_steps; with cycle the length is the next multiple", () => {
  const p = { initialLearningRate: 0.1, decaySteps: 100, endLearningRate: 0.01, power: 2, cycle: false };
  // step 50: (0.1 - 0.01) × (1 - 0.5)² + 0.01 = 0.09 × 0.25 + 0.01 = 0.0325 (float32 ops)
  const lr = f(0.1);
  const end = f(0.01);
  assert.equal(polynomialDecay(50, p), f(f(f(lr - end) * 0.25) + end));
  assert.equal(polynomialDecay(150, p), end);
  // cycle, step 150: decay_steps = 100 × ceil(1.5) = 200, p = 0.75, (0.25)² = 0.0625
  assert.equal(polynomialDecay(150, { ...p, cycle: true }), f(f(f(lr - end) * 0.0625) + end));
  // cycle at step 0: multiplier 1 (not ceil(0) = 0)
  assert.equal(polynomialDecay(0, { ...p, cycle: true }), f(f(f(lr - end) * 1) + end));
});

void test("InverseTimeDecay: lr / (1 + rate × step / decay_steps)", () => {
  const p = { initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.5, staircase: false };
  // step 2: 0.1 / (1 + 0.5 × 2) = 0.05
  assert.equal(inverseTimeDecay(2, p), f(f(0.1) / 2));
  // staircase with decay_steps 10, step 15: floor(1.5) = 1 → 0.1 / 1.5
  assert.equal(inverseTimeDecay(15, { ...p, decaySteps: 10, staircase: true }), f(f(0.1) / 1.5));
});

void test("CosineDecay (Keras 3): warmup from initial_learning_rate to warmup_target, then cosine from the target", () => {
  const p = { initialLearningRate: 0, decaySteps: 1000, alpha: 0, warmupTarget: 0.1, warmupSteps: 100 };
  // warmup step 50: (0.1 - 0) × 0.5 + 0
  assert.equal(cosineDecay(50, p), f(f(0.1) * 0.5));
  // step 100: decay at 0 → 0.1 × (1 × 0.5 × (1 + cos 0)) = 0.1
  assert.equal(cosineDecay(100, p), f(0.1));
  // step 600: half way, cos(π/2) in float32 = -4.37e-8, so 0.5 × (1 + that) rounds to 0.49999997
  const half = f(0.5 * f(1 + f(Math.cos(f(f(Math.PI) * 0.5)))));
  assert.equal(cosineDecay(600, p), f(f(0.1) * f(f(1 * half) + 0)));
  // held after warmup + decay: alpha × target = 0
  assert.equal(cosineDecay(5000, p), 0);
  // without warmup_target: decays from initial_learning_rate, min(step, decay_steps)
  assert.equal(cosineDecay(2000, { ...p, initialLearningRate: 0.2, warmupTarget: null, alpha: 0.1 }), f(f(0.2) * f(f(f(0.9) * 0) + f(0.1))));
});

void test("CosineDecayRestarts: t_mul 2 doubles the period, m_mul scales each restart", () => {
  const p = { initialLearningRate: 1, firstDecaySteps: 10, tMul: 2, mMul: 0.5, alpha: 0 };
  // step 0 → 1; step 10 → start of period 1 (length 20) at m_mul^1 = 0.5
  assert.equal(cosineDecayRestarts(0, p), 1);
  assert.equal(cosineDecayRestarts(10, p), 0.5);
  // step 30: periods 10 + 20 → restart 2, 0.25
  assert.equal(cosineDecayRestarts(30, p), 0.25);
  // t_mul 1: step 15 is half way through period 1: 0.5 × 0.5 × (1 + cos(π/2))
  const q = { ...p, tMul: 1 };
  assert.equal(cosineDecayRestarts(15, q), f(f(0.5 * 0.5) * f(1 + f(Math.cos(f(f(Math.PI) * 0.5))))));
});

void test("LearningRateScheduler: recursive on the float32 variable, epoch by epoch", () => {
  // lr × 0.5 every epoch from 0.1: the variable holds f(0.1), then f(f(0.1) × 0.5)...
  const out = learningRateScheduler({ kind: "LearningRateScheduler", name: "cb", initialLr: 0.1, fn: (_e, lr) => lr * 0.5, text: "", args: {} }, 3);
  assert.deepEqual([...out], [f(f(0.1) * 0.5), f(f(f(0.1) * 0.5) * 0.5), f(f(f(f(0.1) * 0.5) * 0.5) * 0.5)]);
});
