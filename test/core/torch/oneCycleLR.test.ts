// OneCycleLR (torch/optim/lr_scheduler.py): initial_lr = max_lr / div_factor, min_lr = initial_lr /
// final_div_factor; phases end at pct_start * total - 1 (and 2 pct_start total - 2 with three_phase) and
// total - 1; pct = (step - start) / (end - start); linear: (end - start) pct + start;
// cos: end + (start - end) / 2.0 * (cos(pi pct) + 1). step > total_steps raises ValueError.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { TorchSchedulerKind } from "../../../src/core/torch/spec";
import { assertClose, group, lrs, run, spec } from "./helpers";

function oneCycle(overrides: Partial<Extract<TorchSchedulerKind, { kind: "OneCycleLR" }>>): TorchSchedulerKind {
  return {
    kind: "OneCycleLR",
    maxLr: [1.0],
    totalSteps: 10,
    pctStart: 0.3,
    annealStrategy: "cos",
    cycleMomentum: true,
    baseMomentum: [0.85],
    maxMomentum: [0.95],
    divFactor: 25,
    finalDivFactor: 1e4,
    threePhase: false,
    ...overrides,
  };
}

void test("OneCycleLR linear: up to max_lr in pct_start, down to min_lr, momentum the other way", () => {
  // initial 0.1, min 0.001, phase 1 ends at 0.3 × 10 - 1 = 2: 0.1, 0.55, 1.0; phase 2 (2 → 9):
  // (0.001 - 1) × (s - 2) / 7 + 1 → ... 0.0010000000000000009 at step 9.
  const result = run([group(0.5, 0.9)], [spec(oneCycle({ annealStrategy: "linear", divFactor: 10, finalDivFactor: 100 }))], 10);
  assert.deepEqual(lrs(result), [
    0.1, 0.55, 1.0, 0.8572857142857143, 0.7145714285714286, 0.5718571428571428, 0.42914285714285716, 0.28642857142857137, 0.1437142857142858,
    0.0010000000000000009,
  ]);
  assert.deepEqual(Array.from(result.momentum?.[0] ?? []), [
    0.95, 0.8999999999999999, 0.85, 0.8642857142857142, 0.8785714285714286, 0.8928571428571428, 0.9071428571428571, 0.9214285714285714,
    0.9357142857142857, 0.95,
  ]);
  assert.deepEqual(result.boundaries, [{ tick: 3, label: "OneCycleLR phase 2" }]);
  assert.deepEqual(result.problems, []);
});

void test("OneCycleLR three_phase with cosine annealing", () => {
  // initial 0.04, phases end at 2, 4, 9: up to 1.0, back to 0.04, cosine down to min_lr 4e-06.
  const result = run([group(0.5, 0.9)], [spec(oneCycle({ threePhase: true }))], 10);
  assertClose(lrs(result), [0.040000000000000036, 0.52, 1.0, 0.52, 0.04, 0.0361807218535102, 0.0261817218535102, 0.013822278146489805, 0.0038232781464898036, 4e-6]);
  assert.deepEqual(Array.from(result.momentum?.[0] ?? []), [0.95, 0.8999999999999999, 0.85, 0.8999999999999999, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95]);
  assert.deepEqual(
    result.boundaries.map((b) => b.tick),
    [3, 5],
  );
});

void test("OneCycleLR stepped past total_steps: error problem, last value held, never NaN", () => {
  // Step 10 (= total_steps) still extrapolates the last phase: 0.0038232781464897993. The 11th step()
  // raises ValueError in PyTorch, so the run stops after tick 10; ticks 11.. hold tick 10's value.
  const result = run([group(0.5, 0.9)], [spec(oneCycle({ threePhase: true }))], 14);
  const xs = lrs(result);
  // (cos of pct slightly above 1: V8's Math.cos and glibc's may differ in the last bit.)
  assertClose(xs.slice(10, 11), [0.0038232781464897993], 1e-12);
  assert.deepEqual(xs.slice(11), [xs[10], xs[10], xs[10]]);
  assert.equal(result.problems.length, 1);
  assert.equal(result.problems[0]?.severity, "error");
  assert.equal(result.problems[0]?.code, "onecycle-overrun");
  assert.ok(xs.every(Number.isFinite));
});
