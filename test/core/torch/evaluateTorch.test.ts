// evaluateTorch(): what every program shares — recording, momentum, boundaries and problems.
import assert from "node:assert/strict";
import { test } from "node:test";
import { evaluateTorch } from "../../../src/core/torch/evaluate";
import { adamGroup, group, lambda, lrs, program, run, spec } from "./helpers";

void test("no stepped scheduler: construction effects only", () => {
  // Constructed but never stepped (a script that forgets scheduler.step()): ConstantLR's initial step holds.
  const result = run([group(1.0)], [spec({ kind: "ConstantLR", factor: 0.5, totalIters: 2 })], 3, []);
  assert.deepEqual(lrs(result), [0.5, 0.5, 0.5]);
});

void test("momentum: reported for groups that have it, β1 for Adam, absent otherwise", () => {
  const adam = run([adamGroup(1e-3)], [spec({ kind: "ExponentialLR", gamma: 0.5 })], 2);
  assert.deepEqual(Array.from(adam.momentum?.[0] ?? []), [0.9, 0.9]);
  const plain = run([group(1e-3)], [spec({ kind: "ExponentialLR", gamma: 0.5 })], 2);
  assert.equal(plain.momentum, undefined);
});

void test("stepping a scheduler twice per tick advances it twice", () => {
  const result = run([group(1.0)], [spec({ kind: "ExponentialLR", gamma: 0.5 })], 3, [0, 0]);
  assert.deepEqual(lrs(result), [1.0, 0.25, 0.0625]);
});

void test("stepping an index the program does not have is an invalid program", () => {
  const result = evaluateTorch(program([spec({ kind: "ExponentialLR", gamma: 0.5 })], [3]), [group(1.0)], 2);
  assert.equal(result.problems[0]?.code, "invalid-program");
  assert.deepEqual(lrs(result), [1.0, 1.0]);
});

void test("zero ticks", () => {
  const result = run([group(1.0)], [spec({ kind: "ExponentialLR", gamma: 0.5 })], 0);
  assert.equal(result.groups[0]?.length, 0);
  assert.deepEqual(result.problems, []);
});

void test("a non-finite LR is never silent", () => {
  // A lambda returning float("nan") is what Python computes too, but it is not a usable LR.
  const result = run([group(1.0)], [spec({ kind: "LambdaLR", lambdas: [lambda("lambda e: float('nan') if e > 1 else 1", (e) => (e > 1 ? NaN : 1))] })], 4);
  assert.ok(result.problems.some((p) => p.code === "not-finite" && /tick 2/.test(p.message)));
});

void test("PolynomialLR with a negative power: 0.0 ** -1 is Python's ZeroDivisionError, not Infinity", () => {
  // ratios (0.5 / 1) ** -1 = 2 at epoch 1; epoch 2: (0 / 0.5) ** -1 raises → held at 2.
  const result = run([group(1.0)], [spec({ kind: "PolynomialLR", totalIters: 2, power: -1 })], 4);
  assert.deepEqual(lrs(result), [1.0, 2.0, 2.0, 2.0]);
  assert.equal(result.problems[0]?.code, "invalid-argument");
});
