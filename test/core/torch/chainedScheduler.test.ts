// ChainedScheduler (torch/optim/lr_scheduler.py): construction changes nothing; step() steps each child
// in order, each multiplying the LR the previous one left.
import assert from "node:assert/strict";
import { test } from "node:test";
import { evaluateTorch } from "../../../src/core/torch/evaluate";
import { group, lrs, program, run, spec } from "./helpers";

void test("ChainedScheduler: ConstantLR and ExponentialLR compose multiplicatively", () => {
  // Construction: ConstantLR 0.05 × 0.1 = 0.005000000000000001; ExponentialLR keeps it. Each step: ConstantLR
  // (×1, or ×10 at 20) then ExponentialLR ×0.9. At epoch 20: 0.0006754258588364966 × 10 × 0.9.
  const result = run([group(0.05)], [spec({ kind: "ConstantLR", factor: 0.1, totalIters: 20 }), spec({ kind: "ExponentialLR", gamma: 0.9 }), spec({ kind: "ChainedScheduler", schedulers: [0, 1] })], 23);
  const xs = lrs(result);
  assert.deepEqual(xs.slice(0, 3), [0.005000000000000001, 0.004500000000000001, 0.0040500000000000015]);
  assert.deepEqual(xs.slice(19), [0.0006754258588364966, 0.00607883272952847, 0.005470949456575623, 0.0049238545109180605]);
});

void test("ChainedScheduler as SequentialLR's first child: its initial step is a plain step of each child", () => {
  // SequentialLR resets lr to 1.0 and undoes both children (last_epoch -1), then ChainedScheduler.step():
  // LinearLR at epoch 0 → 0.5; ExponentialLR at epoch 0, not in initial mode → 0.45 (main). In 1.13,
  // ExponentialLR tested last_epoch == 0 and kept 0.5.
  const schedulers = [
    spec({ kind: "LinearLR", startFactor: 0.5, endFactor: 1.0, totalIters: 2 }),
    spec({ kind: "ExponentialLR", gamma: 0.9 }),
    spec({ kind: "ChainedScheduler", schedulers: [0, 1] }),
    spec({ kind: "SequentialLR", schedulers: [2], milestones: [] }),
  ];
  assert.deepEqual(lrs(evaluateTorch(program(schedulers), [group(1.0)], 5)), [0.45, 0.6075, 0.7290000000000001, 0.6561000000000001, 0.5904900000000002]);
  assert.equal(lrs(evaluateTorch(program(schedulers, [3], "1.13.1"), [group(1.0)], 1))[0], 0.5);
});

void test("a composite referring to a scheduler constructed after it is an invalid program", () => {
  const result = run([group(1.0)], [spec({ kind: "ChainedScheduler", schedulers: [1] }), spec({ kind: "ExponentialLR", gamma: 0.9 })], 2, [0]);
  assert.equal(result.problems[0]?.code, "invalid-program");
});
