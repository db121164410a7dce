import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { evaluate } from "../../../src/core/evaluate";
import { readSchedules, type WorkspaceFiles } from "../../../src/dialects/index";
import { readMmengineConfig } from "../../../src/dialects/mmengine/reader";

function workspace(files: Record<string, string>): WorkspaceFiles {
  return { read: (p) => files[p] };
}

const schedule1x = `train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=12, val_interval=1)
param_scheduler = [
    dict(type='LinearLR', start_factor=0.001, by_epoch=False, begin=0, end=500),
    dict(type='MultiStepLR', begin=0, end=12, by_epoch=True, milestones=[8, 11], gamma=0.1)
]
optim_wrapper = dict(type='OptimWrapper', optimizer=dict(type='SGD', lr=0.02, momentum=0.9, weight_decay=0.0001))
auto_scale_lr = dict(enable=False, base_batch_size=16)
`;

void test("a child with only _base_ yields the inherited schedule; its own keys merge over the base", () => {
  const files = {
    "cfg/_base_/schedules/schedule_1x.py": schedule1x,
    "cfg/exp/child.py": "_base_ = ['../_base_/schedules/schedule_1x.py']\ntrain_cfg = dict(max_epochs=24)\noptim_wrapper = dict(optimizer=dict(lr=0.01))\n",
  };
  const r = readSchedules("cfg/exp/child.py", files["cfg/exp/child.py"], { stepsPerEpoch: 10 }, workspace(files));
  assert.deepEqual(r.dialects.includes("mmengine"), true);
  const s = r.schedules[0]!;
  assert.equal(s.total?.value, 240);
  assert.equal(s.groups[0]!.lr.value, 0.01);
  // momentum kept from the base (dicts merge key by key)
  assert.equal(s.groups[0]!.momentum?.value, 0.9);
  assert.equal(s.groups[0]!.lr.range?.file, "cfg/exp/child.py");
  const c = evaluate(s);
  assert.ok(Math.abs(c.groups[0]![0]! - 0.01 * 0.001) < 1e-18);
});

void test("_delete_=True replaces the base dict; {{_base_.x}} and _base_.x read base values", () => {
  const files = {
    "b.py": "max_epochs = 7\noptim_wrapper = dict(optimizer=dict(type='SGD', lr=0.1, momentum=0.9))\ntrain_cfg = dict(by_epoch=True, max_epochs=max_epochs)\nparam_scheduler = dict(type='StepLR', step_size=2)\n",
    "c.py": "_base_ = 'b.py'\noptim_wrapper = dict(optimizer=dict(_delete_=True, type='AdamW', lr=0.001))\ntrain_cfg = dict(max_epochs={{_base_.max_epochs}} * 2)\n",
  };
  const r = readSchedules("c.py", files["c.py"], { stepsPerEpoch: 1 }, workspace(files));
  const s = r.schedules[0]!;
  assert.equal(s.groups[0]!.lr.value, 0.001);
  assert.equal(s.groups[0]!.momentumKind, "beta1");
  assert.equal(s.total?.value, 14);
});

void test("new-style read_base(): names imported from the base, changed with .update()", () => {
  const files = {
    "configs/_base_/schedules/s.py": "from mmengine.optim import LinearLR, MultiStepLR\nfrom torch.optim import SGD\noptim_wrapper = dict(optimizer=dict(type=SGD, lr=0.02, momentum=0.9))\ntrain_cfg = dict(by_epoch=True, max_epochs=12)\nparam_scheduler = [dict(type=LinearLR, start_factor=0.001, by_epoch=False, begin=0, end=500), dict(type=MultiStepLR, begin=0, end=12, by_epoch=True, milestones=[8, 11], gamma=0.1)]\n",
    "configs/det/x.py": "from mmengine.config import read_base\n\nwith read_base():\n    from .._base_.schedules.s import *\n\nmax_epochs = 24\ntrain_cfg.update(max_epochs=max_epochs)\nparam_scheduler[1].update(dict(end=max_epochs, milestones=[16, 22]))\n",
  };
  const r = readSchedules("configs/det/x.py", files["configs/det/x.py"], { stepsPerEpoch: 80 }, workspace(files));
  const s = r.schedules[0]!;
  assert.equal(s.total?.value, 1920);
  const c = evaluate(s);
  // MultiStep at epoch 16: 0.02 × 0.1 from iteration 16 × 80.
  assert.ok(Math.abs(c.groups[0]![16 * 80]! - 0.002) < 1e-12);
  assert.ok(Math.abs(c.groups[0]![16 * 80 - 1]! - 0.02) < 1e-12);
});

void test("a missing base and a cycle are problems with the chain and the range of the path", () => {
  const missing = readSchedules("a.py", "_base_ = ['./nope.py']\n", {}, workspace({}));
  const p = missing.problems.find((x) => x.code === "base-missing")!;
  assert.ok(p && p.range?.startLine === 0 && /a\.py → nope\.py/.test(p.message));
  const files = { "x.py": "_base_ = 'y.py'\n", "y.py": "_base_ = 'x.py'\n" };
  const cyc = readSchedules("x.py", files["x.py"], {}, workspace(files));
  assert.ok(cyc.problems.some((x) => x.code === "base-cycle" && /x\.py → y\.py → x\.py/.test(x.message)));
});

void test("epoch-based loop without steps per epoch: an assumption without a value, pointing at train_cfg", () => {
  const r = readSchedules("s.py", schedule1x, {}, workspace({}));
  const a = r.schedules[0]!.assumptions.find((x) => x.input === "stepsPerEpoch")!;
  assert.equal(a.value, undefined);
  assert.equal(a.range?.startLine, 0);
  assert.equal(r.schedules[0]!.total, undefined);
});

void test("auto_scale_lr with enable=True: lr × devices × batch_size / base_batch_size; devices assumed 1", () => {
  const text = schedule1x.replace("enable=False", "enable=True") + "train_dataloader = dict(batch_size=4)\n";
  const one = readSchedules("s.py", text, { stepsPerEpoch: 10 }, workspace({})).schedules[0]!;
  assert.ok(Math.abs(one.groups[0]!.lr.value - 0.02 * (4 / 16)) < 1e-15);
  assert.equal(one.assumptions.find((a) => a.input === "devices")?.value, 1);
  const eight = readSchedules("s.py", text, { stepsPerEpoch: 10, devices: 8 }, workspace({})).schedules[0]!;
  assert.ok(Math.abs(eight.groups[0]!.lr.value - 0.02 * 2) < 1e-15);
});

void test("mmcv 1.x lr_config with runner and warmup", () => {
  const text = "optimizer = dict(type='SGD', lr=0.02, momentum=0.9)\nlr_config = dict(policy='step', warmup='linear', warmup_iters=500, warmup_ratio=0.001, step=[8, 11])\nrunner = dict(type='EpochBasedRunner', max_epochs=12)\n";
  const s = readSchedules("old.py", text, { stepsPerEpoch: 100 }, workspace({})).schedules[0]!;
  const c = evaluate(s);
  assert.equal(c.total, 1200);
  // warmup: k = (1 - 0/500) × 0.999 → 0.02 × 0.001 at iteration 0.
  assert.ok(Math.abs(c.groups[0]![0]! - 0.02 * (1 - 0.999)) < 1e-15);
  assert.ok(Math.abs(c.groups[0]![800]! - 0.002) < 1e-15);
});

void test("files of other tools are not claimed", () => {
  const torchScript = "import torch\noptimizer = torch.optim.SGD(model.parameters(), lr=0.1)\nscheduler = torch.optim.lr_scheduler.StepLR(optimizer, 30)\n";
  assert.equal(readMmengineConfig("train.py", torchScript, { inputs: {}, files: workspace({}) }), undefined);
  assert.equal(readMmengineConfig("model.py", "model = dict(type='ResNet', depth=50)\n", { inputs: {}, files: workspace({}) }), undefined);
});

void test("a config whose chain has no schedule says why", () => {
  const files = { "m.py": "model = dict(type='X')\n", "c.py": "_base_ = ['m.py']\n" };
  const r = readSchedules("c.py", files["c.py"], {}, workspace(files));
  assert.equal(r.schedules.length, 0);
  assert.ok(r.problems.some((p) => p.code === "no-schedule"));
});

void test("golden mm* cases through the reader and the core", () => {
  const dir = "test/golden";
  for (const name of readdirSync(dir).filter((n) => n.startsWith("mm"))) {
    const g = JSON.parse(readFileSync(join(dir, name), "utf8")) as { files: Record<string, string>; entry: string; options: { stepsPerEpoch?: number }; total: number; lr: [number, number][] };
    const r = readSchedules(g.entry, g.files[g.entry]!, g.options, workspace(g.files));
    const c = evaluate(r.schedules[0]!);
    assert.equal(c.total, g.total, name);
    for (const [t, v] of g.lr) assert.ok(Math.abs(c.groups[0]![t]! - v) <= 1e-6 * Math.abs(v), `${name} tick ${t}`);
  }
});
