// LambdaLR (torch/optim/lr_scheduler.py): base_lr * lmbda(last_epoch), one lambda per group.
import assert from "node:assert/strict";
import { test } from "node:test";
import { group, lambda, lrs, run, spec } from "./helpers";

void test("LambdaLR with one lambda per group", () => {
  // group 0: 1.0 × (e // 2) = 0, 0, 1, 1, 2; group 1: 2.0 × 0.5 ** e = 2, 1, 0.5, 0.25, 0.125.
  const lambdas = [lambda("lambda e: e // 2", (e) => Math.floor(e / 2)), lambda("lambda e: 0.5 ** e", (e) => 0.5 ** e)];
  const result = run([group(1.0), group(2.0)], [spec({ kind: "LambdaLR", lambdas })], 5);
  assert.deepEqual(lrs(result), [0.0, 0.0, 1.0, 1.0, 2.0]);
  assert.deepEqual(lrs(result, 1), [2.0, 1.0, 0.5, 0.25, 0.125]);
});

void test("LambdaLR: a wrong number of lambdas is PyTorch's ValueError", () => {
  const lambdas = [lambda("a", () => 1), lambda("b", () => 1), lambda("c", () => 1)];
  const result = run([group(1.0), group(2.0)], [spec({ kind: "LambdaLR", lambdas })], 1);
  assert.equal(result.problems[0]?.code, "invalid-argument");
});

void test("LambdaLR: a lambda that fails is reported and the curve held", () => {
  const bad = lambda("lambda e: 1 / (3 - e)", (e) => {
    if (e === 3) throw new Error("division by zero");
    return 1 / (3 - e);
  });
  const result = run([group(1.0)], [spec({ kind: "LambdaLR", lambdas: [bad] })], 5);
  assert.equal(result.problems[0]?.code, "lambda-error");
  assert.deepEqual(lrs(result), [1 / 3, 0.5, 1.0, 1.0, 1.0]);
});
