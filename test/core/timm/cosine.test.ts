// CosineLRScheduler (timm/scheduler/cosine_lr.py): tick 0 holds what construction set (base, or warmup_lr_init);
// tick t ≥ 1 is _get_lr(t) = lr_min + 0.5 * (lr_max - lr_min) * (1 + cos(pi * t_curr ** k / t_i ** k)).
import assert from "node:assert/strict";
import { test } from "node:test";
import { cycleLength } from "../../../src/core/timm/cycles";
import { close, cycles1, lrs, noWarmup, program, run } from "./helpers";

void test("cosine over t_initial 4 from base 1: 1, (1+cos(pi/4))/2, 1/2, (1+cos(3pi/4))/2, then lr_min", () => {
  const r = run(program({ kind: "cosine", tInitial: 4, lrMin: 0, kDecay: 1, ...cycles1 }), [1], 6);
  const lr = lrs(r);
  assert.equal(lr[0], 1);
  close(lr[1], 0.5 * (1 + Math.SQRT1_2)); // 0.8535533905932737
  assert.equal(lr[2], 0.5); // cos(pi/2) = 6.1e-17 vanishes in 1 + ...
  close(lr[3], 0.5 * (1 - Math.SQRT1_2)); // 0.1464466094067262
  // t = 4: i = 4 // 4 = 1, not < cycle_limit 1 → lr_min
  assert.deepEqual(lr.slice(4), [0, 0]);
  assert.deepEqual(r.problems, []);
});

void test("warmup without prefix: warmup_lr_init + t * (base - init) / warmup_t, then the cosine at the same t", () => {
  // base 1, init 0.1, warmup_t 2: step 0.45; tick 0 = 0.1 (construction), tick 1 = 0.55, tick 2 = cosine(2/4) = 0.5
  const r = run(program({ kind: "cosine", tInitial: 4, lrMin: 0, kDecay: 1, ...cycles1 }, { warmupT: 2, warmupLrInit: 0.1 }), [1], 4);
  assert.deepEqual(lrs(r).slice(0, 3), [0.1, 0.55, 0.5]);
  assert.deepEqual(r.boundaries[0], { tick: 2, label: "warmup ends" });
});

void test("warmup_prefix shifts the cosine by warmup_t: the peak comes right after the warmup", () => {
  const r = run(program({ kind: "cosine", tInitial: 4, lrMin: 0, kDecay: 1, ...cycles1 }, { warmupT: 2, warmupLrInit: 0, warmupPrefix: true }), [1], 7);
  // t = 2 → cosine(0) = 1; t = 3 → cosine(1); t = 6 → t - 2 = 4 → lr_min
  const lr = lrs(r);
  assert.deepEqual(lr.slice(0, 3), [0, 0.5, 1]);
  close(lr[3], 0.5 * (1 + Math.SQRT1_2));
  assert.equal(lr[6], 0);
});

void test("restarts: cycle_decay scales each cycle's peak, cycle_limit ends them at lr_min", () => {
  // t_initial 2, cycle_decay 0.5, cycle_limit 2: t = 2 starts cycle i = 1 with lr_max 0.5; t = 4 is lr_min.
  const r = run(program({ kind: "cosine", tInitial: 2, lrMin: 0, kDecay: 1, cycleMul: 1, cycleDecay: 0.5, cycleLimit: 2 }), [1], 5);
  assert.deepEqual(lrs(r), [1, 0.5, 0.5, 0.25, 0]);
  assert.deepEqual(
    r.boundaries.map((b) => b.label),
    ["restart (cycle 2)", "cycles end: min_lr (cooldown)"],
  );
});

void test("cycle_mul 2: cycles of 2, 4, 8 ticks found with math.log(1 - t / t_initial * (1 - mul), mul)", () => {
  // t = 2: log2(2) = 1 → i 1, t_i 4, t_curr 0; t = 4: log2(3) → i 1, t_curr 2 → 0.5 * 0.5 * (1 + cos(pi/2)) = 0.25
  // t = 6: log2(4) = 2 → i 2, t_curr 0 → lr_max 0.25
  const r = run(program({ kind: "cosine", tInitial: 2, lrMin: 0, kDecay: 1, cycleMul: 2, cycleDecay: 0.5, cycleLimit: 3 }), [1], 15);
  const lr = lrs(r);
  assert.equal(lr[2], 0.5);
  assert.equal(lr[4], 0.25);
  assert.equal(lr[6], 0.25);
  assert.equal(lr[14], 0);
  // get_cycle_length(): floor(-2 * (2 ** 3 - 1) / (1 - 2)) = 14
  assert.equal(cycleLength(2, { cycleMul: 2, cycleDecay: 0.5, cycleLimit: 3 }, noWarmup), 14);
});

void test("k_decay bends the cosine: t_curr ** k / t_i ** k", () => {
  // k 2, t_initial 4, t 2: pi * 4 / 16 = pi/4
  const r = run(program({ kind: "cosine", tInitial: 4, lrMin: 0, kDecay: 2, ...cycles1 }), [1], 3);
  close(lrs(r)[2], 0.5 * (1 + Math.SQRT1_2));
});

void test("t_initial 0 is timm's assertion, reported, with the base LR held", () => {
  const r = run(program({ kind: "cosine", tInitial: 0, lrMin: 0, kDecay: 1, ...cycles1 }), [0.1], 3);
  assert.deepEqual(lrs(r), [0.1, 0.1, 0.1]);
  assert.equal(r.problems[0]?.code, "invalid-argument");
});

void test("cycle_mul below 1 converges: past the sum of all cycles math.log raises, and the run stops there", () => {
  // t_initial 2, mul 0.5: the cycles sum to 4; at t = 4, 1 - 4 / 2 * 0.5 = 0 → ValueError: math domain error
  const r = run(program({ kind: "cosine", tInitial: 2, lrMin: 0, kDecay: 1, cycleMul: 0.5, cycleDecay: 1, cycleLimit: 100 }), [1], 6);
  assert.equal(r.problems[0]?.code, "math-domain");
  const lr = lrs(r);
  assert.equal(lr[4], lr[3]);
  assert.equal(lr[5], lr[3]);
});
