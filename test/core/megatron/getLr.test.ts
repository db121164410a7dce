// Megatron-LM OptimizerParamScheduler.get_lr (megatron/core/optimizer_param_scheduler.py), by hand.
import assert from "node:assert/strict";
import { test } from "node:test";
import { evaluateMegatron } from "../../../src/core/megatron/evaluate";
import { megatronLr } from "../../../src/core/megatron/getLr";
import type { MegatronScheduler } from "../../../src/core/megatron/spec";

const base: MegatronScheduler = { initLr: 0, maxLr: 1, minLr: 0.1, warmupSteps: 10, decaySteps: 110, decayStyle: "linear", wsdDecaySteps: null, wsdDecayStyle: "exponential" };

void test("warmup includes its last step (num_steps <= warmup), then the decay; min_lr after decay_steps", () => {
  assert.equal(megatronLr(base, 0), 0);
  assert.equal(megatronLr(base, 10), 1); // still warmup: 0 + 1 × 10 / 10
  // linear at 60: ratio (60 - 10) / 100 = 0.5 → 0.1 + 0.5 × 0.9
  assert.equal(megatronLr(base, 60), 0.1 + 0.5 * 0.9);
  assert.equal(megatronLr(base, 110), 0.1); // ratio 1 → coeff 0
  assert.equal(megatronLr(base, 111), 0.1);
});

void test("cosine, inverse-square-root, constant and WSD", () => {
  assert.equal(megatronLr({ ...base, decayStyle: "cosine" }, 60), 0.1 + 0.5 * (Math.cos(Math.PI * 0.5) + 1.0) * 0.9);
  // inverse sqrt at 40: 1 × 10^0.5 / 40^0.5 = 0.5
  assert.equal(megatronLr({ ...base, decayStyle: "inverse-square-root" }, 40), (1 * 10 ** 0.5) / 40 ** 0.5);
  assert.equal(megatronLr({ ...base, decayStyle: "constant" }, 1000), 1);
  // WSD: anneal starts at 110 - 20 = 90; at 100 the ratio is 0.5 → exponential 2 × 0.5^0.5 - 1
  const wsd = { ...base, decayStyle: "WSD", wsdDecaySteps: 20 };
  assert.equal(megatronLr(wsd, 90), 1);
  assert.equal(megatronLr(wsd, 100), 0.1 + (2.0 * Math.pow(0.5, 0.5) - 1.0) * 0.9);
  assert.equal(megatronLr({ ...wsd, wsdDecayStyle: "minus_sqrt" }, 100), 0.1 + (1 - Math.sqrt(0.5)) * 0.9);
});

void test("iteration t trains with get_lr at t × global batch size; the constructor's assertions are errors", () => {
  const c = evaluateMegatron({ family: "megatron", scheduler: { ...base, warmupSteps: 10 * 8, decaySteps: 110 * 8 }, increment: 8, summary: [] }, 12);
  assert.equal(c.groups[0]![5], 0.5);
  assert.equal(c.groups[0]![11], megatronLr(base, 11));
  const bad = evaluateMegatron({ family: "megatron", scheduler: { ...base, warmupSteps: 200 }, increment: 1, summary: [] }, 5);
  assert.equal(bad.problems[0]?.severity, "error");
});
