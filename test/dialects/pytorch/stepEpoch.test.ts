// `scheduler.step(<epoch expression>)` in a PyTorch script: the reader compiles the argument over the loop
// variables (src/dialects/pytorch/reader.ts stepArgument) and the evaluator steps with it (LRScheduler.step(epoch):
// last_epoch = epoch and `_get_closed_form_lr()`; CosineAnnealingWarmRestarts: its own step(epoch)).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluate } from "../../../src/core/evaluate";
import type { ScheduleDescription } from "../../../src/core/schedule";
import { readSchedules } from "../../../src/dialects";

const head = `import torch
from torch.optim.lr_scheduler import *
model = torch.nn.Linear(2, 2)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
`;

function schedule(body: string, stepsPerEpoch?: number): ScheduleDescription {
  const r = readSchedules("train.py", head + body, stepsPerEpoch === undefined ? {} : { stepsPerEpoch });
  const s = r.schedules[0];
  assert.ok(s, JSON.stringify(r.problems));
  return s;
}

function lr(s: ScheduleDescription): number[] {
  return Array.from(evaluate(s).groups[0]!);
}

function refusal(s: ScheduleDescription): string {
  const p = s.problems.find((q) => q.code === "unsupported-step-argument");
  assert.ok(p, JSON.stringify(s.problems));
  assert.equal(s.program.family === "torch" ? s.program.stepped.length : -1, 0);
  return p.message;
}

void describe("PyTorch reader: step(epoch)", () => {
  void it("StepLR.step(epoch) in `for epoch in range(5, 13)` binds the range's start", () => {
    // last_epoch after tick t is 5 + t: 0.1 * 0.5 ** ((5 + t) // 3) from tick 1 — 5//3 = 1, 6//3 = 2, 9//3 = 3.
    const s = schedule("scheduler = StepLR(optimizer, step_size=3, gamma=0.5)\nfor epoch in range(5, 13):\n    train()\n    scheduler.step(epoch)\n");
    assert.equal(s.unit, "epoch");
    assert.deepEqual(lr(s), [0.1, 0.05, 0.025, 0.025, 0.025, 0.0125, 0.0125, 0.0125]);
    const info = s.problems.find((p) => p.code === "step-epoch-deprecated");
    assert.equal(info?.severity, "info");
    assert.equal(info.range?.startLine, 7);
  });

  void it("StepLR.step(epoch + 1) equals step(): torch 1.13 gives 0.1, 0.1, 0.1, 0.05 ... for step_size 3", () => {
    const s = schedule("scheduler = StepLR(optimizer, step_size=3, gamma=0.5)\nfor epoch in range(10):\n    train()\n    scheduler.step(epoch + 1)\n");
    assert.deepEqual(lr(s), [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125]);
  });

  void it("CosineAnnealingWarmRestarts.step(epoch=epoch + i / iters) over range loops with a constant", () => {
    // T_0 3, T_mult 1, 5 batches: tick 16 follows step(3.0): T_cur = 3.0 % 3 = 0, the base LR 0.1.
    const s = schedule("scheduler = CosineAnnealingWarmRestarts(optimizer, 3, eta_min=0.001)\nn = 5\nfor epoch in range(8):\n    for i in range(n):\n        train()\n        scheduler.step(epoch=epoch + i / n)\n");
    const xs = lr(s);
    assert.equal(xs.length, 40);
    assert.equal(xs[16], 0.1);
    // Tick 15 follows step(2.8): 0.001 + 0.099 (1 + cos(pi 2.8 / 3)) / 2 = 0.0031...; step() would have restarted at tick 3.
    assert.ok(Math.abs(xs[15]! - (0.001 + (0.099 * (1 + Math.cos((Math.PI * 2.8) / 3))) / 2)) < 1e-15);
    assert.ok(xs[3]! < 0.1);
  });

  void it("LambdaLR.step(epoch) stays refused: no closed form", () => {
    const s = schedule("scheduler = LambdaLR(optimizer, lambda e: 0.9 ** e)\nfor epoch in range(10):\n    scheduler.step(epoch)\n");
    assert.match(refusal(s), /closed form/);
  });

  void it("an argument that is not a number of the loop variables stays refused, saying why", () => {
    const s = schedule("scheduler = StepLR(optimizer, 3)\nfor epoch in range(10):\n    scheduler.step(get_epoch())\n");
    assert.match(refusal(s), /scheduler\.step\(get_epoch\(\)\)/);
  });

  void it("step(epoch) and step() on the same scheduler stay refused", () => {
    const s = schedule("scheduler = StepLR(optimizer, 3)\nfor epoch in range(10):\n    scheduler.step(epoch)\nscheduler.step()\n");
    refusal(s);
  });

  void it("step(epoch) while another scheduler is stepped too stays refused", () => {
    const s = schedule("a = StepLR(optimizer, 3)\nb = ExponentialLR(optimizer, 0.9)\nfor epoch in range(10):\n    a.step(epoch)\n    b.step()\n");
    refusal(s);
  });
});
