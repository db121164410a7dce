// Which schedule values a hover position falls on.
import assert from "node:assert/strict";
import { test } from "node:test";
import { usedAt, usedRanges } from "../../src/core/locate";
import { read, script } from "./lint/helpers";

const text = script(`parser_lr = 0.1\noptimizer = torch.optim.SGD(model.parameters(), lr=parser_lr * 4, momentum=0.9)\nscheduler = CosineAnnealingLR(optimizer, T_max=90)`);

void test("usedRanges covers the source, the lr, T_max and the name lr was computed from", () => {
  const { schedule } = read(text);
  const lines = new Set(usedRanges(schedule).map((u) => u.range.startLine));
  assert.ok(lines.has(4) && lines.has(5) && lines.has(6), [...lines].join(","));
});

void test("usedAt finds the innermost value: T_max inside the scheduler call", () => {
  const { schedule } = read(text);
  const tMax = usedAt(schedule, "train.py", 6, 48);
  assert.equal(tMax?.value?.value, 90);
  const call = usedAt(schedule, "train.py", 6, 15);
  assert.equal(call?.value, undefined);
  assert.ok(call);
  const lr = usedAt(schedule, "train.py", 5, text.split("\n")[5]!.indexOf("parser_lr") + 1);
  assert.ok(lr?.value);
  assert.equal(usedAt(schedule, "train.py", 0, 0), undefined);
  assert.equal(usedAt(schedule, "other.py", 6, 48), undefined);
});
