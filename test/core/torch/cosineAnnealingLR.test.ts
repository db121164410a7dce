// CosineAnnealingLR (torch/optim/lr_scheduler.py), stepped without an epoch:
//   (e - 1 - T) % (2T) == 0 → lr + (base - eta_min) * (1 - cos(pi / T)) / 2
//   otherwise             → (1 + cos(pi e / T)) / (1 + cos(pi (e - 1) / T)) * (lr - eta_min) + eta_min
import assert from "node:assert/strict";
import { test } from "node:test";
import { assertClose, group, lrs, run, spec } from "./helpers";

void test("CosineAnnealingLR past T_max climbs back like a cosine (T_max 2)", () => {
  // e1: (1 + cos(pi/2)) / 2 = 0.5; e2: (1 + cos(pi)) / (1 + cos(pi/2)) × 0.5 = 0.
  // e3: (3 - 1 - 2) % 4 == 0 → 0 + (1 - cos(pi/2)) / 2 = 0.49999999999999994.
  // e4: (1 + cos(2pi)) / (1 + cos(3pi/2)) × 0.49999999999999994 = 1.0; and so on, period 2 T_max.
  const result = run([group(1.0)], [spec({ kind: "CosineAnnealingLR", tMax: 2, etaMin: 0 })], 9);
  assert.deepEqual(lrs(result), [1.0, 0.5, 0.0, 0.49999999999999994, 1.0, 0.5000000000000001, 0.0, 0.49999999999999994, 1.0000000000000002]);
  assert.deepEqual(
    result.boundaries.map((b) => b.tick),
    [2, 4, 6, 8],
  );
});

void test("CosineAnnealingLR with eta_min, four half-periods", () => {
  // T_max 3, eta_min 0.1, lr 1.0: the recursion of the formula above (values from PyTorch's code).
  const result = run([group(1.0)], [spec({ kind: "CosineAnnealingLR", tMax: 3, etaMin: 0.1 })], 13);
  assert.deepEqual(lrs(result), [
    1.0, 0.775, 0.3250000000000001, 0.1, 0.32499999999999996, 0.7750000000000005, 1.0000000000000007, 0.7750000000000007, 0.3250000000000005, 0.1,
    0.32499999999999996, 0.7749999999999991, 0.9999999999999994,
  ]);
});

void test("CosineAnnealingLR recursion stays within 1e-12 of the closed form over 100k steps", () => {
  const T = 100_000;
  const result = run([group(0.1)], [spec({ kind: "CosineAnnealingLR", tMax: T, etaMin: 1e-6 })], T + 1);
  const closed = Float64Array.from({ length: T + 1 }, (_, e) => 1e-6 + ((0.1 - 1e-6) * (1 + Math.cos((Math.PI * e) / T))) / 2);
  assertClose(lrs(result).slice(0, T - 100), closed.subarray(0, T - 100), 1e-9);
});
