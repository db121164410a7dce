import { test } from "node:test";
import assert from "node:assert/strict";
import { evaluate } from "../../../src/core/evaluate";
import { readSchedules, type WorkspaceFiles } from "../../../src/dialects/index";
import { readPaddleConfig } from "../../../src/dialects/paddle/reader";

const ws = (files: Record<string, string>): WorkspaceFiles => ({ read: (p) => files[p] });
const ctx = (inputs = {}, files: Record<string, string> = {}) => ({ inputs, files: ws(files) });

const clasCosine = `Global:
  epochs: 4
  device: gpu
Arch:
  name: PPLCNet_x1_0
Optimizer:
  name: Momentum
  momentum: 0.9
  lr:
    name: Cosine
    learning_rate: 0.8
    warmup_epoch: 5
`;

void test("PaddleClas: warmup_epoch ≥ epochs is cut to epochs (LRBase), so the whole run is warmup; T_max 0 → Constant", () => {
  // warmup_epoch 5 ≥ 4 → 4; warmup_steps = round(4 × 3) = 12 = the whole run; lr[t] = 0.8 × t / 12
  const r = readPaddleConfig("c.yaml", clasCosine, ctx({ stepsPerEpoch: 3 }))!;
  const s = r.schedules[0]!;
  assert.ok(s.problems.some((p) => p.code === "warmup-longer-than-training"));
  const c = evaluate(s);
  assert.equal(c.total, 12);
  assert.ok(Math.abs(c.groups[0]![6]! - 0.4) < 1e-15);
});

void test("PaddleClas without --steps-per-epoch: an assumption with a range names the missing input", () => {
  const r = readPaddleConfig("c.yaml", clasCosine, ctx())!;
  const s = r.schedules[0]!;
  const a = s.assumptions.find((x) => x.input === "stepsPerEpoch");
  assert.ok(a && a.value === undefined && a.range);
  assert.equal(s.total, undefined);
});

void test("PaddleClas: literal_eval makes a string 1e-4 a number; warmup_epoch rounds half to even", () => {
  const text = `Global:\n  epochs: 10\nArch:\n  name: ResNet50\nOptimizer:\n  name: AdamW\n  lr:\n    name: Cosine\n    learning_rate: 1e-4\n    warmup_epoch: 0.5\n`;
  // T_max = (10 - 0.5) × 5 = 47.5: a float, CosineAnnealingDecay raises TypeError
  const bad = readPaddleConfig("c.yaml", text, ctx({ stepsPerEpoch: 5 }))!;
  assert.ok(bad.problems.some((p) => p.code === "argument-not-int"));
  // with 4 per epoch: T_max = 38.0 (still a float) → error; so use a whole warmup and check the string lr
  const ok = readPaddleConfig("c.yaml", text.replace("0.5", "1"), ctx({ stepsPerEpoch: 5 }))!;
  assert.equal(ok.schedules[0]!.groups[0]!.lr.value, 1e-4);
  assert.equal(ok.schedules[0]!.groups[0]!.momentumKind, "beta1");
});

void test("PaddleClas Piecewise with learning_rate: ×0.1 every 30 epochs", () => {
  const text = `Global:\n  epochs: 90\nArch:\n  name: ResNet50\nOptimizer:\n  name: Momentum\n  momentum: 0.9\n  lr:\n    name: Piecewise\n    learning_rate: 0.1\n    by_epoch: True\n`;
  const s = readPaddleConfig("c.yaml", text, ctx())!.schedules[0]!;
  assert.equal(s.unit, "epoch");
  const c = evaluate(s);
  assert.equal(c.total, 90);
  assert.equal(c.groups[0]![29], 0.1);
  assert.ok(Math.abs(c.groups[0]![30]! - 0.01) < 1e-17);
  assert.ok(Math.abs(c.groups[0]![60]! - 0.001) < 1e-18);
});

void test("PaddleClas: a list of optimizers gives one group each, group 0 first", () => {
  const text = `Global:\n  epochs: 2\nArch:\n  name: RecModel\nOptimizer:\n  - SGD:\n      scope: RecModel\n      lr:\n        name: Constant\n        learning_rate: 0.01\n  - SGD:\n      scope: CenterLoss\n      lr:\n        name: Constant\n        learning_rate: 1000.0\n`;
  const s = readPaddleConfig("c.yaml", text, ctx({ stepsPerEpoch: 2 }))!.schedules[0]!;
  const c = evaluate(s);
  assert.deepEqual(Array.from(c.groups[0]!), [0.01, 0.01, 0.01, 0.01]);
  assert.deepEqual(Array.from(c.groups[1]!), [1000, 1000, 1000, 1000]);
});

void test("PaddleOCR Piecewise: warmup to values[0] from 0, boundaries × step_each_epoch", () => {
  const text = `Global:\n  epoch_num: 10\nArchitecture:\n  model_type: rec\nOptimizer:\n  name: Adam\n  lr:\n    name: Piecewise\n    decay_epochs: [4, 8]\n    values: [0.001, 0.0001, 0.00001]\n    warmup_epoch: 1\n`;
  const s = readPaddleConfig("rec.yml", text, ctx({ stepsPerEpoch: 10 }))!.schedules[0]!;
  const c = evaluate(s);
  // t < 10: 0.001 × t / 10; then PiecewiseDecay at t - 10: boundaries 40, 80 → t 50 is epoch 40 → 1e-4
  assert.ok(Math.abs(c.groups[0]![5]! - 0.0005) < 1e-18);
  assert.equal(c.groups[0]![49], 0.001);
  assert.equal(c.groups[0]![50], 0.0001);
  assert.equal(c.total, 100);
});

void test("PaddleOCR: a YAML 1.1 string like 5e-4 is an error (yaml.Loader keeps it a string)", () => {
  const text = `Global:\n  epoch_num: 10\nArchitecture:\n  model_type: rec\nOptimizer:\n  name: Adam\n  lr:\n    name: Cosine\n    learning_rate: 5e-4\n`;
  const r = readPaddleConfig("rec.yml", text, ctx({ stepsPerEpoch: 10 }))!;
  assert.equal(r.schedules.length, 0);
  const p = r.problems.find((x) => x.code === "number-is-string");
  assert.ok(p && p.range && p.range.startLine === 8);
});

void test("PaddleDetection: defaults when LearningRate has no schedulers; warmup by epochs; default optimizer momentum", () => {
  const text = `epoch: 12\nLearningRate:\n  base_lr: 0.02\n`;
  const s = readPaddleConfig("opt.yml", text, ctx({ stepsPerEpoch: 100 }))!.schedules[0]!;
  const c = evaluate(s);
  // LinearWarmup(steps 500, start 1/3), then 0.02 until 8 × 100, ×0.1 until 1100, ×0.01 after
  assert.ok(Math.abs(c.groups[0]![0]! - 0.02 / 3) < 1e-15);
  assert.equal(c.groups[0]![500], 0.02);
  assert.ok(Math.abs(c.groups[0]![800]! - 0.002) < 1e-15);
  assert.ok(Math.abs(c.groups[0]![1100]! - 0.0002) < 1e-15);
  assert.equal(c.momentum?.[0]![0], 0.9);
});

void test("PaddleDetection: PiecewiseDecay values with warmup raise in ppdet (values shorter than boundaries)", () => {
  const text = `epoch: 12\nLearningRate:\n  base_lr: 0.01\n  schedulers:\n  - !PiecewiseDecay\n    milestones: [8, 11]\n    values: [0.01, 0.001, 0.0001]\n  - !LinearWarmup\n    steps: 10\n`;
  const r = readSchedules("opt.yml", text, { stepsPerEpoch: 10 });
  const c = evaluate(r.schedules[0]!);
  assert.ok(c.problems.some((p) => /one more element/.test(p.message)));
});

void test("PaddleDetection: later _BASE_ files override earlier ones, the file overrides all, dicts merge", () => {
  const files = {
    "cfg/a.yml": "epoch: 10\nLearningRate:\n  base_lr: 0.1\n  schedulers:\n  - !PiecewiseDecay\n    milestones: [5]\n    use_warmup: false\n",
    "cfg/b.yml": "epoch: 20\nLearningRate:\n  base_lr: 0.2\n",
    "cfg/main.yml": "_BASE_: ['a.yml', 'b.yml']\narchitecture: YOLOv3\nLearningRate:\n  base_lr: 0.3\n",
  };
  const s = readSchedules("cfg/main.yml", files["cfg/main.yml"], { stepsPerEpoch: 2 }, ws(files)).schedules[0]!;
  assert.equal(s.dialect, "paddle");
  assert.equal(s.total?.value, 40);
  assert.equal(s.groups[0]!.lr.value, 0.3);
  assert.equal(s.groups[0]!.lr.range?.file, "cfg/main.yml");
  const c = evaluate(s);
  assert.equal(c.groups[0]![9], 0.3);
  // gamma defaults to the list [0.1, 0.01] even with one milestone: values [0.3, 0.03, 0.003] and
  // PiecewiseDecay returns the LAST value past the last boundary, so 0.003, not 0.03.
  assert.ok(Math.abs(c.groups[0]![10]! - 0.003) < 1e-16);
});

void test("PaddleSeg: an earlier _base_ wins over a later one; missing iters → an assumption", () => {
  const files = {
    "c/x.yml": "iters: 100\nlr_scheduler:\n  type: PolynomialDecay\n  learning_rate: 0.1\n  end_lr: 0\n",
    "c/y.yml": "iters: 300\nlr_scheduler:\n  type: PolynomialDecay\n  learning_rate: 0.5\n",
    "c/m.yml": "_base_: ['x.yml', 'y.yml']\nmodel:\n  type: OCRNet\n",
    "c/n.yml": "lr_scheduler:\n  type: StepDecay\n  learning_rate: 0.1\n  step_size: 10\nmodel:\n  type: UNet\n",
  };
  const s = readSchedules("c/m.yml", files["c/m.yml"], {}, ws(files)).schedules[0]!;
  assert.equal(s.total?.value, 100);
  assert.equal(evaluate(s).groups[0]![0], 0.1);
  const n = readSchedules("c/n.yml", files["c/n.yml"], {}, ws(files)).schedules[0]!;
  assert.ok(n.assumptions.some((a) => a.input === "totalSteps" && a.value === undefined));
  const n2 = readSchedules("c/n.yml", files["c/n.yml"], { totalSteps: 25 }, ws(files)).schedules[0]!;
  const c = evaluate(n2);
  assert.equal(c.total, 25);
  assert.ok(Math.abs(c.groups[0]![20]! - 0.001) < 1e-17);
});

void test("YAML of other tools is left alone", () => {
  const others = [
    "lr_scheduler:\n  class_path: torch.optim.lr_scheduler.StepLR\ntrainer:\n  max_epochs: 3\nmodel:\n  x: 1\n",
    "model_name_or_path: llama\nlr_scheduler_type: cosine\nlearning_rate: 1.0e-4\n",
    "_BASE_: Base-RCNN-FPN.yaml\nSOLVER:\n  BASE_LR: 0.02\n  STEPS: (60000, 80000)\n",
    "epochs: 100\nlr: 0.1\nsched: cosine\n",
    "lr0: 0.01\nlrf: 0.01\nepochs: 100\n",
  ];
  for (const t of others) assert.equal(readPaddleConfig("x.yaml", t, ctx({ stepsPerEpoch: 3 })), undefined, t);
});
