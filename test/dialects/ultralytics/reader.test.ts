// Ultralytics reader: train-args YAML, `model.train(...)` in Python, `yolo train` lines; which files it leaves
// to others; what it asks for; the release it follows; optimizer auto's own choice.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluate } from "../../../src/core/evaluate";
import type { ScheduleDescription } from "../../../src/core/schedule";
import { readSchedules, type Inputs } from "../../../src/dialects";
import { readUltralytics } from "../../../src/dialects/ultralytics/reader";
import { pyRoundDigits } from "../../../src/dialects/ultralytics/run";

function read(entry: string, files: Record<string, string>, inputs: Inputs = {}): ScheduleDescription[] | undefined {
  const r = readUltralytics(entry, files[entry]!, { inputs, files: { read: (p) => files[p] } });
  return r?.schedules as ScheduleDescription[] | undefined;
}
function one(entry: string, files: Record<string, string>, inputs: Inputs = {}): ScheduleDescription {
  const s = read(entry, files, inputs);
  assert.ok(s && s.length === 1, `one schedule from ${entry}`);
  return s[0]!;
}
const codes = (s: ScheduleDescription): string[] => s.problems.map((p) => p.code);

void describe("recognising files", () => {
  void it("takes a run's args.yaml and a cfg YAML, leaves YOLOv5 hyp files, data YAML and timm args alone", () => {
    assert.ok(read("args.yaml", { "args.yaml": "task: detect\nmode: train\nmodel: yolo11n.pt\nepochs: 100\nlr0: 0.01\nlrf: 0.01\ncos_lr: false\nnbs: 64\n" }));
    assert.ok(read("custom.yaml", { "custom.yaml": "lr0: 0.001\nwarmup_bias_lr: 0.0\nmosaic: 0.5\n" }));
    assert.equal(read("hyp.scratch-low.yaml", { "hyp.scratch-low.yaml": "lr0: 0.01\nlrf: 0.01\nmomentum: 0.937\nwarmup_epochs: 3.0\nwarmup_bias_lr: 0.1\nbox: 0.05\ncls: 0.5\nobj: 1.0\nobj_pw: 1.0\niou_t: 0.2\nanchor_t: 4.0\nfl_gamma: 0.0\n" }), undefined);
    assert.equal(read("coco8.yaml", { "coco8.yaml": "path: ../datasets/coco8\ntrain: images/train\nval: images/val\nnames:\n  0: person\n" }), undefined);
    assert.equal(read("args.yaml", { "args.yaml": "model: resnet50\nsched: cosine\nlr: 0.1\nepochs: 90\nwarmup_epochs: 5\n" }), undefined);
  });
  void it("takes .train() on a YOLO/RTDETR model, not other .train() calls or other scripts", () => {
    assert.ok(read("a.py", { "a.py": "from ultralytics import RTDETR\nm = RTDETR('rtdetr-l.pt')\nm.train(data='coco8.yaml', epochs=3)\n" }));
    assert.equal(read("b.py", { "b.py": "import torch\nmodel = torch.nn.Linear(2, 2)\nmodel.train()\n" }), undefined);
    assert.equal(read("c.py", { "c.py": "from ultralytics import YOLO\nYOLO('yolo11n.pt').predict('bus.jpg')\n" }), undefined);
    assert.equal(read("run.sh", { "run.sh": "yolo predict model=yolo11n.pt source=bus.jpg\n" }), undefined);
  });
  void it("is listed before pytorch and names its dialect", () => {
    const r = readSchedules("train.py", "from ultralytics import YOLO\nYOLO('yolo11n.pt').train(data='coco8.yaml', epochs=2, optimizer='SGD')\n", { stepsPerEpoch: 4 });
    assert.equal(r.dialects[0], "ultralytics");
    assert.equal(r.schedules[0]?.unit, "step");
  });
});

void describe("what the files say and what they do not", () => {
  void it("the batches per epoch are an input, asked for at the data argument", () => {
    const s = one("train.py", { "train.py": "from ultralytics import YOLO\n\nmodel = YOLO('yolo11n.pt')\nmodel.train(\n    data='my.yaml',\n    epochs=20,\n    optimizer='SGD',\n)\n" });
    const a = s.assumptions.find((x) => x.input === "stepsPerEpoch");
    assert.ok(a && a.value === undefined);
    assert.equal(a.range?.startLine, 4);
    assert.equal(s.total, undefined);
  });
  void it("--dataset-size gives ceil(images / batch) batches per epoch", () => {
    const s = one("train.py", { "train.py": "from ultralytics import YOLO\nYOLO('yolo11n.pt').train(data='my.yaml', epochs=20, batch=32, optimizer='SGD')\n" }, { datasetSize: 1000 });
    assert.equal(s.stepsPerEpoch?.value, 32); // ceil(1000 / 32)
    assert.equal(s.total?.value, 640);
  });
  void it("values from variables and argparse defaults; a value it cannot read is an error at its range", () => {
    const ok = one("train.py", { "train.py": "import argparse\nfrom ultralytics import YOLO\np = argparse.ArgumentParser()\np.add_argument('--epochs', type=int, default=40)\nargs = p.parse_args()\nLR = 0.02\nYOLO('yolo11n.pt').train(epochs=args.epochs, lr0=LR * 0.5, optimizer='SGD')\n" }, { stepsPerEpoch: 10 });
    assert.equal(ok.epochs?.value, 40);
    assert.equal(ok.groups[0]?.lr.value, 0.01);
    const bad = one("train.py", { "train.py": "import os\nfrom ultralytics import YOLO\nYOLO('yolo11n.pt').train(epochs=int(os.environ['EPOCHS']), optimizer='SGD')\n" }, { stepsPerEpoch: 10 });
    assert.ok(codes(bad).includes("value-not-static"));
    assert.equal(bad.total, undefined);
  });
  void it("cfg= YAML is the base and train() keywords win", () => {
    const s = one("train.py", { "train.py": "from ultralytics import YOLO\nYOLO('yolo11n.pt').train(cfg='cfg/custom.yaml', epochs=5)\n", "cfg/custom.yaml": "epochs: 300\nlr0: 0.05\noptimizer: SGD\ncos_lr: true\n" }, { stepsPerEpoch: 10 });
    assert.equal(s.epochs?.value, 5);
    assert.equal(s.groups[0]?.lr.value, 0.05);
    assert.equal(s.program.family === "ultralytics" && s.program.cosLr, true);
  });
  void it("yolo train lines with cfg=; other commands of the script are skipped", () => {
    const files = { "train.sh": "#!/bin/sh\npip install ultralytics\nyolo train cfg=hyp.yaml model=yolo11m.pt epochs=$EPOCHS\nyolo val model=runs/detect/train/weights/best.pt\n", "hyp.yaml": "lr0: 0.004\nlrf: 0.2\noptimizer: SGD\n" };
    const s = one("train.sh", files, { stepsPerEpoch: 10 });
    assert.equal(s.groups[0]?.lr.value, 0.004);
    assert.ok(codes(s).includes("value-not-static"));
  });
  void it("says which release it follows: the pinned one, or the current one", () => {
    const pinned = one("train.py", { "train.py": "from ultralytics import YOLO\nYOLO('yolov8n.pt').train(optimizer='SGD')\n", "requirements.txt": "ultralytics==8.3.40\n" }, { stepsPerEpoch: 10 });
    const info = pinned.problems.find((p) => p.code === "framework-version");
    assert.match(info?.message ?? "", /8\.3\.40/);
    assert.equal(info?.range?.file, "requirements.txt");
    assert.deepEqual(pinned.program.family === "ultralytics" && pinned.program.roles, ["bias", "weight", "bn"]);
    const current = one("train.py", { "train.py": "from ultralytics import YOLO\nYOLO('yolov8n.pt').train(optimizer='SGD')\n" }, { stepsPerEpoch: 10 });
    assert.match(current.problems.find((p) => p.code === "framework-version")?.message ?? "", /current release/);
    assert.deepEqual(current.program.family === "ultralytics" && current.program.roles, ["weight", "bn", "bias"]);
  });
});

void describe("optimizer auto", () => {
  void it("short runs: AdamW with lr_fit = round(0.002 * 5 / (4 + nc), 6), β1 0.9, warmup_bias_lr 0", () => {
    // coco8: 80 classes → 0.01 / 84 = 0.000119047... → 0.000119; 1 batch of ≤ 16 images × 50 epochs = 50 iterations
    const s = one("train.py", { "train.py": "from ultralytics import YOLO\nYOLO('yolo11n.pt').train(data='coco8.yaml', epochs=50, lr0=0.1)\n" }, { stepsPerEpoch: 1 });
    assert.equal(s.groups[0]?.lr.value, 0.000119);
    assert.equal(s.groups[0]?.momentumKind, "beta1");
    assert.ok(codes(s).includes("auto-ignores-lr0"));
    assert.equal(s.program.family === "ultralytics" && s.program.warmupBiasLr, 0);
  });
  void it("long runs: SGD (before 8.4) or MuSGD (8.4) at lr 0.01; data YAML of the workspace gives nc", () => {
    const files = { "train.py": "from ultralytics import YOLO\nYOLO('yolov8n.pt').train(data='d.yaml', epochs=100)\n", "d.yaml": "names: [a, b, c]\n", "requirements.txt": "ultralytics==8.2.0\n" };
    const long = one("train.py", files, { stepsPerEpoch: 500 }); // ≈ 8000 images / 64 = 125 × 100 > 10000
    assert.equal(long.groups[0]?.lr.value, 0.01);
    assert.match(long.name, /SGD/);
    const short = one("train.py", files, { stepsPerEpoch: 10 });
    assert.equal(short.groups[0]?.lr.value, 0.001429); // round(0.01 / 7, 6)
    const cur = one("train.py", { "train.py": files["train.py"], "d.yaml": files["d.yaml"] }, { stepsPerEpoch: 500 });
    assert.equal(cur.groups.length, 8);
    assert.equal(cur.groups[0]?.lr.value, 0.03);
  });
  void it("near the threshold it says the choice is undecided", () => {
    const s = one("train.py", { "train.py": "from ultralytics import YOLO\nYOLO('yolo11n.pt').train(data='coco8.yaml', epochs=100)\n" }, { stepsPerEpoch: 400 }); // 6385–6400 images: ceil(/64) = 100 → exactly 10000
    assert.ok(!codes(s).includes("auto-optimizer-undecided"));
    // batch 24: 267 batches are 6385–6408 images, ceil(/64) × 100 = 10000 or 10100
    const t = one("train.py", { "train.py": "from ultralytics import YOLO\nYOLO('yolo11n.pt').train(data='coco8.yaml', epochs=100, batch=24)\n" }, { stepsPerEpoch: 267 });
    assert.ok(codes(t).includes("auto-optimizer-undecided"));
  });
  void it("Python's round(x, 6) on exact ties", () => {
    assert.equal(pyRoundDigits(0.0078125, 6), 0.007812);
    assert.equal(pyRoundDigits(0.01 / 84, 6), 0.000119);
  });
});

void describe("curves", () => {
  void it("per iteration over epochs × batches, three groups and momentum", () => {
    const s = one("train.py", { "train.py": "from ultralytics import YOLO\nYOLO('yolo11n.pt').train(epochs=4, optimizer='SGD', warmup_epochs=1)\n" }, { stepsPerEpoch: 5 });
    const c = evaluate(s);
    assert.equal(c.total, 20);
    assert.equal(c.groups.length, 3);
    assert.equal(c.groups[2]![0], 0.1); // bias, current release
    assert.equal(c.momentum?.[0]![0], 0.8);
    assert.equal(c.groups[0]![5], 0.01 * ((1 - 1 / 4) * 0.99 + 0.01));
  });
});
