// The paper table: exact evaluated values at epoch starts, in Markdown and LaTeX.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluate } from "../../src/core/evaluate";
import { readPyTorchScript } from "../../src/dialects/pytorch/reader";
import { lrAtEpoch, lrTable, parseEpochList } from "../../src/text/lrTable";

const script = "import torch\nfrom torch import nn\n\nmodel = nn.Linear(2, 2)\noptimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)\nscheduler = torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=[30, 60], gamma=0.1)\nfor epoch in range(90):\n    for batch in range(10):\n        optimizer.step()\n    scheduler.step()\n";
const schedule = readPyTorchScript("train.py", script).schedules[0]!;
const entry = { schedule, curve: evaluate(schedule) };

void describe("lrTable", () => {
  void it("reads the LR at each epoch's start; past the end is empty", () => {
    assert.equal(lrAtEpoch(entry, 0), 0.1);
    assert.equal(lrAtEpoch(entry, 30), 0.1 * 0.1);
    assert.equal(lrAtEpoch(entry, 90), undefined);
  });
  void it("Markdown", () => {
    assert.equal(lrTable([entry], [0, 30, 60, 89, 90], "md"), "| Epoch | LR (scheduler) |\n| ---: | ---: |\n| 0 | 0.1 |\n| 30 | 0.01 |\n| 60 | 0.001 |\n| 89 | 0.001 |\n| 90 | — |\n");
  });
  void it("LaTeX with booktabs rules and exponents in math mode", () => {
    const tex = lrTable([entry, { ...entry, schedule: { ...schedule, name: "warm_up" } }], [0, 60], "latex");
    assert.equal(tex.split("\n")[0], "\\begin{tabular}{rrr}");
    assert.match(tex, /Epoch & scheduler \(pytorch\) & warm\\_up \(pytorch\) \\\\/);
    assert.match(tex, /\n60 & 0\.001 & 0\.001 \\\\\n/);
    assert.equal(lrTable([{ ...entry, curve: { ...entry.curve, groups: [Float64Array.of(1e-5)], total: 1 } }], [0], "latex").split("\n")[4], "0 & $1\\times10^{-5}$ \\\\");
  });
  void it("parses epoch lists", () => {
    assert.deepEqual(parseEpochList("0,30, 60,89"), { epochs: [0, 30, 60, 89] });
    assert.ok("error" in parseEpochList("0,,3"));
    assert.ok("error" in parseEpochList("-1"));
  });
});
