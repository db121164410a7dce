// ExponentialLR (torch/optim/lr_scheduler.py): construction (_is_initial) keeps group["lr"]; every
// step() after multiplies group["lr"] by gamma — chaining on whatever LR the group has.
import assert from "node:assert/strict";
import { test } from "node:test";
import { group, lrs, run, spec } from "./helpers";

void test("ExponentialLR halves every epoch", () => {
  const result = run([group(1.0)], [spec({ kind: "ExponentialLR", gamma: 0.5 })], 4);
  assert.deepEqual(lrs(result), [1.0, 0.5, 0.25, 0.125]);
});

void test("construction order: LinearLR then ExponentialLR, both stepped, without SequentialLR", () => {
  // LinearLR(start .5, 2 iters): initial_lr 1.0, lr 0.5. ExponentialLR: base_lrs [1.0] from initial_lr,
  // initial step keeps lr 0.5. Each tick: LinearLR.step() then ExponentialLR.step():
  //   t1: 0.5 × (1 + 0.5 / 1.0) = 0.75, × 0.9 = 0.675
  //   t2: 0.675 × (1 + 0.5 / 1.5) = 0.9, × 0.9 = 0.81
  //   t3: LinearLR past total_iters keeps 0.81, × 0.9 = 0.7290000000000001; t4: 0.6561000000000001.
  const result = run(
    [group(1.0)],
    [spec({ kind: "LinearLR", startFactor: 0.5, endFactor: 1.0, totalIters: 2 }, "warmup"), spec({ kind: "ExponentialLR", gamma: 0.9 }, "decay")],
    5,
    [0, 1],
  );
  assert.deepEqual(lrs(result), [0.5, 0.675, 0.81, 0.7290000000000001, 0.6561000000000001]);
  assert.deepEqual(result.boundaries, [{ tick: 2, label: "warmup ends" }]);
});
