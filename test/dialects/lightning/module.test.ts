// LightningModules read statically: __init__, save_hyperparameters, configure_optimizers and the Trainer.
import assert from "node:assert/strict";
import { test } from "node:test";
import { evaluate } from "../../../src/core/evaluate";
import type { ScheduleDescription } from "../../../src/core/schedule";
import { readSchedules, type Inputs } from "../../../src/dialects";

function one(text: string, inputs: Inputs = {}): ScheduleDescription {
  const r = readSchedules("model.py", text, inputs);
  // Only the Lightning reader takes a LightningModule: the PyTorch reader reports nothing for it.
  assert.deepEqual(r.dialects, ["lightning"]);
  assert.equal(r.schedules.length, 1);
  return r.schedules[0]!;
}

const round = (xs: Float64Array): number[] => Array.from(xs, (x) => Number(x.toPrecision(12)));

void test("[optimizers], [schedulers] with hparams, the model's arguments and Trainer(max_epochs)", () => {
  const s = one(`import torch
import lightning as L

class Net(L.LightningModule):
    def __init__(self, lr=0.01, gamma=0.5):
        super().__init__()
        self.save_hyperparameters()

    def configure_optimizers(self):
        opt = torch.optim.SGD(self.parameters(), lr=self.hparams.lr, momentum=0.9)
        sched = torch.optim.lr_scheduler.StepLR(opt, 2, gamma=self.hparams.gamma)
        return [opt], [sched]

if __name__ == "__main__":
    trainer = L.Trainer(max_epochs=5)
    trainer.fit(Net(lr=0.2))
`);
  assert.equal(s.unit, "epoch");
  assert.equal(s.total?.value, 5);
  assert.equal(s.source.startLine, 10);
  // lr 0.2 from Net(lr=0.2), gamma 0.5 from the default.
  assert.deepEqual(round(evaluate(s).groups[0]!), [0.2, 0.2, 0.1, 0.1, 0.05]);
});

void test("interval step from the lr_scheduler dict, estimated_stepping_batches from --total-steps", () => {
  const text = `import torch
from pytorch_lightning import LightningModule

class M(LightningModule):
    def __init__(self):
        super().__init__()
        self.lr = 0.001

    def configure_optimizers(self):
        optimizer = torch.optim.AdamW(self.parameters(), lr=self.lr)
        scheduler = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.5, total_iters=self.trainer.estimated_stepping_batches)
        return {"optimizer": optimizer, "lr_scheduler": {"scheduler": scheduler, "interval": "step"}}
`;
  const missing = one(text);
  assert.equal(missing.unit, "step");
  assert.ok(missing.assumptions.some((a) => a.input === "totalSteps" && a.value === undefined && a.range?.startLine === 10));
  const s = one(text, { totalSteps: 4 });
  assert.equal(s.total?.value, 4);
  // LinearLR 0.5 → 1 over 4 steps: 0.5, 0.625, 0.75, 0.875 (× 0.001)
  const lr = evaluate(s).groups[0]!;
  assert.ok(Math.abs(lr[1]! - 0.000625) < 1e-15);
  assert.equal(s.groups[0]?.momentumKind, "beta1");
});

void test("frequency: stepped after every n-th epoch", () => {
  const s = one(`import torch
import lightning.pytorch as pl

class M(pl.LightningModule):
    def configure_optimizers(self):
        opt = torch.optim.SGD(self.parameters(), lr=1.0)
        return {"optimizer": opt, "lr_scheduler": {"scheduler": torch.optim.lr_scheduler.ExponentialLR(opt, 0.5), "interval": "epoch", "frequency": 3}}

trainer = pl.Trainer(max_epochs=7)
`);
  // (epoch + 1) % 3 == 0 → steps after epochs 2 and 5.
  assert.deepEqual(Array.from(evaluate(s).groups[0]!), [1, 1, 1, 0.5, 0.5, 0.5, 0.25]);
});

void test("a Trainer built in another file: the length is asked for", () => {
  const s = one(`import torch, lightning as L
class M(L.LightningModule):
    def configure_optimizers(self):
        opt = torch.optim.SGD(self.parameters(), lr=0.1)
        return [opt], [torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=10)]
`);
  assert.equal(s.total, undefined);
  assert.ok(s.assumptions.some((a) => a.input === "epochs" && a.value === undefined));
});

void test("plain PyTorch scripts stay with the PyTorch reader", () => {
  const r = readSchedules("train.py", `import torch
model = torch.nn.Linear(2, 2)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
sched = torch.optim.lr_scheduler.StepLR(opt, 3)
for epoch in range(10):
    sched.step()
`);
  assert.deepEqual(r.dialects, ["pytorch"]);
});

void test("a configure_optimizers this reader cannot follow says so", () => {
  const r = readSchedules("model.py", `import lightning as L
from mylib import build_optimizer
class M(L.LightningModule):
    def configure_optimizers(self):
        return build_optimizer(self)
`);
  assert.deepEqual(r.dialects, ["lightning"]);
  assert.equal(r.schedules.length, 0);
  assert.ok(r.problems.some((p) => p.code === "configure-optimizers-not-static" && p.range?.startLine === 3));
});
