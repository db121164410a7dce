// CosineAnnealingWarmRestarts (torch/optim/lr_scheduler.py) overrides step(): T_cur += 1; when
// T_cur >= T_i: T_cur %= T_i, T_i *= T_mult. LR = eta_min + (base - eta_min) (1 + cos(pi T_cur / T_i)) / 2.
import assert from "node:assert/strict";
import { test } from "node:test";
import { group, lrs, run, spec } from "./helpers";

void test("SGDR T_0 2, T_mult 2 restarts at 2 and 6", () => {
  // T_cur/T_i: 0/2 → 1; 1/2 → 0.5; restart 0/4 → 1; 1/4 → (1 + cos(pi/4)) / 2 = 0.8535533905932737;
  // 2/4 → 0.5; 3/4 → 0.14644660940672627; restart 0/8 → 1; 1/8 → 0.9619397662556434.
  const result = run([group(1.0)], [spec({ kind: "CosineAnnealingWarmRestarts", t0: 2, tMult: 2, etaMin: 0 })], 8);
  assert.deepEqual(lrs(result), [1.0, 0.5, 1.0, 0.8535533905932737, 0.5, 0.14644660940672627, 1.0, 0.9619397662556434]);
  assert.deepEqual(
    result.boundaries.map((b) => b.tick),
    [2, 6],
  );
});

void test("SGDR T_mult 1 with eta_min", () => {
  // eta 0.5, T 3: 1, 0.5 + 0.5 (1 + 0.5) / 2 = 0.875, 0.5 + 0.5 (1 - 0.5) / 2 = 0.625, restart.
  const result = run([group(1.0)], [spec({ kind: "CosineAnnealingWarmRestarts", t0: 3, tMult: 1, etaMin: 0.5 })], 7);
  assert.deepEqual(lrs(result), [1.0, 0.875, 0.625, 1.0, 0.875, 0.625, 1.0]);
});

void test("SGDR T_0 must be a positive integer (ValueError)", () => {
  const result = run([group(1.0)], [spec({ kind: "CosineAnnealingWarmRestarts", t0: 0, tMult: 1, etaMin: 0 })], 2);
  assert.equal(result.problems[0]?.code, "invalid-argument");
});
