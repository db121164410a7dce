// PolynomialLR (torch/optim/lr_scheduler.py): for 0 < e ≤ total_iters,
// lr * ((1.0 - e / T) / (1.0 - (e - 1) / T)) ** power; unchanged after.
import assert from "node:assert/strict";
import { test } from "node:test";
import { group, lrs, run, spec } from "./helpers";

void test("PolynomialLR power 1 is linear to zero, then holds", () => {
  // ratios 0.75/1, 0.5/0.75, 0.25/0.5, 0/0.25: 0.75, 0.5, 0.25, 0.0; held at 0.0.
  const result = run([group(1.0)], [spec({ kind: "PolynomialLR", totalIters: 4, power: 1.0 })], 6);
  assert.deepEqual(lrs(result), [1.0, 0.75, 0.5, 0.25, 0.0, 0.0]);
  assert.deepEqual(result.boundaries, [{ tick: 4, label: "PolynomialLR ends" }]);
});

void test("PolynomialLR power 0.5 chains square roots of ratios", () => {
  // 0.75 ** 0.5 = 0.8660254037844386; × (0.5/0.75) ** 0.5 = 0.7071067811865475; × (0.25/0.5) ** 0.5 = 0.5.
  const result = run([group(1.0)], [spec({ kind: "PolynomialLR", totalIters: 4, power: 0.5 })], 6);
  assert.deepEqual(lrs(result), [1.0, 0.8660254037844386, 0.7071067811865475, 0.5, 0.0, 0.0]);
});
