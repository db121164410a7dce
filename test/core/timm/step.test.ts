// StepLRScheduler (timm/scheduler/step_lr.py): base * decay_rate ** (t // decay_t), Python floor division.
import assert from "node:assert/strict";
import { test } from "node:test";
import { pyFloorDiv } from "../../../src/core/timm/pymath";
import { lrs, program, run } from "./helpers";

void test("decay_t 2.4 (EfficientNet): exponents 0,0,0,1,1,2,2,2,3 for t = 0..8", () => {
  // 3 // 2.4 = 1, 5 // 2.4 = 2, 7 // 2.4 = 2 (7.2 > 7), 8 // 2.4 = 3
  const r = run(program({ kind: "step", decayT: 2.4, decayRate: 0.5 }), [1], 9);
  assert.deepEqual(lrs(r), [1, 1, 1, 0.5, 0.5, 0.25, 0.25, 0.25, 0.125]);
  assert.deepEqual(
    r.boundaries.map((b) => b.tick),
    [3, 5, 8],
  );
});

void test("Python's floor division, not Math.floor(a / b): 1 // 0.1 is 9.0", () => {
  assert.equal(pyFloorDiv(1, 0.1), 9);
  assert.equal(Math.floor(1 / 0.1), 10);
  assert.equal(pyFloorDiv(7, 2.4), 2);
  assert.equal(pyFloorDiv(-1, 4), -1);
  // so a decay every 0.1 epochs has decayed 9 times (not 10) at epoch 1
  const r = run(program({ kind: "step", decayT: 0.1, decayRate: 0.5 }), [1], 2);
  assert.equal(lrs(r)[1], 0.5 ** 9);
});

void test("warmup_prefix: the decay clock starts after the warmup", () => {
  // warmup_t 2 from 0 to 1 (steps 0, 0.5), then t - 2: 0 // 1 = 0 → 1, 1 // 1 → 0.1
  const r = run(program({ kind: "step", decayT: 1, decayRate: 0.1 }, { warmupT: 2, warmupLrInit: 0, warmupPrefix: true }), [1], 4);
  assert.deepEqual(lrs(r), [0, 0.5, 1, 0.1]);
});

void test("decay_t 0 is Python's ZeroDivisionError once the warmup is over", () => {
  const r = run(program({ kind: "step", decayT: 0, decayRate: 0.1 }, { warmupT: 2, warmupLrInit: 0 }), [1], 4);
  assert.equal(r.problems[0]?.code, "zero-division");
  assert.deepEqual(lrs(r), [0, 0.5, 0.5, 0.5]);
});
