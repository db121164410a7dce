import assert from "node:assert/strict";
import { test } from "node:test";
import { createParamScheduler } from "../../../src/core/detectron2/create";
import { evaluateDetectron2 } from "../../../src/core/detectron2/evaluate";
import { Detectron2Error, type Detectron2Program, type ParamSchedulerSpec } from "../../../src/core/detectron2/spec";
import { iterationScheduler } from "../../../src/core/detectron2/schedulers/legacy";
import { frameworkDefault } from "../../../src/core/value";

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));
const group = (lr: number) => ({ lr: frameworkDefault(lr, "test") });

void test("MultiStepParamScheduler: int((where + 1e-6) * num_updates), bisect_right on the milestones", () => {
  // values [1, .1, .01], milestones [10, 15], num_updates 30: where 10/30 → int(10.00003) = 10 → index 1.
  const s = createParamScheduler({ kind: "MultiStepParamScheduler", values: [1, 0.1, 0.01], milestones: [10, 15], numUpdates: 30 });
  assert.equal(s.value(9 / 30), 1);
  assert.equal(s.value(10 / 30), 0.1);
  assert.equal(s.value(15 / 30), 0.01);
  assert.equal(s.value(1), 0.01);
  assert.throws(() => s.value(1.01), Detectron2Error);
});

void test("MultiStepParamScheduler without num_updates: the last milestone ends the schedule (scale-invariant)", () => {
  // milestones [6, 8, 9] → num_updates 9, milestones [6, 8]; where 2/3 → int(6.000009) = 6 → 0.1.
  const s = createParamScheduler({ kind: "MultiStepParamScheduler", values: [1, 0.1, 0.01], milestones: [6, 8, 9], numUpdates: null });
  assert.equal(s.value(0.66), 1);
  assert.equal(s.value(2 / 3), 0.1);
  assert.equal(s.value(8 / 9), 0.01);
});

void test("MultiStepParamScheduler without milestones splits num_updates evenly (ceil(90 / 3) = 30)", () => {
  const s = createParamScheduler({ kind: "MultiStepParamScheduler", values: [1, 0.5, 0.25], milestones: null, numUpdates: 90 });
  assert.equal(s.value(29 / 90), 1);
  assert.equal(s.value(30 / 90), 0.5);
  assert.equal(s.value(60 / 90), 0.25);
});

void test("MultiStepParamScheduler constructor checks raise as fvcore does", () => {
  assert.throws(() => createParamScheduler({ kind: "MultiStepParamScheduler", values: [1, 0.1], milestones: [30], numUpdates: 30 }), /smaller than total number of updates/);
  assert.throws(() => createParamScheduler({ kind: "MultiStepParamScheduler", values: [1, 0.1, 0.01], milestones: [20, 10], numUpdates: 30 }), /smaller than start epoch/);
  assert.throws(() => createParamScheduler({ kind: "MultiStepParamScheduler", values: [1, 0.1], milestones: [0], numUpdates: 30 }), /start epoch/);
  assert.throws(() => createParamScheduler({ kind: "MultiStepParamScheduler", values: [1, 0.1], milestones: null, numUpdates: null }), /cannot both be None/);
});

void test("CosineParamScheduler: end + 0.5 (start - end)(1 + cos(pi where))", () => {
  const s = createParamScheduler({ kind: "CosineParamScheduler", startValue: 1, endValue: 0.1 });
  assert.equal(s.value(0), 1);
  assert.ok(close(s.value(0.5), 0.55));
  assert.ok(close(s.value(1), 0.1));
});

void test("Linear, Exponential, PolynomialDecay, Constant", () => {
  assert.ok(close(createParamScheduler({ kind: "LinearParamScheduler", startValue: 0.001, endValue: 1 }).value(0.25), 0.25 + 0.001 * 0.75));
  assert.ok(close(createParamScheduler({ kind: "ExponentialParamScheduler", startValue: 2, decay: 0.25 }).value(0.5), 1));
  assert.ok(close(createParamScheduler({ kind: "PolynomialDecayParamScheduler", baseValue: 0.1, power: 2 }).value(0.5), 0.025));
  const c = createParamScheduler({ kind: "ConstantParamScheduler", value: 0.3 });
  assert.equal(c.value(0.99), 0.3);
  assert.throws(() => c.value(1), /must be in \[0, 1\]/);
});

void test("StepWithFixedGamma: num_decays + 1 equal steps; where = 1 is past the end (IndexError)", () => {
  // values [1, .5, .25] over 3 equal parts: int((where + 1e-6) * 3).
  const s = createParamScheduler({ kind: "StepWithFixedGammaParamScheduler", baseValue: 1, numDecays: 2, gamma: 0.5, numUpdates: 30 });
  assert.equal(s.value(0.3), 1);
  assert.equal(s.value(1 / 3), 0.5);
  assert.equal(s.value(0.9), 0.25);
  assert.throws(() => s.value(1), /IndexError/);
  assert.throws(() => createParamScheduler({ kind: "StepWithFixedGammaParamScheduler", baseValue: 1, numDecays: 0, gamma: 0.5, numUpdates: 30 }), /positive integers/);
});

void test("Composite: rescaled parts see (where - start) / length, fixed parts the global where", () => {
  const spec: ParamSchedulerSpec = {
    kind: "CompositeParamScheduler",
    schedulers: [
      { kind: "LinearParamScheduler", startValue: 0, endValue: 1 },
      { kind: "LinearParamScheduler", startValue: 10, endValue: 20 },
    ],
    lengths: [0.25, 0.75],
    intervalScaling: ["rescaled", "fixed"],
  };
  const s = createParamScheduler(spec);
  assert.ok(close(s.value(0.125), 0.5));
  // where 0.5 is in the second part, unscaled: 20 * 0.5 + 10 * 0.5 = 15.
  assert.ok(close(s.value(0.5), 15));
  assert.throws(() => createParamScheduler({ ...spec, lengths: [0.5, 0.6] }), /sum of all values/);
  assert.throws(() => createParamScheduler({ ...spec, intervalScaling: ["rescaled", "other"] }), /Unsupported interval_scaling/);
});

void test("WarmupParamScheduler ends its linear warmup at scheduler(warmup_length), as detectron2's test expects", () => {
  // tests/test_scheduler.py test_warmup_multistep: LR 5, [1, .1, .01, .001] at [10, 15, 20] of 30, warmup
  // 0.001 over 5/30 → 0.005, 1.004, 2.003, 3.002, 4.001, then 5 ×5, 0.5 ×5, 0.05 ×5, 0.005 ×10.
  const program: Detectron2Program = {
    family: "detectron2",
    version: "test",
    schedule: { type: "multiplier", maxIter: 30, multiplier: { kind: "WarmupParamScheduler", scheduler: { kind: "MultiStepParamScheduler", values: [1, 0.1, 0.01, 0.001], milestones: [10, 15, 20], numUpdates: 30 }, warmupFactor: 0.001, warmupLength: 5 / 30, warmupMethod: "linear", rescaleInterval: false } },
  };
  const lr = evaluateDetectron2(program, [group(5)], 30).groups[0]!;
  const want = [0.005, 1.004, 2.003, 3.002, 4.001, ...Array<number>(5).fill(5), ...Array<number>(5).fill(0.5), ...Array<number>(5).fill(0.05), ...Array<number>(10).fill(0.005)];
  want.forEach((w, t) => assert.ok(Math.abs(lr[t]! - w) < 1e-9, `tick ${t}: ${lr[t]} vs ${w}`));
});

void test("WarmupStepWithFixedGammaLR: the step after the last iteration raises (a warning), the curve is whole", () => {
  // test_warmup_stepwithfixedgamma: rescale_interval, 4 decays of 0.1 over 30 → 5, .5, .05, .005, .0005.
  const program: Detectron2Program = {
    family: "detectron2",
    version: "test",
    schedule: { type: "multiplier", maxIter: 30, multiplier: { kind: "WarmupParamScheduler", scheduler: { kind: "StepWithFixedGammaParamScheduler", baseValue: 1, gamma: 0.1, numDecays: 4, numUpdates: 30 }, warmupFactor: 0.001, warmupLength: 5 / 30, warmupMethod: "linear", rescaleInterval: true } },
  };
  const r = evaluateDetectron2(program, [group(5)], 30);
  const lr = r.groups[0]!;
  assert.ok(close(lr[4]!, 4.001));
  assert.ok(close(lr[5]!, 5) && close(lr[10]!, 0.5) && close(lr[15]!, 0.05) && close(lr[20]!, 0.005) && close(lr[29]!, 0.0005));
  assert.ok(r.problems.some((p) => p.code === "raises-after-last-iteration" && p.severity === "warning"));
});

void test("legacy WarmupMultiStepLR (≤ v0.3): base × warmup_factor(iter) × gamma ** bisect_right(milestones, iter)", () => {
  const s = iterationScheduler({ kind: "WarmupMultiStepLR", milestones: [10, 20], gamma: 0.1, warmupFactor: 0.001, warmupIters: 5, warmupMethod: "linear" });
  // iter 1: alpha 0.2 → 0.001 × 0.8 + 0.2 = 0.2008.
  assert.ok(close(s.lr(1, 1), 0.2008));
  assert.equal(s.lr(1, 9), 1);
  assert.ok(close(s.lr(1, 10), 0.1));
  assert.throws(() => iterationScheduler({ kind: "WarmupMultiStepLR", milestones: [20, 10], gamma: 0.1, warmupFactor: 0.001, warmupIters: 5, warmupMethod: "linear" }), /increasing/);
});

void test("DeepLab WarmupPolyLR: (1 - iter / max) ** power, and the constant ending", () => {
  const s = iterationScheduler({ kind: "WarmupPolyLR", maxIters: 100, warmupFactor: 0.001, warmupIters: 0, warmupMethod: "linear", power: 0.9, constantEnding: 0.1 });
  assert.ok(close(s.lr(0.01, 50), 0.01 * Math.pow(0.5, 0.9)));
  // (1 - 0.95) ** 0.9 ≈ 0.0675 < 0.1: held at 0.01 × 0.1.
  assert.ok(close(s.lr(0.01, 95), 0.001));
});
