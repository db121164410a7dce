// MultiStepLRScheduler (timm/scheduler/multistep_lr.py): base * decay_rate ** bisect_right(decay_t, t + 1).
import assert from "node:assert/strict";
import { test } from "node:test";
import { bisectRight } from "../../../src/core/timm/pymath";
import { lrs, program, run } from "./helpers";

void test("each milestone takes effect one tick early (bisect on t + 1)", () => {
  // milestones 3, 5: t = 2 → bisect_right([3, 5], 3) = 1; t = 4 → bisect_right([3, 5], 5) = 2
  const r = run(program({ kind: "multistep", decayT: [3, 5], decayRate: 0.1 }), [1], 6);
  assert.deepEqual(lrs(r), [1, 1, 0.1, 0.1, 0.1 ** 2, 0.1 ** 2]);
  assert.deepEqual(
    r.boundaries.map((b) => b.tick),
    [2, 4],
  );
});

void test("tick 0 keeps the base LR even with a milestone at 1 (construction does not call _get_lr)", () => {
  const r = run(program({ kind: "multistep", decayT: [1], decayRate: 0.5 }), [2], 2);
  assert.deepEqual(lrs(r), [2, 1]);
});

void test("bisect_right probes like CPython's", () => {
  assert.equal(bisectRight([30, 60, 90], 30), 1);
  assert.equal(bisectRight([30, 60, 90], 29), 0);
  assert.equal(bisectRight([30, 60, 90], 91), 3);
  assert.equal(bisectRight([], 5), 0);
});
