// CyclicLR (torch/optim/lr_scheduler.py): cycle = floor(1 + e / total_size),
// x = 1.0 + e / total_size - cycle, scale_factor = x / step_ratio (rising) or (x - 1) / (step_ratio - 1);
// lr = base + (max - base) * scale_factor * scale_fn(cycle or e);
// momentum = max_m - (max_m - base_m) * scale_factor * scale_fn(...).
import assert from "node:assert/strict";
import { test } from "node:test";
import type { TorchSchedulerKind } from "../../../src/core/torch/spec";
import { group, lambda, lrs, run, spec } from "./helpers";

function cyclic(overrides: Partial<Extract<TorchSchedulerKind, { kind: "CyclicLR" }>>): TorchSchedulerKind {
  return {
    kind: "CyclicLR",
    baseLr: [0.1],
    maxLr: [1.0],
    stepSizeUp: 2,
    stepSizeDown: null,
    mode: "triangular",
    gamma: 1.0,
    scaleMode: "cycle",
    cycleMomentum: true,
    baseMomentum: [0.8],
    maxMomentum: [0.9],
    ...overrides,
  };
}

void test("CyclicLR triangular overwrites the group LR and momentum, and cycles both", () => {
  // total_size 4, step_ratio 0.5: scale_factor 0, 0.5, 1, 0.5, 0...; lr 0.1 + 0.9 sf; momentum 0.9 - 0.1 sf
  // where 0.9 - 0.8 = 0.09999999999999998, so the midpoint momentum is 0.8500000000000001.
  const result = run([group(0.5, 0.95)], [spec(cyclic({}))], 9);
  assert.deepEqual(lrs(result), [0.1, 0.55, 1.0, 0.55, 0.1, 0.55, 1.0, 0.55, 0.1]);
  const m = 0.8500000000000001;
  assert.deepEqual(Array.from(result.momentum?.[0] ?? []), [0.9, m, 0.8, m, 0.9, m, 0.8, m, 0.9]);
  assert.deepEqual(
    result.boundaries.map((b) => `${b.tick} ${b.label}`),
    ["2 CyclicLR peak", "4 CyclicLR trough", "6 CyclicLR peak", "8 CyclicLR trough"],
  );
});

void test("CyclicLR exp_range scales by gamma ** iteration, asymmetric steps, momentum untouched", () => {
  // up 2, down 3: total 5, ratio 0.4. e1: x 0.2, sf 0.5, 0.1 + 0.45 × 0.5 = 0.32499999999999996;
  // e2: x 0.4, sf 1, 0.1 + 0.9 × 0.25; e3: sf 2/3 × 0.125 → 0.175; e4: sf 1/3 × 0.0625 → 0.11875; e5: 0.1.
  const result = run([group(0.5, 0.95)], [spec(cyclic({ stepSizeDown: 3, mode: "exp_range", gamma: 0.5, cycleMomentum: false }))], 8);
  assert.deepEqual(lrs(result), [0.1, 0.32499999999999996, 0.32499999999999996, 0.175, 0.11875, 0.1, 0.10703125000000001, 0.10703125000000001]);
  assert.deepEqual(Array.from(result.momentum?.[0] ?? []), new Array<number>(8).fill(0.95));
});

void test("CyclicLR custom scale_fn on iterations ignores mode", () => {
  // scale_fn(e) = 1 / (e + 1): e1: 0.1 + 0.45 / 2 = 0.325; e2: 0.1 + 0.9 / 3 = 0.4; e3: 0.1 + 0.45 / 4.
  const scaleFn = lambda("lambda x: 1 / (x + 1)", (x) => 1 / (x + 1));
  const result = run([group(0.5, 0.95)], [spec(cyclic({ mode: "triangular2", scaleFn, scaleMode: "iterations" }))], 6);
  assert.deepEqual(lrs(result), [0.1, 0.325, 0.4, 0.21250000000000002, 0.1, 0.175]);
});
