// `scheduler.step(epoch)` (TorchProgram.stepEpoch). LRScheduler.step(epoch) in torch/optim/lr_scheduler.py
// (pytorch/pytorch): `_step_count += 1`, `last_epoch = epoch`, then `_get_closed_form_lr()`. CosineAnnealingWarmRestarts
// has its own step(epoch): epoch >= T_0 → T_mult == 1: T_cur = epoch % T_0; else n = int(log(epoch / T_0 *
// (T_mult - 1) + 1, T_mult)), T_cur = epoch - T_0 (T_mult^n - 1) / (T_mult - 1), T_i = T_0 T_mult^n; below T_0:
// T_i = T_0, T_cur = epoch. The LR of tick 0 is the constructor's; the LR of tick t is set by the step after tick t - 1.
import assert from "node:assert/strict";
import { test } from "node:test";
import { evaluateTorch } from "../../../src/core/torch/evaluate";
import type { TorchSchedulerKind } from "../../../src/core/torch/spec";
import { assertClose, group, lrs, program, spec } from "./helpers";

function runEpochs(kind: TorchSchedulerKind, total: number, at: (t: number) => number, base = 0.1) {
  return evaluateTorch({ ...program([spec(kind, "scheduler")]), stepEpoch: { text: "epoch", at } }, [group(base)], total);
}

void test("SGDR T_0 10, T_mult 2, step(epoch + i / iters) with 4 batches: T_cur = t / 4, restart at epoch 10", () => {
  // After tick t the loop passes epoch = t // 4 + (t % 4) / 4 = t / 4. Below T_0: T_cur = (t - 1) / 4, T_i = 10, so
  // tick t ≥ 1 trains at 0.05 (1 + cos(pi (t - 1) / 40)): 0.1, 0.05 (1 + cos(pi / 40)) = 0.0998458666866564...
  // torch 1.13 (python3-torch) running this loop prints the same twelve values.
  const r = runEpochs({ kind: "CosineAnnealingWarmRestarts", t0: 10, tMult: 2, etaMin: 0 }, 80, (t) => Math.floor(t / 4) + (t % 4) / 4);
  const want = [0.1, 0.1, 0.0998458666866564, 0.0993844170297569, 0.09861849601988383, 0.09755282581475769, 0.09619397662556434, 0.09455032620941839, 0.09263200821770462, 0.09045084971874738, 0.08802029828000156, 0.08535533905932738];
  assertClose(lrs(r).slice(0, 12), want);
  // Tick 40 follows step(9.75): 0.05 (1 + cos(pi 0.975)). Tick 41 follows step(10): n = int(log2(2)) = 1, T_cur = 10 - 10 = 0,
  // T_i = 20: 0.1. Tick 42 follows step(10.25): 0.05 (1 + cos(pi 0.25 / 20)) = 0.09996145181203615.
  assertClose(lrs(r).slice(40, 43), [0.05 * (1 + Math.cos(Math.PI * 0.975)), 0.1, 0.09996145181203615]);
  assert.deepEqual(r.boundaries.map((b) => b.tick), [41]);
  assert.deepEqual(r.problems, []);
});

void test("SGDR T_mult 1: T_cur = epoch % T_0 with fractional epochs and eta_min", () => {
  // T_0 3, eta_min 0.001, 5 batches: tick 15 follows step(2.8): 0.001 + 0.099 (1 + cos(pi 2.8 / 3)) / 2; tick 16 follows
  // step(3.0): 3.0 % 3 = 0 → 0.1; tick 17 follows step(3.2): T_cur = 0.2 (Python's float %: 3.2 % 3 = 0.20000000000000018).
  const r = runEpochs({ kind: "CosineAnnealingWarmRestarts", t0: 3, tMult: 1, etaMin: 0.001 }, 40, (t) => Math.floor(t / 5) + (t % 5) / 5);
  const lr = (tCur: number): number => 0.001 + (0.099 * (1 + Math.cos((Math.PI * tCur) / 3))) / 2;
  assertClose(lrs(r).slice(15, 18), [lr(2.8), 0.1, lr(3.2 % 3)]);
});

void test("SGDR step(epoch) with a negative epoch raises ValueError; the LR is held", () => {
  const r = runEpochs({ kind: "CosineAnnealingWarmRestarts", t0: 3, tMult: 1, etaMin: 0 }, 4, (t) => t - 1);
  assert.equal(r.problems[0]?.code, "invalid-argument");
  assert.match(r.problems[0].message, /Expected non-negative epoch, but got -1/);
  assert.deepEqual(lrs(r), [0.1, 0.1, 0.1, 0.1]);
});

void test("StepLR.step(epoch) (not epoch + 1) runs one epoch behind step(): last_epoch = t after tick t", () => {
  // Closed form 0.1 * 0.5 ** (last_epoch // 3): tick t ≥ 1 uses last_epoch t - 1: 0.1 until tick 3, 0.05 from tick 4.
  const r = runEpochs({ kind: "StepLR", stepSize: 3, gamma: 0.5 }, 8, (t) => t);
  assert.deepEqual(lrs(r), [0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025]);
});

void test("CosineAnnealingLR.step(epoch + i / n): the closed form at fractional epochs", () => {
  // T_max 5, 4 batches: tick t ≥ 1 uses last_epoch (t - 1) / 4: 0.05 (1 + cos(pi (t - 1) / 20)); tick 21 is last_epoch 5: 0.
  const r = runEpochs({ kind: "CosineAnnealingLR", tMax: 5, etaMin: 0 }, 24, (t) => Math.floor(t / 4) + (t % 4) / 4);
  const want = [0.1, ...Array.from({ length: 23 }, (_, k) => 0.05 * (1 + Math.cos((Math.PI * k) / 20)))];
  assertClose(lrs(r).slice(0, 21), want.slice(0, 21));
  assert.ok(Math.abs(lrs(r)[21]!) < 1e-17);
});

void test("stepEpoch with two stepped schedulers is not evaluated", () => {
  const p = { ...program([spec({ kind: "StepLR", stepSize: 1, gamma: 0.5 }), spec({ kind: "ExponentialLR", gamma: 0.9 })], [0, 1]), stepEpoch: { text: "epoch", at: (t: number) => t } };
  const r = evaluateTorch(p, [group(0.1)], 3);
  assert.equal(r.problems[0]?.code, "invalid-program");
});
