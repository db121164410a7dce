// SequentialLR (torch/optim/lr_scheduler.py, main @008f727e): __init__ sets every group's lr back to
// initial_lr, recursive_undo() decrements each child's last_epoch, then schedulers[0]._initial_step().
// step(): last_epoch += 1; idx = bisect_right(milestones, last_epoch); at a milestone
// schedulers[idx]._update_lr(0) (closed form if the class has one, else get_lr() at epoch 0), else step().
import assert from "node:assert/strict";
import { test } from "node:test";
import type { TorchSchedulerSpec } from "../../../src/core/torch/spec";
import { evaluateTorch } from "../../../src/core/torch/evaluate";
import { group, lambda, lrs, program, run, spec } from "./helpers";

const warmup = spec({ kind: "LinearLR", startFactor: 0.5, endFactor: 1.0, totalIters: 2 }, "warmup");

void test("SequentialLR into LambdaLR (no closed form): get_lr() at epoch 0 from base_lrs", () => {
  // LinearLR: initial_lr 1.0, lr 0.5. LambdaLR: base_lrs [1.0], lr 1.0 × 0.5 ** 0. SequentialLR: lr 1.0,
  // undo, LinearLR initial step → 0.5. t1: 0.5 × 1.5 = 0.75. t2 (milestone): 1.0 × 0.5 ** 0 = 1.0; then
  // plain steps: 0.5, 0.25, 0.125.
  const result = run([group(1.0)], [warmup, spec({ kind: "LambdaLR", lambdas: [lambda("lambda e: 0.5 ** e", (e) => 0.5 ** e)] }), spec({ kind: "SequentialLR", schedulers: [0, 1], milestones: [2] })], 6);
  assert.deepEqual(lrs(result), [0.5, 0.75, 1.0, 0.5, 0.25, 0.125]);
  // LinearLR never reaches its own epoch 2 (the handover comes first), so only the milestone is drawn.
  assert.deepEqual(result.boundaries, [{ tick: 2, label: "SequentialLR → LambdaLR" }]);
});

void test("SequentialLR into CyclicLR: CyclicLR's own initial step used initial_lr, the handover its base_lr", () => {
  // CyclicLR.__init__ sets lr 0.1 and momentum 0.9, but its initial step computes from base_lrs = initial_lr
  // (1.0, set by LinearLR): lr 1.0. SequentialLR resets to 1.0; LinearLR: 0.5, 0.75. Milestone 2:
  // _update_lr(0) → get_lr() at epoch 0 with base_lrs now [0.1]: 0.1; then the triangle 0.55, 1.0, 0.55, 0.1.
  const cyclic: TorchSchedulerSpec = spec({
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
  });
  const result = run([group(1.0, 0.9)], [warmup, cyclic, spec({ kind: "SequentialLR", schedulers: [0, 1], milestones: [2] })], 7);
  assert.deepEqual(lrs(result), [0.5, 0.75, 0.1, 0.55, 1.0, 0.55, 0.1]);
  const m = 0.8500000000000001;
  assert.deepEqual(Array.from(result.momentum?.[0] ?? []), [0.9, 0.9, 0.9, m, 0.8, m, 0.9]);
});

void test("SequentialLR into MultiplicativeLR: main applies lmbda(0) at the handover, 1.13 did not", () => {
  // ConstantLR(0.5, 2): 0.5, 0.5. Milestone 2: MultiplicativeLR.get_lr() at epoch 0 on the LR ConstantLR
  // left (0.5). Main (_is_initial is False): 0.5 × 0.9 = 0.45, 0.405, 0.36450000000000005.
  // 1.13 (`last_epoch > 0`): 0.5 at the handover, then 0.45, 0.405.
  const schedulers = [
    spec({ kind: "ConstantLR", factor: 0.5, totalIters: 2 }),
    spec({ kind: "MultiplicativeLR", lambdas: [lambda("lambda e: 0.9", () => 0.9)] }),
    spec({ kind: "SequentialLR", schedulers: [0, 1], milestones: [2] }),
  ];
  assert.deepEqual(lrs(evaluateTorch(program(schedulers, [2]), [group(1.0)], 5)), [0.5, 0.5, 0.45, 0.405, 0.36450000000000005]);
  assert.deepEqual(lrs(evaluateTorch(program(schedulers, [2], "1.13.1"), [group(1.0)], 5)), [0.5, 0.5, 0.5, 0.45, 0.405]);
});

void test("SequentialLR docs example: ConstantLR then ExponentialLR", () => {
  // lr 0.05 × 0.1 = 0.005000000000000001 for 20 epochs; milestone 20: closed form 0.05 × 0.9 ** 0 = 0.05;
  // then 0.045000000000000005, 0.04050000000000001.
  const result = run(
    [group(0.05)],
    [spec({ kind: "ConstantLR", factor: 0.1, totalIters: 20 }), spec({ kind: "ExponentialLR", gamma: 0.9 }), spec({ kind: "SequentialLR", schedulers: [0, 1], milestones: [20] })],
    23,
  );
  const xs = lrs(result);
  assert.deepEqual(xs.slice(0, 2), [0.005000000000000001, 0.005000000000000001]);
  assert.deepEqual(xs.slice(19), [0.005000000000000001, 0.05, 0.045000000000000005, 0.04050000000000001]);
});

void test("SequentialLR with three children: closed forms at each milestone", () => {
  // Milestone 3: StepLR closed form 1.0 × 0.1 ** (0 // 2) = 1.0; then its own decay at its epoch 2 (tick 5).
  // Milestone 6: cosine closed form at 0 = 1.0; then the recursion with T_max 4.
  const result = run(
    [group(1.0)],
    [warmup, spec({ kind: "StepLR", stepSize: 2, gamma: 0.1 }), spec({ kind: "CosineAnnealingLR", tMax: 4, etaMin: 0 }), spec({ kind: "SequentialLR", schedulers: [0, 1, 2], milestones: [3, 6] })],
    10,
  );
  assert.deepEqual(lrs(result), [0.5, 0.75, 1.0, 1.0, 1.0, 0.1, 1.0, 0.8535533905932737, 0.5, 0.14644660940672627]);
});

void test("SequentialLR into CosineAnnealingWarmRestarts: get_lr() with the T_cur its construction left", () => {
  // SGDR has no closed form: _update_lr(0) runs get_lr() with T_cur 0, T_i 2 → 1.0; then 0.5, restart 1.0...
  const result = run([group(1.0)], [warmup, spec({ kind: "CosineAnnealingWarmRestarts", t0: 2, tMult: 1, etaMin: 0 }), spec({ kind: "SequentialLR", schedulers: [0, 1], milestones: [3] })], 8);
  assert.deepEqual(lrs(result), [0.5, 0.75, 1.0, 1.0, 0.5, 1.0, 0.5, 1.0]);
});
