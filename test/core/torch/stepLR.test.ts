// StepLR (torch/optim/lr_scheduler.py): get_lr() keeps group["lr"] unless last_epoch > 0 and
// last_epoch % step_size == 0, then multiplies it by gamma.
import assert from "node:assert/strict";
import { test } from "node:test";
import { group, lrs, run, spec } from "./helpers";

void test("StepLR decays each group by gamma every step_size epochs", () => {
  // lr 1.0 and 0.1, step_size 3, gamma 0.5: epochs 0-2 ×1, 3-5 ×0.5, 6-7 ×0.25 (0.5 × 0.5 exactly).
  const result = run([group(1.0), group(0.1)], [spec({ kind: "StepLR", stepSize: 3, gamma: 0.5 })], 8);
  assert.deepEqual(lrs(result), [1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.25, 0.25]);
  assert.deepEqual(lrs(result, 1), [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025]);
  assert.deepEqual(
    result.boundaries.map((b) => b.tick),
    [3, 6],
  );
  assert.deepEqual(result.problems, []);
});

void test("StepLR chains: gamma 0.1 three times is 0.1 * 0.1 * 0.1, not 1e-3", () => {
  // 0.1 × 0.1 = 0.010000000000000002; × 0.1 = 0.0010000000000000002 (what the ImageNet golden shows).
  const result = run([group(1.0)], [spec({ kind: "StepLR", stepSize: 1, gamma: 0.1 })], 4);
  assert.deepEqual(lrs(result), [1.0, 0.1, 0.010000000000000002, 0.0010000000000000002]);
});

void test("StepLR with step_size 0 is PyTorch's ZeroDivisionError, reported and held", () => {
  const result = run([group(1.0)], [spec({ kind: "StepLR", stepSize: 0, gamma: 0.1 })], 3);
  assert.deepEqual(lrs(result), [1.0, 1.0, 1.0]);
  assert.equal(result.problems[0]?.code, "invalid-argument");
});
