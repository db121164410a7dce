// MultiStepLR (torch/optim/lr_scheduler.py): milestones = Counter(milestones); at a milestone
// group["lr"] * gamma ** count.
import assert from "node:assert/strict";
import { test } from "node:test";
import { group, lrs, run, spec } from "./helpers";

void test("MultiStepLR: a repeated milestone applies gamma ** count at once", () => {
  // milestones [2, 4, 4] → Counter {2: 1, 4: 2}; gamma 0.5: 1, 1, 0.5, 0.5, 0.5 × 0.25 = 0.125, 0.125.
  const result = run([group(1.0)], [spec({ kind: "MultiStepLR", milestones: [2, 4, 4], gamma: 0.5 })], 6);
  assert.deepEqual(lrs(result), [1.0, 1.0, 0.5, 0.5, 0.125, 0.125]);
  assert.deepEqual(
    result.boundaries.map((b) => b.tick),
    [2, 4],
  );
});

void test("MultiStepLR gamma 0.2 chained three times", () => {
  // 0.1 × 0.2 = 0.020000000000000004, × 0.2 = 0.004000000000000001, × 0.2 = 0.0008000000000000003 (golden).
  const result = run([group(0.1)], [spec({ kind: "MultiStepLR", milestones: [1, 2, 3], gamma: 0.2 })], 4);
  assert.deepEqual(lrs(result), [0.1, 0.020000000000000004, 0.004000000000000001, 0.0008000000000000003]);
});
