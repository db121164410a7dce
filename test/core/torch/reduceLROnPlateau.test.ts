// ReduceLROnPlateau (torch/optim/lr_scheduler.py) depends on step(metrics): drawn flat, and said so.
import assert from "node:assert/strict";
import { test } from "node:test";
import { group, lrs, run, spec } from "./helpers";

void test("ReduceLROnPlateau is flat at the group LR with an info problem", () => {
  const result = run([group(0.01, 0.9)], [spec({ kind: "ReduceLROnPlateau" }, "plateau")], 4);
  assert.deepEqual(lrs(result), [0.01, 0.01, 0.01, 0.01]);
  assert.equal(result.problems.length, 1);
  assert.equal(result.problems[0]?.severity, "info");
  assert.equal(result.problems[0]?.code, "depends-on-metric");
  assert.match(result.problems[0]?.message, /validation metric/);
});

void test("ReduceLROnPlateau cannot be a SequentialLR child (ValueError)", () => {
  const result = run(
    [group(0.01)],
    [spec({ kind: "ConstantLR", factor: 0.5, totalIters: 2 }), spec({ kind: "ReduceLROnPlateau" }), spec({ kind: "SequentialLR", schedulers: [0, 1], milestones: [2] })],
    2,
  );
  assert.ok(result.problems.some((p) => p.severity === "error" && p.code === "invalid-argument"));
});
