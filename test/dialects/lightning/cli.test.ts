// LightningCLI YAML configs, in the shape `--print_config` writes them (in our own words).
import assert from "node:assert/strict";
import { test } from "node:test";
import { evaluate } from "../../../src/core/evaluate";
import type { ScheduleDescription } from "../../../src/core/schedule";
import { readSchedules, type Inputs } from "../../../src/dialects";

function one(text: string, inputs: Inputs = {}): ScheduleDescription {
  const r = readSchedules("config.yaml", text, inputs);
  assert.deepEqual(r.dialects, ["lightning"]);
  assert.equal(r.schedules.length, 1);
  return r.schedules[0]!;
}

void test("class_path + init_args: stepped once per epoch for max_epochs", () => {
  const s = one(`trainer:
  max_epochs: 6
optimizer:
  class_path: torch.optim.Adam
  init_args:
    lr: 1e-3
lr_scheduler:
  class_path: torch.optim.lr_scheduler.ExponentialLR
  init_args:
    gamma: 0.5
`);
  assert.equal(s.unit, "epoch");
  assert.equal(s.total?.value, 6);
  // jsonargparse reads 1e-3 as a float (PyYAML alone would not).
  assert.equal(s.groups[0]?.lr.value, 1e-3);
  assert.equal(s.groups[0]?.momentum?.value, 0.9);
  const lr = Array.from(evaluate(s).groups[0]!);
  assert.deepEqual(lr, [0.001, 0.0005, 0.00025, 0.000125, 0.0000625, 0.00003125]);
});

void test("short class names, the fit: section, and torch defaults", () => {
  const s = one(`fit:
  trainer:
    max_epochs: 4
  optimizer:
    class_path: SGD
    init_args: {lr: 0.1}
  lr_scheduler:
    class_path: StepLR
    init_args: {step_size: 2}
`);
  // StepLR gamma default 0.1; SGD momentum default 0.
  assert.deepEqual(Array.from(evaluate(s).groups[0]!).map((x) => Number(x.toPrecision(12))), [0.1, 0.1, 0.01, 0.01]);
  assert.equal(s.program.family === "torch" && s.program.schedulers[0]?.args.gamma?.origin.kind, "default");
});

void test("no max_epochs nor max_steps: Lightning's default of 1000 epochs, said so", () => {
  const s = one(`model: {hidden: 3}
optimizer: {class_path: torch.optim.SGD, init_args: {lr: 0.1}}
lr_scheduler: {class_path: torch.optim.lr_scheduler.CosineAnnealingLR, init_args: {T_max: 1000}}
`);
  assert.equal(s.total?.value, 1000);
  assert.equal(s.total?.origin.kind, "default");
  assert.ok(s.problems.some((p) => p.code === "default-max-epochs"));
});

void test("max_steps alone: the epochs need --steps-per-epoch", () => {
  const text = `trainer:
  max_steps: 1000
optimizer: {class_path: torch.optim.SGD, init_args: {lr: 0.1}}
lr_scheduler: {class_path: torch.optim.lr_scheduler.StepLR, init_args: {step_size: 3}}
`;
  const s = one(text);
  assert.equal(s.total, undefined);
  const a = s.assumptions.find((x) => x.input === "stepsPerEpoch");
  assert.ok(a && a.value === undefined && a.range?.startLine === 1);
  const given = one(text, { stepsPerEpoch: 300 });
  // ceil(1000 / 300) = 4 epochs, the last one partial.
  assert.equal(given.total?.value, 4);
});

void test("a required argument missing, an unknown class, ReduceLROnPlateau", () => {
  const missing = one(`trainer: {max_epochs: 3}
optimizer: {class_path: torch.optim.SGD, init_args: {lr: 0.1}}
lr_scheduler: {class_path: torch.optim.lr_scheduler.StepLR}
`);
  assert.ok(missing.problems.some((p) => p.severity === "error" && p.message.includes("step_size is required")));
  const custom = one(`trainer: {max_epochs: 3}
optimizer: {class_path: torch.optim.SGD, init_args: {lr: 0.1}}
lr_scheduler: {class_path: my.sched.WarmupThing}
`);
  assert.ok(custom.problems.some((p) => p.code === "scheduler-unknown"));
  const plateau = one(`trainer: {max_epochs: 3}
optimizer: {class_path: torch.optim.SGD, init_args: {lr: 0.1}}
lr_scheduler: {class_path: lightning.pytorch.cli.ReduceLROnPlateau, init_args: {monitor: val_loss, patience: 2}}
`);
  assert.ok(plateau.problems.some((p) => p.code === "plateau"));
  assert.deepEqual(Array.from(evaluate(plateau).groups[0]!), [0.1, 0.1, 0.1]);
});

void test("YAML of other tools is left alone", () => {
  for (const text of [
    "base_model: x\noptimizer: adamw_torch\nlr_scheduler: cosine\nnum_epochs: 3\n",
    "trainer:\n  max_epochs: 3\nmodel:\n  optim:\n    name: adam\n",
    "sched: cosine\nepochs: 300\nlr: 0.1\n",
  ]) {
    const r = readSchedules("config.yaml", text);
    assert.ok(!r.dialects.includes("lightning"), text);
  }
});

void test("an optimizer without lr_scheduler: a constant LR", () => {
  const s = one(`trainer: {max_epochs: 2}
optimizer: {class_path: torch.optim.AdamW, init_args: {lr: 0.01}}
`);
  assert.deepEqual(Array.from(evaluate(s).groups[0]!), [0.01, 0.01]);
});
