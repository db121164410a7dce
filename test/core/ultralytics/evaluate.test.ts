// The Ultralytics loop (ultralytics/engine/trainer.py): warmup length by release, numpy's interp, Python's round,
// the lf lambdas and the LR state stepped per epoch and overwritten per warmup iteration. Expected values are
// worked out by hand from the trainer's source in the comments.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ParamGroup } from "../../../src/core/schedule";
import { literal } from "../../../src/core/value";
import { evaluateUltralytics } from "../../../src/core/ultralytics/evaluate";
import { ultralyticsLf } from "../../../src/core/ultralytics/lambda";
import type { UltralyticsLoop, UltralyticsProgram } from "../../../src/core/ultralytics/spec";
import { inWarmup, npInterp, pyRound, warmupIterations } from "../../../src/core/ultralytics/warmup";

const current: UltralyticsLoop = { warmupRule: "capped", schedulerStep: "epoch-start" };
const v83: UltralyticsLoop = { warmupRule: "min100", schedulerStep: "epoch-start" };
const v80: UltralyticsLoop = { warmupRule: "min100", schedulerStep: "epoch-end" };

function program(over: Partial<UltralyticsProgram>): UltralyticsProgram {
  return { family: "ultralytics", epochs: 10, stepsPerEpoch: 9, lrf: 0.01, cosLr: false, warmupEpochs: 3, warmupBiasLr: 0.1, warmupMomentum: 0.8, momentumTarget: 0.937, roles: ["weight", "bn", "bias"], warmupMovesMomentum: true, loop: current, args: {}, ...over };
}
const sgd = (lr: number, m = 0.937): ParamGroup => ({ lr: literal(lr), momentum: literal(m) });
const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));

void describe("warmup iterations", () => {
  void it("8.4.103 on: round(min(warmup_epochs, epochs - 1) * nb), no minimum", () => {
    assert.equal(warmupIterations(current, 3, 9, 10), 27);
    assert.equal(warmupIterations(current, 3, 2, 10), 6); // the PR's own example: nb=2 → nw=6
    assert.equal(warmupIterations(current, 3, 50, 2), 50); // capped at epochs - 1 = 1
    assert.equal(warmupIterations(current, 3, 50, 1), 0); // epochs=1 → no warmup
    assert.equal(warmupIterations(current, 0, 50, 10), 0);
    assert.equal(warmupIterations(current, 0.5, 7, 5), 4); // round(3.5) = 4 (ties to even)
    assert.equal(warmupIterations(current, 0.5, 5, 5), 2); // round(2.5) = 2
  });
  void it("before: max(round(warmup_epochs * nb), 100), or -1 without warmup; the earliest 8.0 always ≥ 100", () => {
    assert.equal(warmupIterations(v83, 3, 9, 10), 100);
    assert.equal(warmupIterations(v83, 3, 500, 10), 1500);
    assert.equal(warmupIterations(v83, 0, 500, 10), -1);
    assert.equal(warmupIterations({ ...v83, warmupRule: "always100" }, 0, 500, 10), 100);
  });
  void it("ni < nw since 8.4.103, ni <= nw before", () => {
    assert.equal(inWarmup(current, 27, 27), false);
    assert.equal(inWarmup(v83, 100, 100), true);
    assert.equal(inWarmup(v83, 0, -1), false);
  });
});

void describe("numpy interp, Python round, lf", () => {
  void it("np.interp(x, [0, nw], [y0, y1]) = (y1 - y0) / nw * x + y0, end points exact", () => {
    assert.equal(npInterp(0, 27, 0.1, 0.01), 0.1);
    assert.equal(npInterp(27, 27, 0.1, 0.01), 0.01);
    assert.equal(npInterp(1, 4, 0, 0.02), 0.005);
  });
  void it("round() ties to even", () => {
    assert.deepEqual([0.5, 1.5, 2.5, 3.5, 2.4].map(pyRound), [0, 2, 2, 4, 2]);
  });
  void it("linear lf = (1 - x/E)(1 - lrf) + lrf; one_cycle from 1 to lrf", () => {
    const lin = ultralyticsLf(false, 0.01, 10);
    assert.ok(close(lin(0), 1));
    assert.ok(close(lin(3), 0.7 * 0.99 + 0.01)); // 0.703
    const cos = ultralyticsLf(true, 0.05, 20);
    assert.ok(close(cos(0), 1));
    assert.ok(close(cos(10), 0.525)); // (1 - cos(pi/2)) / 2 = 0.5 → 0.5 * (0.05 - 1) + 1
    assert.ok(close(cos(20), 0.05));
  });
});

void describe("the loop", () => {
  void it("current release: bias (group 2) falls from 0.1, the others rise from 0; warmup ends at ni = 27; momentum stops at interp(26)", () => {
    const r = evaluateUltralytics(program({}), [sgd(0.01), sgd(0.01), sgd(0.01)], 90);
    // ni = 0: weight 0, bias 0.1; ni = 26 (epoch 2): 0.01 * lf(2) * 26/27, lf(2) = 0.8 * 0.99 + 0.01 = 0.802
    assert.equal(r.groups[0]![0], 0);
    assert.equal(r.groups[2]![0], 0.1);
    assert.ok(close(r.groups[0]![26]!, (0.00802 / 27) * 26));
    // ni = 27: epoch 3's scheduler step, 0.01 * lf(3) = 0.00703, every group
    assert.ok(close(r.groups[0]![27]!, 0.00703) && close(r.groups[2]![27]!, 0.00703));
    // momentum: interp(26, [0, 27], [0.8, 0.937]) kept for the rest of the run
    const m26 = ((0.937 - 0.8) / 27) * 26 + 0.8;
    assert.ok(close(r.momentum[0]![89]!, m26));
    assert.deepEqual(r.boundaries.map((b) => b.tick).slice(0, 1), [9]);
  });
  void it("8.3.x: the 100-iteration warmup spans epochs; group 0 is the bias", () => {
    const r = evaluateUltralytics(program({ loop: v83, roles: ["bias", "weight", "bn"], epochs: 30, stepsPerEpoch: 5 }), [sgd(0.01), sgd(0.01), sgd(0.01)], 150);
    assert.equal(r.groups[0]![0], 0.1);
    assert.equal(r.groups[1]![0], 0);
    // ni = 100 (epoch 20) is still warmup (ni <= nw) and lands exactly on 0.01 * lf(20)
    const lf20 = (1 - 20 / 30) * 0.99 + 0.01;
    assert.equal(r.groups[0]![100], 0.01 * lf20);
    assert.equal(r.groups[1]![104], 0.01 * lf20);
    assert.equal(r.groups[1]![105], 0.01 * ((1 - 21 / 30) * 0.99 + 0.01));
    assert.equal(r.momentum[0]![149], 0.937);
  });
  void it("8.0.x: the scheduler steps after each epoch, so epoch e ≥ 1 runs with lf(e - 1)", () => {
    const r = evaluateUltralytics(program({ loop: v80, roles: ["bias", "weight", "bn"], epochs: 15, stepsPerEpoch: 40, warmupEpochs: 1, lrf: 0.1 }), [sgd(0.01), sgd(0.01), sgd(0.01)], 600);
    // nw = max(40, 100) = 100: ni = 100 is epoch 2, warmup target 0.01 * lf(2); ni = 101.. keep it (no step until the epoch ends)
    const lf = (x: number): number => (1 - x / 15) * 0.9 + 0.1;
    assert.equal(r.groups[1]![100], 0.01 * lf(2));
    assert.equal(r.groups[1]![119], 0.01 * lf(2));
    // after epoch 2 the step sets last_epoch 2 → lf(2) again; after epoch 3 → lf(3) for epoch 4
    assert.equal(r.groups[1]![120], 0.01 * lf(2));
    assert.equal(r.groups[1]![160], 0.01 * lf(3));
  });
  void it("Adam-family groups keep β1: the warmup only moves groups that have a momentum", () => {
    const r = evaluateUltralytics(program({ warmupMovesMomentum: false, warmupBiasLr: 0 }), [sgd(0.000119, 0.9), sgd(0.000119, 0.9), sgd(0.000119, 0.9)], 20);
    assert.equal(r.momentum[0]![0], 0.9);
    assert.equal(r.groups[2]![0], 0);
  });
  void it("a bad batches-per-epoch is an error, not a crash", () => {
    const r = evaluateUltralytics(program({ stepsPerEpoch: 0 }), [sgd(0.01)], 10);
    assert.equal(r.problems[0]?.code, "invalid-steps-per-epoch");
  });
});
