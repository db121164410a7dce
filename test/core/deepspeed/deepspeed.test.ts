// DeepSpeed's lr_schedules.py classes, stepped as the engine steps them: the constructor sets tick 0,
// then one step() per optimizer step, so tick t trains with last_batch_iteration = t - 1.
import assert from "node:assert/strict";
import { test } from "node:test";
import { evaluateDeepSpeed } from "../../../src/core/deepspeed/evaluate";
import type { DeepSpeedSchedulerKind } from "../../../src/core/deepspeed/spec";
import type { ParamGroup } from "../../../src/core/schedule";
import { frameworkDefault, literal } from "../../../src/core/value";

const sgd = (lr: number, momentum = 0.9): ParamGroup => ({ lr: literal(lr), momentum: literal(momentum), momentumKind: "momentum" });
const adam = (lr: number): ParamGroup => ({ lr: literal(lr), momentum: frameworkDefault(0.9, "FusedAdam default"), momentumKind: "beta1" });

function run(kind: DeepSpeedSchedulerKind, groups: ParamGroup[], total: number) {
  return evaluateDeepSpeed({ family: "deepspeed", scheduler: { ...kind, name: kind.kind, args: {} } }, groups, total);
}

function close(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)), `${what}: ${actual} != ${expected}`);
}

void test("WarmupLR log: ticks 0 and 1 both train at warmup_min_lr", () => {
  // ctor: last_batch_iteration -1 → get_lr returns min_lrs = 0.
  // step 1: i = 0 → gamma = log(0 + 1) / log(1000) = 0 → 0.
  // step 2: i = 1 → 0.001 × log(2) / log(1000) = 1.0034333188799373e-4.
  const r = run({ kind: "WarmupLR", warmupMinLr: [0], warmupMaxLr: [0.001], warmupNumSteps: 1000, warmupType: "log" }, [adam(0.001)], 1005);
  const lr = r.groups[0]!;
  assert.equal(lr[0], 0);
  assert.equal(lr[1], 0);
  close(lr[2]!, (0.001 * Math.log(2)) / Math.log(1000), "tick 2");
  // i = 999 < 1000 → log(1000)/log(1000) = 1 (up to rounding); i = 1000 → gamma 1.0 exactly.
  close(lr[1000]!, 0.001, "tick 1000");
  assert.equal(lr[1001], 0.001);
  assert.deepEqual(r.boundaries, [{ tick: 1001, label: "warmup ends" }]);
});

void test("WarmupLR linear with warmup_num_steps 1 uses max(2, n)", () => {
  // W = max(2, 1) = 2: i = 0 → 0, i = 1 → 1/2, i ≥ 2 → 1.
  const r = run({ kind: "WarmupLR", warmupMinLr: [0.1], warmupMaxLr: [0.3], warmupNumSteps: 1, warmupType: "linear" }, [sgd(1)], 5);
  const delta = 0.3 - 0.1; // max_lr - min_lr, as the class computes it (not exactly 0.2)
  assert.deepEqual(Array.from(r.groups[0]!), [0.1, 0.1, 0.1 + delta * 0.5, 0.1 + delta * 1, 0.1 + delta * 1]);
});

void test("WarmupDecayLR: linear decay to zero at total_num_steps, then clamped", () => {
  // W = 10, total = 20: i ≥ 10 → gamma = (20 - i) / 10; i = 20 → 0; i = 25 → max(0, -0.5) = 0.
  const r = run({ kind: "WarmupDecayLR", totalNumSteps: 20, warmupMinLr: [0], warmupMaxLr: [1], warmupNumSteps: 10, warmupType: "linear" }, [sgd(1)], 30);
  const lr = r.groups[0]!;
  close(lr[5]!, 4 / 10, "tick 5 (i = 4)");
  assert.equal(lr[11], 1); // i = 10 → (20 - 10) / 10
  close(lr[16]!, 0.5, "tick 16 (i = 15)");
  assert.equal(lr[21], 0);
  assert.equal(lr[29], 0);
});

void test("WarmupCosineLR: ratios of the optimizer's own LR; group 0 alone set to 0 at construction", () => {
  // ctor: get_lr → [0.0]; update_lr zips it with 2 groups → group 0 = 0, group 1 keeps 0.5.
  // i = 0 (linear, W = 4, warmup_min_ratio 0.2): 0.2 + 0 × 0.8 = 0.2.
  // i = 4: s = 1, T = 6: cos_min 0.1 + 0.9 × (1 + cos(π/6)) / 2.
  const r = run({ kind: "WarmupCosineLR", totalNumSteps: 10, warmupMinRatio: 0.2, warmupNumSteps: 4, cosMinRatio: 0.1, warmupType: "linear" }, [sgd(1), sgd(0.5)], 14);
  const [g0, g1] = r.groups;
  assert.equal(g0![0], 0);
  assert.equal(g1![0], 0.5);
  close(g0![1]!, 0.2, "tick 1");
  close(g1![1]!, 0.1, "group 1 tick 1");
  close(g0![3]!, 0.2 + (2 / 4) * 0.8, "tick 3");
  close(g0![5]!, 0.1 + 0.9 * ((1 + Math.cos(Math.PI / 6)) / 2), "tick 5");
  // i = 9: s = 6 = T → cos(π) → cos_min_ratio; i = 12: s = 9 → cos(1.5π) = 0 → rises again.
  close(g0![10]!, 0.1, "tick 10");
  close(g0![13]!, 0.1 + 0.9 * 0.5, "tick 13");
});

void test("WarmupCosineLR with an unknown warmup_type raises at the first step", () => {
  const r = run({ kind: "WarmupCosineLR", totalNumSteps: 10, warmupMinRatio: 0, warmupNumSteps: 4, cosMinRatio: 0, warmupType: "exp" }, [sgd(1)], 5);
  assert.equal(r.problems[0]?.code, "unknown-warmup-type");
  assert.deepEqual(Array.from(r.groups[0]!), [0, 0, 0, 0, 0]);
});

void test("OneCycle: triangle, then decay; SGD momentum untouched", () => {
  // first = second = 4 → total 8, ratio 0.5. Tick t: batch_iteration = t, x = t/8, scale = 2x up to t = 4.
  // After the cycle: i = 8 → decay n = 1: 0.1 / (1 + 0.5 × 1/2).
  const r = run({ kind: "OneCycle", cycleMinLr: 0.1, cycleMaxLr: 0.5, decayLrRate: 0.5, cycleFirstStepSize: 4, cycleSecondStepSize: null, decayStepSize: 2, cycleMomentum: true, cycleMinMom: 0.8, cycleMaxMom: 0.9, decayMomRate: 0 }, [sgd(1)], 11);
  const lr = r.groups[0]!;
  assert.equal(lr[0], 0.1);
  close(lr[2]!, 0.1 + 0.4 * 0.5, "tick 2");
  close(lr[4]!, 0.5, "peak at tick 4");
  close(lr[6]!, 0.1 + 0.4 * 0.5, "tick 6");
  close(lr[8]!, 0.1, "tick 8 (i = 7, x = 0 of the next cycle)");
  close(lr[9]!, 0.1 / (1 + 0.5 * (1 / 2)), "tick 9");
  close(lr[10]!, 0.1 / (1 + 0.5 * (2 / 2)), "tick 10");
  assert.ok(r.momentum!.every((m) => m.every((x) => x === 0.9)));
});

void test("OneCycle cycles β1 of Adam, starting at cycle_min_mom", () => {
  const r = run({ kind: "OneCycle", cycleMinLr: 0.1, cycleMaxLr: 0.5, decayLrRate: 0, cycleFirstStepSize: 4, cycleSecondStepSize: 4, decayStepSize: 0, cycleMomentum: true, cycleMinMom: 0.8, cycleMaxMom: 0.9, decayMomRate: 0 }, [adam(1)], 10);
  const m = r.momentum![0]!;
  assert.equal(m[0], 0.8); // set by _initialize_momentum
  close(m[1]!, 0.9 - 0.1 * 0.25, "tick 1");
  close(m[4]!, 0.8, "tick 4");
  assert.equal(m[9], 0.9); // decay skipped: max_moms
  assert.equal(r.groups[0]![9], 0.1); // decay skipped: min_lrs
});

void test("LRRangeTest: continuous and staircase", () => {
  // lr = 0.01 × (1 + 2 × (i + 1) / 4)
  const c = run({ kind: "LRRangeTest", minLr: [0.01], stepSize: 4, stepRate: 2, staircase: false }, [sgd(1)], 4);
  close(c.groups[0]![1]!, 0.01 * (1 + 2 * 0.25), "continuous tick 1");
  const s = run({ kind: "LRRangeTest", minLr: [0.01], stepSize: 4, stepRate: 2, staircase: true }, [sgd(1)], 6);
  assert.deepEqual(Array.from(s.groups[0]!).slice(0, 5), [0.01, 0.01, 0.01, 0.01, 0.01 * 3]);
});

void test("a per-group list of the wrong length is DeepSpeed's ValueError", () => {
  const r = run({ kind: "WarmupLR", warmupMinLr: [0, 0, 0], warmupMaxLr: [1], warmupNumSteps: 10, warmupType: "log" }, [sgd(1), sgd(1)], 3);
  assert.equal(r.problems[0]?.code, "param-groups-mismatch");
});
