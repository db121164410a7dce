// ConstantLR (torch/optim/lr_scheduler.py): epoch 0 → group["lr"] * factor; epoch total_iters →
// group["lr"] * (1.0 / factor); otherwise unchanged.
import assert from "node:assert/strict";
import { test } from "node:test";
import { group, lrs, run, spec } from "./helpers";

void test("ConstantLR with the defaults factor 1/3, total_iters 5", () => {
  // 0.1 × 0.3333333333333333 = 0.03333333333333333; at 5: × (1.0 / 0.3333333333333333 = 3.0) = 0.1.
  const c = 0.03333333333333333;
  const result = run([group(0.1)], [spec({ kind: "ConstantLR", factor: 1 / 3, totalIters: 5 })], 7);
  assert.deepEqual(lrs(result), [c, c, c, c, c, 0.1, 0.1]);
  assert.deepEqual(result.boundaries, [{ tick: 5, label: "ConstantLR ends" }]);
});

void test("ConstantLR factor 0.5 for 3 epochs", () => {
  const result = run([group(0.1)], [spec({ kind: "ConstantLR", factor: 0.5, totalIters: 3 })], 5);
  assert.deepEqual(lrs(result), [0.05, 0.05, 0.05, 0.1, 0.1]);
});

void test("ConstantLR factor above 1 is PyTorch's ValueError at construction", () => {
  const result = run([group(0.1)], [spec({ kind: "ConstantLR", factor: 2, totalIters: 3 })], 2);
  assert.equal(result.problems[0]?.code, "invalid-argument");
  assert.deepEqual(lrs(result), [0.1, 0.1]);
});
