// PlateauLRScheduler (timm/scheduler/plateau_lr.py): step(epoch) warms up while epoch <= warmup_t, then only the
// validation metric moves the LR (not simulated: held).
import assert from "node:assert/strict";
import { test } from "node:test";
import { lrs, program, run } from "./helpers";

const plateau = { kind: "plateau" as const, decayRate: 0.1, patienceT: 10, lrMin: 0, mode: "max" as const };

void test("warmup runs through epoch warmup_t itself (epoch <= warmup_t), then that value is held", () => {
  // base 0.3, warmup_t 3 from 0: step 0.3 / 3 = 0.09999999999999999; epoch 2 = 0.19999999999999998,
  // epoch 3 = 3 * step = 0.3, held from then on
  const r = run(program(plateau, { warmupT: 3, warmupLrInit: 0 }), [0.3], 6);
  assert.deepEqual(lrs(r), [0, 0.09999999999999999, 0.19999999999999998, 0.3, 0.3, 0.3]);
});

void test("without warmup the base LR is held", () => {
  assert.deepEqual(lrs(run(program(plateau), [0.01], 3)), [0.01, 0.01, 0.01]);
});

void test("warmup_prefix does not apply (the factory drops it for plateau)", () => {
  const r = run(program(plateau, { warmupT: 2, warmupLrInit: 0, warmupPrefix: true }), [1], 4);
  assert.deepEqual(lrs(r), [0, 0.5, 1, 1]);
});
