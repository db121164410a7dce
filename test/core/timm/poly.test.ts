// PolyLRScheduler (timm/scheduler/poly_lr.py): lr_min + (lr_max - lr_min) * (1 - t_curr ** k / t_i ** k) ** power.
import assert from "node:assert/strict";
import { test } from "node:test";
import { cycles1, lrs, program, run } from "./helpers";

void test("power 2 over t_initial 4: (3/4)², (1/2)², (1/4)², then lr_min", () => {
  const r = run(program({ kind: "poly", tInitial: 4, lrMin: 0, power: 2, kDecay: 1, ...cycles1 }), [1], 6);
  assert.deepEqual(lrs(r), [1, 0.5625, 0.25, 0.0625, 0, 0]);
});

void test("lr_min is the floor the polynomial decays to", () => {
  // 0.1 + (1 - 0.1) * (1 - 2/4) ** 1 = 0.1 + 0.45
  const r = run(program({ kind: "poly", tInitial: 4, lrMin: 0.1, power: 1, kDecay: 1, ...cycles1 }), [1], 3);
  assert.equal(lrs(r)[2], 0.55);
});

void test("restarts multiply the peak by cycle_decay ** i", () => {
  // t_initial 2, decay 0.5, limit 2: t = 2 → i 1, t_curr 0 → 0.5; t = 3 → 0.5 * (1/2) ** 1
  const r = run(program({ kind: "poly", tInitial: 2, lrMin: 0, power: 1, kDecay: 1, cycleMul: 1, cycleDecay: 0.5, cycleLimit: 2 }), [1], 5);
  assert.deepEqual(lrs(r), [1, 0.5, 0.5, 0.25, 0]);
});
