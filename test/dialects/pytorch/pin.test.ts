// A pinned torch release switches the PyTorch reader's schedules to that release's lr_scheduler.py semantics
// (src/dialects/pytorch/pin.ts). Found by the differential runner (test/tools/differential): SequentialLR handing
// over to MultiplicativeLR, which has no closed form, so `step(0)` runs `get_lr()` at last_epoch 0.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluate } from "../../../src/core/evaluate";
import { readSchedules } from "../../../src/dialects";

const script = `import torch
from torch import nn
from torch.optim.lr_scheduler import LinearLR, MultiplicativeLR, SequentialLR

model = nn.Linear(512, 10)
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
scheduler = SequentialLR(optimizer, schedulers=[
    LinearLR(optimizer, start_factor=0.1, total_iters=2),
    MultiplicativeLR(optimizer, lr_lambda=lambda epoch: 0.5),
], milestones=[2])

for epoch in range(5):
    train_one_epoch(model, optimizer, epoch)
    scheduler.step()
`;

function curve(files: Record<string, string>, entry = "train.py"): { lr: number[]; version?: string; notes: string[] } {
  const r = readSchedules(entry, files[entry]!, {}, { read: (p) => files[p] });
  const s = r.schedules[0];
  assert.ok(s, JSON.stringify(r.problems));
  const c = evaluate(s);
  const version = s.program.family === "torch" ? s.program.torchVersion : undefined;
  return { lr: Array.from(c.groups[0]!), version, notes: s.problems.filter((p) => p.code === "framework-version").map((p) => p.message) };
}

const close = (got: number[], want: number[]): void => {
  assert.equal(got.length, want.length);
  want.forEach((w, t) => assert.ok(Math.abs(got[t]! - w) <= 1e-12 * Math.abs(w), `lr[${t}]: ${got[t]} vs ${w}`));
};

void describe("PyTorch reader: pinned torch release", () => {
  void it("torch==1.13.1 in requirements.txt: MultiplicativeLR leaves the LR unchanged at the milestone (1.x: last_epoch > 0)", () => {
    const c = curve({ "train.py": script, "requirements.txt": "numpy\ntorch==1.13.1\n" });
    assert.equal(c.version, "1.13.1");
    assert.match(c.notes.join(), /pins torch ==1\.13\.1/);
    // Produced by torch 1.13 (Debian python3-torch) running this script: LinearLR 0.001, 0.0055; at milestone 2
    // MultiplicativeLR.step(0) returns group['lr'] as it is; then x0.5 per epoch.
    close(c.lr, [0.001, 0.0055, 0.0055, 0.00275, 0.001375]);
  });

  void it("no pin, or one that does not fix the release (torch>=1.13): current main multiplies by lmbda(0) at the milestone", () => {
    // main: MultiplicativeLR.get_lr tests `_is_initial` (False for SequentialLR's step(0)), so lr * lmbda(0).
    const want = [0.001, 0.0055, 0.00275, 0.001375, 0.0006875];
    const none = curve({ "train.py": script });
    assert.equal(none.version, undefined);
    close(none.lr, want);
    const loose = curve({ "train.py": script, "requirements.txt": "torch>=1.13\n" });
    assert.equal(loose.version, undefined);
    close(loose.lr, want);
  });

  void it("a pin in a parent folder's pyproject.toml applies to a script below it", () => {
    const c = curve({ "src/train.py": script, "pyproject.toml": '[project]\ndependencies = ["torch==1.13.1"]\n' }, "src/train.py");
    assert.equal(c.version, "1.13.1");
    close(c.lr, [0.001, 0.0055, 0.0055, 0.00275, 0.001375]);
  });
});

void describe("PyTorch reader: step() with an explicit epoch", () => {
  // torch 1.13 runs CosineAnnealingWarmRestarts.step(epoch + i / iters) (its docstring's pattern) as T_cur = epoch
  // mod T_0: with T_0=29, 40 batches per epoch, the LR during the first batches is 0.01, 0.01, 0.0099999818...
  // (differential runner, seed 4), not step()'s per-batch restart every 29 batches. It is evaluated as that.
  const sgdr = `import torch
from torch import nn
from torch.optim.lr_scheduler import CosineAnnealingWarmRestarts

model = nn.Linear(512, 10)
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
scheduler = CosineAnnealingWarmRestarts(optimizer, T_0=29, T_mult=1, eta_min=0.0001)

iters = len(train_loader)
for epoch in range(4):
    for i, batch in enumerate(train_loader):
        train_step(model, optimizer, batch)
        scheduler.step(epoch + i / iters)
`;

  void it("is evaluated as torch runs it: T_cur = epoch + i / iters, no restart within 4 epochs of T_0 29", () => {
    const r = readSchedules("train.py", sgdr, { stepsPerEpoch: 40 });
    const s = r.schedules[0];
    assert.ok(s);
    assert.ok(!s.problems.some((p) => p.severity === "error"), JSON.stringify(s.problems));
    assert.equal(s.program.family === "torch" ? s.program.stepEpoch?.text : undefined, "epoch + i / iters");
    const lr = Array.from(evaluate(s).groups[0]!);
    assert.equal(lr.length, 160);
    // Tick t >= 1 follows step((t - 1) / 40): 0.0001 + 0.0099 (1 + cos(pi T_cur / 29)) / 2. The values are torch 1.13's
    // (python3-torch running this loop): ticks 0-3, 40, 41 and 159 (T_cur 1, 1.025, 3.95).
    close([lr[0]!, lr[1]!, lr[2]!, lr[3]!, lr[40]!, lr[41]!, lr[159]!], [0.01, 0.01, 0.009999981846569589, 0.009999927386411504, 0.009972414275571322, 0.00997098288791408, 0.009553690381320699]);
  });

  void it("without --steps-per-epoch it asks for the batches per epoch and draws nothing", () => {
    const r = readSchedules("train.py", sgdr);
    const s = r.schedules[0];
    assert.ok(s);
    assert.equal(s.total, undefined);
    assert.ok(s.assumptions.some((a) => a.input === "stepsPerEpoch"), JSON.stringify(s.assumptions));
  });

  void it("ReduceLROnPlateau.step(metric) is not an epoch argument", () => {
    const r = readSchedules("train.py", "import torch\nfrom torch import nn\nmodel = nn.Linear(2, 2)\noptimizer = torch.optim.SGD(model.parameters(), lr=0.1)\nscheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer)\nfor epoch in range(10):\n    val_loss = validate(model)\n    scheduler.step(val_loss)\n");
    assert.ok(!r.schedules[0]?.problems.some((p) => p.code === "unsupported-step-argument"));
  });
});
