// LinearLR (torch/optim/lr_scheduler.py): epoch 0 → lr * start_factor; 1 ≤ e ≤ total_iters →
// lr * (1.0 + (end - start) / (total_iters * start + (e - 1) * (end - start))); then unchanged.
import assert from "node:assert/strict";
import { test } from "node:test";
import { group, lrs, run, spec } from "./helpers";

void test("LinearLR warms up 0.25 → 1 over 3 epochs", () => {
  // 0.25; 0.25 × (1 + 0.75 / 0.75) = 0.5; 0.5 × (1 + 0.75 / 1.5) = 0.75; 0.75 × (1 + 0.75 / 2.25) = 1.0; hold.
  const result = run([group(1.0)], [spec({ kind: "LinearLR", startFactor: 0.25, endFactor: 1.0, totalIters: 3 })], 5);
  assert.deepEqual(lrs(result), [0.25, 0.5, 0.75, 1.0, 1.0]);
  assert.deepEqual(result.boundaries, [{ tick: 3, label: "LinearLR ends" }]);
});

void test("LinearLR docs example: the recursion ends 2e-17 below the base LR", () => {
  // lr 0.05, start 0.05, 40 iters: 0.05 × 0.05 = 0.0025000000000000005, then the ratios; PyTorch ends at
  // 0.04999999999999998, not 0.05 — the chained form is not the closed form.
  const result = run([group(0.05)], [spec({ kind: "LinearLR", startFactor: 0.05, endFactor: 1.0, totalIters: 40 })], 42);
  const xs = lrs(result);
  assert.deepEqual(xs.slice(0, 4), [0.0025000000000000005, 0.003687500000000001, 0.004875000000000002, 0.006062500000000002]);
  assert.deepEqual(xs.slice(39), [0.04881249999999998, 0.04999999999999998, 0.04999999999999998]);
});

void test("LinearLR start_factor 0 is PyTorch's ValueError", () => {
  const result = run([group(1.0)], [spec({ kind: "LinearLR", startFactor: 0, endFactor: 1.0, totalIters: 3 })], 1);
  assert.equal(result.problems[0]?.code, "invalid-argument");
});
