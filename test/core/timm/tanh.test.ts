// TanhLRScheduler (timm/scheduler/tanh_lr.py): lr_min + 0.5 * (lr_max - lr_min) * (1 - tanh(lb * (1 - tr) + ub * tr)),
// lb -7, ub 3 (the factory's defaults), tr = t_curr / t_i.
import assert from "node:assert/strict";
import { test } from "node:test";
import { close, cycles1, lrs, program, run } from "./helpers";

const tanh = (tInitial: number) => ({ kind: "tanh" as const, tInitial, lrMin: 0, lb: -7, ub: 3, ...cycles1 });

void test("tick 0 is the base LR itself, not _get_lr(0) = 0.5 * (1 - tanh(-7))", () => {
  const r = run(program(tanh(10)), [1], 6);
  const lr = lrs(r);
  assert.equal(lr[0], 1);
  // t = 5: tr 0.5, -7 * 0.5 + 3 * 0.5 = -2 → 0.5 * (1 + tanh(2))
  close(lr[5], 0.5 * (1 + Math.tanh(2)));
});

void test("without warmup_prefix the warmup climbs to _get_lr(warmup_t), not to the base LR", () => {
  // warmup_t 2, init 0: target = _get_lr(2) = 0.5 * (1 - tanh(-7 * 0.8 + 3 * 0.2)) = 0.5 * (1 + tanh(5))
  const r = run(program(tanh(10), { warmupT: 2, warmupLrInit: 0 }), [1], 3);
  const target = 0.5 * (1 + Math.tanh(5));
  const lr = lrs(r);
  assert.equal(lr[0], 0);
  close(lr[1], target / 2);
  close(lr[2], target);
});

void test("with warmup_prefix it climbs to the base LR and the tanh starts after it", () => {
  const r = run(program(tanh(10), { warmupT: 2, warmupLrInit: 0, warmupPrefix: true }), [1], 3);
  // t = 2 → t - 2 = 0: 0.5 * (1 - tanh(-7))
  assert.deepEqual(lrs(r).slice(0, 2), [0, 0.5]);
  close(lrs(r)[2], 0.5 * (1 - Math.tanh(-7)));
});

void test("lb >= ub is timm's assertion", () => {
  const r = run(program({ ...tanh(10), lb: 3, ub: 3 }), [1], 2);
  assert.equal(r.problems[0]?.code, "invalid-argument");
});
