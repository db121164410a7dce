import assert from "node:assert/strict";
import { test } from "node:test";
import { evaluate } from "../../../src/core/evaluate";
import { readSchedules, type Inputs } from "../../../src/dialects/index";
import { readDetectron2Lazy } from "../../../src/dialects/detectron2/lazy";

function read(entry: string, files: Record<string, string>, inputs: Inputs = {}) {
  return readSchedules(entry, files[entry]!, inputs, { read: (p) => files[p] });
}

const optim = `import torch
from detectron2.config import LazyCall as L
from detectron2.solver.build import get_default_optimizer_params

SGD = L(torch.optim.SGD)(params=L(get_default_optimizer_params)(weight_decay_norm=0.0), lr=0.02, momentum=0.9, weight_decay=1e-4)
AdamW = L(torch.optim.AdamW)(params=L(get_default_optimizer_params)(base_lr="\${..lr}", weight_decay_norm=0.0), lr=1e-4, betas=(0.9, 0.999), weight_decay=0.1)
`;
const train = `train = dict(output_dir="./output", max_iter=90000, amp=dict(enabled=False), checkpointer=dict(period=5000))\n`;

void test("relative imports, L(...) nodes and attribute assignments build the schedule", () => {
  const entry = `from detectron2.config import LazyCall as L
from detectron2.solver import WarmupParamScheduler
from fvcore.common.param_scheduler import MultiStepParamScheduler
from ..common.optim import SGD as optimizer
from ..common.train import train

train.max_iter = 1000
lr_multiplier = L(WarmupParamScheduler)(
    scheduler=L(MultiStepParamScheduler)(values=[1.0, 0.1], milestones=[800], num_updates=train.max_iter),
    warmup_length=100 / train.max_iter,
    warmup_factor=0.01,
)
lr_multiplier.scheduler.milestones = [m // 2 for m in lr_multiplier.scheduler.milestones]
optimizer.lr = 0.1
`;
  const files = { "configs/common/optim.py": optim, "configs/common/train.py": train, "configs/x/a.py": entry };
  const { schedules, dialects } = read("configs/x/a.py", files);
  assert.deepEqual(dialects, ["detectron2"]);
  const s = schedules[0]!;
  assert.equal(s.total?.value, 1000);
  assert.equal(s.groups[0]!.lr.value, 0.1);
  assert.equal(s.groups[0]!.momentum?.value, 0.9);
  const lr = evaluate(s).groups[0]!;
  // warmup 0.01 → scheduler(0.1) = 1 over 100 iterations; milestone 400 after the comprehension.
  assert.ok(Math.abs(lr[0]! - 0.001) < 1e-15);
  assert.ok(Math.abs(lr[50]! - 0.1 * (0.5 + 0.01 * 0.5)) < 1e-15);
  assert.equal(lr[399], 0.1);
  assert.ok(Math.abs(lr[400]! - 0.01) < 1e-15);
});

void test("AdamW's base_lr '${..lr}' follows a later optimizer.lr; β1 is the momentum", () => {
  const entry = `from detectron2 import model_zoo
from detectron2.config import LazyCall as L
from fvcore.common.param_scheduler import CosineParamScheduler

train = model_zoo.get_config("common/train.py").train
optimizer = model_zoo.get_config("common/optim.py").AdamW
optimizer.lr = 3e-4
lr_multiplier = L(CosineParamScheduler)(start_value=1.0, end_value=0.0)
`;
  const s = read("proj/configs/a.py", { "proj/configs/a.py": entry }).schedules[0]!;
  assert.equal(s.groups[0]!.lr.value, 3e-4);
  assert.equal(s.groups[0]!.momentumKind, "beta1");
  // common/train.py from detectron2's own model zoo: max_iter 90000.
  assert.equal(s.total?.value, 90000);
});

void test("without train.max_iter the total is an assumption for --total-steps", () => {
  const entry = `from detectron2.config import LazyCall as L
from fvcore.common.param_scheduler import CosineParamScheduler
import torch
optimizer = L(torch.optim.SGD)(params=None, lr=0.1, momentum=0.9)
lr_multiplier = L(CosineParamScheduler)(start_value=1.0, end_value=0.0)
`;
  const s = read("a.py", { "a.py": entry }).schedules[0]!;
  assert.equal(s.total, undefined);
  const a = s.assumptions.find((x) => x.input === "totalSteps");
  assert.ok(a && a.value === undefined);
  const t = read("a.py", { "a.py": entry }, { totalSteps: 200 }).schedules[0]!;
  assert.equal(t.total?.value, 200);
  assert.ok(Math.abs(evaluate(t).groups[0]![100]! - 0.05) < 1e-15);
});

void test("a missing imported config is an error with the import's range", () => {
  const entry = `from ..common.coco_schedule_custom import lr_multiplier_1x as lr_multiplier\nfrom detectron2.config import LazyCall as L\ntrain = dict(max_iter=10)\n`;
  const r = read("configs/x/a.py", { "configs/x/a.py": entry });
  const p = r.problems.find((x) => x.code === "import-missing");
  assert.ok(p && p.range?.startLine === 0);
});

void test("plain PyTorch scripts and MMEngine configs are not claimed", () => {
  const ctx = { inputs: {}, files: { read: () => undefined } };
  assert.equal(readDetectron2Lazy("t.py", "import torch\nfrom .model import Net\noptimizer = torch.optim.SGD(Net().parameters(), lr=0.1)\n", ctx), undefined);
  assert.equal(readDetectron2Lazy("m.py", "_base_ = ['./a.py']\noptimizer = dict(type='SGD', lr=0.01)\n", ctx), undefined);
});
