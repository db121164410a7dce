// optax schedules (optax/schedules/_schedule.py, _join.py), derived by hand in float32 (JAX's default).
import assert from "node:assert/strict";
import { test } from "node:test";
import { evaluateOptax, optaxNaturalLength, optaxValueAt } from "../../../src/core/optax/evaluate";
import type { OptaxSchedule } from "../../../src/core/optax/spec";

const f = Math.fround;

const linear = (init: number, end: number, steps: number, begin = 0): OptaxSchedule => ({ kind: "polynomial", initValue: init, endValue: end, power: 1, powerIsInt: true, transitionSteps: steps, transitionBegin: begin, name: "linear_schedule" });

void test("polynomial/linear: held before transition_begin, clipped after; transition_steps <= 0 is constant", () => {
  const s = linear(1, 0, 100, 10);
  assert.equal(optaxValueAt(s, 5), 1);
  // t = 60: count 50, frac = 0.5 → (1 - 0) × 0.5 + 0
  assert.equal(optaxValueAt(s, 60), 0.5);
  assert.equal(optaxValueAt(s, 500), 0);
  assert.equal(optaxValueAt(linear(0.3, 0, 0), 7), 0.3);
  // power 2 (int): integer_pow, frac × frac in float32; t = 25 of 100: 0.75² = 0.5625
  assert.equal(optaxValueAt({ kind: "polynomial", initValue: 1, endValue: 0, power: 2, powerIsInt: true, transitionSteps: 100, transitionBegin: 0, name: "polynomial_schedule" }, 25), 0.5625);
});

void test("exponential_decay: init before begin; staircase floors; end_value is a floor when rate < 1", () => {
  const s: OptaxSchedule = { kind: "exponential", initValue: 1, transitionSteps: 10, decayRate: 0.5, transitionBegin: 5, staircase: true, endValue: 0.2, name: "exponential_decay" };
  assert.equal(optaxValueAt(s, 5), 1);
  assert.equal(optaxValueAt(s, 14), 1); // floor(0.9) = 0
  assert.equal(optaxValueAt(s, 15), 0.5);
  assert.equal(optaxValueAt(s, 100), f(0.2)); // 0.5^9 clipped to 0.2
});

void test("cosine_decay_schedule: π × count / decay_steps (multiply first), alpha floor", () => {
  const s: OptaxSchedule = { kind: "cosine", initValue: 2, decaySteps: 100, alpha: 0.5, exponent: 1, exponentIsInt: false, name: "cosine_decay_schedule" };
  assert.equal(optaxValueAt(s, 0), 2);
  // t = 100: cos(f32 π) rounds to -1 → 0 → 2 × (0.5 × 0 + 0.5) = 1
  assert.equal(optaxValueAt(s, 100), 1);
  const x = f(f(f(Math.PI) * 50) / 100);
  assert.equal(optaxValueAt(s, 50), f(2 * f(f(0.5 * f(0.5 * f(1 + f(Math.cos(x))))) + 0.5)));
});

void test("piecewise_constant_schedule: scales apply from their boundary on (t >= b), in boundary order", () => {
  const s: OptaxSchedule = { kind: "piecewiseConstant", initValue: 1, boundariesAndScales: [[100, 0.1], [200, 0.1]], name: "piecewise_constant_schedule" };
  assert.equal(optaxValueAt(s, 99), 1);
  assert.equal(optaxValueAt(s, 100), f(0.1));
  assert.equal(optaxValueAt(s, 200), f(f(0.1) * f(0.1)));
});

void test("join_schedules hands step - boundary to the next schedule; natural length adds the last one", () => {
  const s: OptaxSchedule = { kind: "join", schedules: [linear(0, 1, 10), linear(1, 0, 90)], boundaries: [10], name: "join_schedules" };
  assert.equal(optaxValueAt(s, 9), f(0.9));
  assert.equal(optaxValueAt(s, 10), 1); // second schedule at count 0
  assert.equal(optaxValueAt(s, 55), 0.5);
  assert.equal(optaxNaturalLength(s), 100);
  const c = evaluateOptax({ family: "optax", schedule: s, summary: [] }, 20);
  assert.deepEqual(c.boundaries.map((b) => b.tick), [10]);
});
