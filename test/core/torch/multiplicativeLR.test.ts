// MultiplicativeLR (torch/optim/lr_scheduler.py): construction keeps group["lr"]; each step()
// multiplies it by lmbda(last_epoch).
import assert from "node:assert/strict";
import { test } from "node:test";
import { group, lambda, lrs, run, spec } from "./helpers";

void test("MultiplicativeLR multiplies the current LR each step", () => {
  // 1.0, × 0.9 = 0.9, × 0.9 = 0.81, × 0.9 = 0.7290000000000001.
  const result = run([group(1.0)], [spec({ kind: "MultiplicativeLR", lambdas: [lambda("lambda e: 0.9", () => 0.9)] })], 4);
  assert.deepEqual(lrs(result), [1.0, 0.9, 0.81, 0.7290000000000001]);
});
