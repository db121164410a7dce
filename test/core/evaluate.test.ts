// evaluate(): dispatch on the program family, the training length, and its limits.
import assert from "node:assert/strict";
import { test } from "node:test";
import { evaluate, MAX_TICKS } from "../../src/core/evaluate";
import type { ScheduleDescription } from "../../src/core/schedule";
import { literal } from "../../src/core/value";
import { group, program, spec } from "./torch/helpers";

const source = { file: "train.py", startLine: 9, startColumn: 0, endLine: 9, endColumn: 40 };

function description(total?: number): ScheduleDescription {
  return {
    name: "scheduler",
    dialect: "pytorch",
    unit: "epoch",
    total: total === undefined ? undefined : literal(total),
    groups: [group(0.1, 0.9)],
    program: program([spec({ kind: "StepLR", stepSize: 30, gamma: 0.1 }, "scheduler")]),
    source,
    assumptions: [],
    problems: [],
  };
}

void test("evaluate runs the description's total by default", () => {
  const curve = evaluate(description(90));
  assert.equal(curve.unit, "epoch");
  assert.equal(curve.total, 90);
  assert.equal(curve.groups[0]?.length, 90);
  assert.deepEqual([curve.groups[0]?.[29], curve.groups[0]?.[30], curve.groups[0]?.[89]], [0.1, 0.010000000000000002, 0.0010000000000000002]);
  assert.deepEqual(Array.from(curve.momentum?.[0] ?? []).slice(0, 2), [0.9, 0.9]);
  assert.deepEqual(
    curve.boundaries.map((b) => b.tick),
    [30, 60],
  );
});

void test("evaluate with an explicit total overrides the description's", () => {
  assert.equal(evaluate(description(90), 10).groups[0]?.length, 10);
});

void test("evaluate without a total returns an empty curve and total-unknown", () => {
  const curve = evaluate(description());
  assert.equal(curve.total, 0);
  assert.equal(curve.groups.length, 1);
  assert.equal(curve.groups[0]?.length, 0);
  assert.equal(curve.problems[0]?.severity, "error");
  assert.equal(curve.problems[0]?.code, "total-unknown");
});

void test("evaluate refuses more than MAX_TICKS unless allowHuge", () => {
  const curve = evaluate(description(), MAX_TICKS + 1);
  assert.equal(curve.total, 0);
  assert.equal(curve.problems[0]?.code, "too-many-ticks");
  assert.equal(evaluate(description(), MAX_TICKS + 1, { allowHuge: true }).groups[0]?.length, MAX_TICKS + 1);
});
