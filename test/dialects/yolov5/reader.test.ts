// YOLOv5 hyp files as ultralytics/yolov5 ships them (data/hyps/hyp.scratch-low.yaml @ 5081342f, verbatim) and a
// run folder's hyp.yaml + opt.yaml. Expected values follow yolov5 train.py: nw = max(round(warmup_epochs * nb), 100),
// warmup while ni <= nw by np.interp, group 0 (biases) falling from warmup_bias_lr, LambdaLR stepped after each epoch.
import assert from "node:assert/strict";
import { test } from "node:test";
import { evaluate } from "../../../src/core/evaluate";
import { readYolov5Hyp } from "../../../src/dialects/yolov5/reader";
import { read } from "../keras/helpers";

const ctx = (inputs = {}, files: Record<string, string> = {}) => ({ inputs, files: { read: (p: string) => files[p] } });

const scratchLow = `# Ultralytics 🚀 AGPL-3.0 License - https://ultralytics.com/license

# Hyperparameters for low-augmentation COCO training from scratch
# Configuration docs: https://docs.ultralytics.com/usage/cfg
# Hyperparameter tuning docs: https://docs.ultralytics.com/guides/hyperparameter-tuning
# Augmentation docs: https://docs.ultralytics.com/guides/yolo-data-augmentation
# Example usage: python train.py --batch 64 --cfg yolov5n6.yaml --weights '' --data coco.yaml --img 640 --epochs 300

lr0: 0.01 # initial learning rate (SGD=1E-2, Adam=1E-3)
lrf: 0.01 # final OneCycleLR learning rate (lr0 * lrf)
momentum: 0.937 # SGD momentum/Adam beta1
weight_decay: 0.0005 # optimizer weight decay 5e-4
warmup_epochs: 3.0 # warmup epochs (fractions ok)
warmup_momentum: 0.8 # warmup initial momentum
warmup_bias_lr: 0.1 # warmup initial bias lr
box: 0.05 # box loss gain
cls: 0.5 # cls loss gain
cls_pw: 1.0 # cls BCELoss positive_weight
obj: 1.0 # obj loss gain (scale with pixels)
obj_pw: 1.0 # obj BCELoss positive_weight
iou_t: 0.20 # IoU training threshold
anchor_t: 4.0 # anchor-multiple threshold
# anchors: 3  # anchors per output layer (0 to ignore)
fl_gamma: 0.0 # focal loss gamma (efficientDet default gamma=1.5)
hsv_h: 0.015 # image HSV-Hue augmentation (fraction)
hsv_s: 0.7 # image HSV-Saturation augmentation (fraction)
hsv_v: 0.4 # image HSV-Value augmentation (fraction)
degrees: 0.0 # image rotation (+/- deg)
translate: 0.1 # image translation (+/- fraction)
scale: 0.5 # image scale (+/- gain)
shear: 0.0 # image shear (+/- deg)
perspective: 0.0 # image perspective (+/- fraction), range 0-0.001
flipud: 0.0 # image flip up-down (probability)
fliplr: 0.5 # image flip left-right (probability)
mosaic: 1.0 # image mosaic (probability)
mixup: 0.0 # image mixup (probability)
copy_paste: 0.0 # segment copy-paste (probability)
`;

void test("hyp.scratch-low.yaml: taken by the yolov5 reader, not the Ultralytics one; epochs and the command line are assumptions", () => {
  const r = read("data/hyps/hyp.scratch-low.yaml", { "data/hyps/hyp.scratch-low.yaml": scratchLow }, { stepsPerEpoch: 37 });
  assert.deepEqual(r.dialects, ["yolov5"]);
  const s = r.schedules[0]!;
  assert.equal(s.total?.value, 3700);
  assert.ok(s.assumptions.some((a) => a.input === "epochs" && a.value === 100));
  assert.ok(s.assumptions.some((a) => a.input === "commandLine" && /--cos-lr/.test(a.message)));
  assert.equal(s.groups.length, 3);
  assert.equal(s.groups[0]!.lr.range?.startLine, 8);
  const c = evaluate(s);
  const [bias, weight, bn] = c.groups as [Float64Array, Float64Array, Float64Array];
  // nw = max(round(3.0 * 37), 100) = 111; ni = 0: the bias group at warmup_bias_lr, the others at 0.
  assert.equal(bias[0], 0.1);
  assert.equal(weight[0], 0);
  assert.equal(bn[0], 0);
  // ni = 111 = nw, epoch 3: x["initial_lr"] * lf(3) = 0.01 * ((1 - 3 / 100) * (1.0 - 0.01) + 0.01)
  const lf = (x: number): number => (1 - x / 100) * (1.0 - 0.01) + 0.01;
  assert.equal(weight[111], 0.01 * lf(3));
  assert.equal(bias[111], 0.01 * lf(3));
  // After the warmup the epoch keeps what ni = nw set; epoch 4 runs with lf(3) (scheduler.step() after each epoch).
  assert.equal(weight[4 * 37], 0.01 * lf(3));
  assert.equal(weight[99 * 37], 0.01 * lf(98));
  // momentum: np.interp(ni, [0, nw], [warmup_momentum 0.8, momentum 0.937])
  assert.equal(c.momentum![0]![0], 0.8);
  assert.equal(c.momentum![0]![111], 0.937);
});

void test("the batches per epoch are needed: no length without them", () => {
  const s = readYolov5Hyp("hyp.yaml", scratchLow, ctx())!.schedules[0]!;
  assert.equal(s.total, undefined);
  assert.ok(s.assumptions.some((a) => a.input === "stepsPerEpoch" && a.value === undefined));
  // --dataset-size with train.py's --batch-size default 16: ceil(1000 / 16) = 63
  assert.equal(readYolov5Hyp("hyp.yaml", scratchLow, ctx({ datasetSize: 1000 }))!.schedules[0]!.total?.value, 6300);
});

void test("a run folder's opt.yaml gives epochs, --cos-lr and --optimizer", () => {
  const opt = "weights: yolov5s.pt\nhyp:\n  lr0: 0.01\nepochs: 30\nbatch_size: 32\nrect: false\nimgsz: 640\nsingle_cls: false\nmulti_scale: false\noptimizer: Adam\ncos_lr: true\nfreeze:\n- 0\n";
  const files = { "runs/train/exp/hyp.yaml": scratchLow, "runs/train/exp/opt.yaml": opt };
  const r = read("runs/train/exp/hyp.yaml", files, { stepsPerEpoch: 10 });
  const s = r.schedules.find((x) => x.dialect === "yolov5")!;
  assert.equal(s.total?.value, 300);
  assert.equal(s.epochs?.range?.file, "runs/train/exp/opt.yaml");
  assert.ok(!s.assumptions.some((a) => a.input === "epochs" || a.input === "commandLine"));
  assert.equal(s.groups[0]!.momentumKind, "beta1");
  const c = evaluate(s);
  // one_cycle(1, 0.01, 30) at epoch 10 (epoch 11 runs with lf(10)): ((1 - cos(10π/30)) / 2) * (0.01 - 1) + 1
  assert.equal(c.groups[1]![11 * 10 + 5], 0.01 * (((1 - Math.cos((10 * Math.PI) / 30)) / 2) * (0.01 - 1) + 1));
  // Adam: no "momentum" key, the warmup leaves beta1 alone.
  assert.equal(c.momentum![0]![0], 0.937);
});

void test("Ultralytics train args and other YAML are not hyp files", () => {
  assert.equal(readYolov5Hyp("args.yaml", "task: detect\nmode: train\nmodel: yolo11n.pt\nepochs: 100\nlr0: 0.01\nlrf: 0.01\ncos_lr: false\n", ctx()), undefined);
  assert.equal(readYolov5Hyp("default.yaml", "lr0: 0.01\nlrf: 0.01\nwarmup_bias_lr: 0.1\nnbs: 64\nbox: 7.5\n", ctx()), undefined);
  assert.equal(readYolov5Hyp("c.yaml", "learning_rate: 0.01\n", ctx()), undefined);
});

void test("PyYAML reads lr0: 1e-3 as a string; a missing key is train.py's KeyError", () => {
  const s = readYolov5Hyp("hyp.yaml", scratchLow.replace("lr0: 0.01", "lr0: 1e-3"), ctx({ stepsPerEpoch: 10 }))!.schedules[0]!;
  assert.ok(s.problems.some((p) => p.code === "invalid-value" && /string/.test(p.message) && p.range?.startLine === 8));
  assert.equal(s.total, undefined);
  const m = readYolov5Hyp("hyp.yaml", scratchLow.replace(/warmup_bias_lr: .*\n/, ""), ctx({ stepsPerEpoch: 10 }))!.schedules[0]!;
  assert.ok(m.problems.some((p) => p.code === "missing-hyperparameter" && /warmup_bias_lr/.test(p.message)));
});

void test("a pin of an older yolov5 release is a warning: its warmup and group order differ", () => {
  const s = readYolov5Hyp("hyp.yaml", scratchLow, ctx({ stepsPerEpoch: 10 }, { "requirements.txt": "yolov5==6.1.0\n" }))!.schedules[0]!;
  assert.ok(s.problems.some((p) => p.code === "framework-version" && p.severity === "warning"));
});

void test("a run's opt.yaml is YOLOv5's (its hyp map and arguments), not Ultralytics train args", () => {
  const opt = "weights: yolov5s.pt\nhyp:\n  lr0: 0.02\n  lrf: 0.1\n  momentum: 0.9\n  warmup_epochs: 1.0\n  warmup_momentum: 0.8\n  warmup_bias_lr: 0.1\n  anchor_t: 4.0\nepochs: 20\nbatch_size: 16\nimgsz: 640\nrect: false\nnoautoanchor: false\nevolve: null\nsingle_cls: false\nmulti_scale: false\noptimizer: SGD\ncos_lr: false\nfreeze:\n- 0\n";
  const r = read("runs/train/exp/opt.yaml", { "runs/train/exp/opt.yaml": opt }, { stepsPerEpoch: 50 });
  assert.deepEqual(r.dialects, ["yolov5"]);
  const s = r.schedules[0]!;
  assert.equal(s.total?.value, 1000);
  assert.equal(s.groups[0]!.lr.value, 0.02);
  assert.equal(s.groups[0]!.lr.range?.startLine, 2);
  assert.ok(!s.assumptions.some((a) => a.input === "epochs" || a.input === "commandLine"));
});
