import assert from "node:assert/strict";
import { test } from "node:test";
import { evaluate } from "../../../src/core/evaluate";
import { readSchedules, type Inputs } from "../../../src/dialects/index";
import { readDetectron2Yaml } from "../../../src/dialects/detectron2/yaml";

function read(entry: string, files: Record<string, string>, inputs: Inputs = {}) {
  return readSchedules(entry, files[entry]!, inputs, { read: (p) => files[p] });
}

const base = `MODEL:
  META_ARCHITECTURE: "GeneralizedRCNN"
  RPN:
    IN_FEATURES: ["p2", "p3", "p4", "p5", "p6"]
SOLVER:
  IMS_PER_BATCH: 16
  BASE_LR: 0.02
  STEPS: (60000, 80000)
  MAX_ITER: 90000
INPUT:
  MIN_SIZE_TRAIN: (640, 672, 704, 736, 768, 800)
VERSION: 2
`;

void test("a model zoo config: _BASE_ values, defaults for the rest, the 1x schedule", () => {
  const files = { "configs/Base-RCNN-FPN.yaml": base, "configs/COCO-Detection/faster_rcnn_R_50_FPN_1x.yaml": `_BASE_: "../Base-RCNN-FPN.yaml"\nMODEL:\n  WEIGHTS: "detectron2://ImageNetPretrained/MSRA/R-50.pkl"\n  MASK_ON: False\n` };
  const { schedules, dialects } = read("configs/COCO-Detection/faster_rcnn_R_50_FPN_1x.yaml", files);
  assert.deepEqual(dialects, ["detectron2"]);
  const s = schedules[0]!;
  assert.equal(s.unit, "step");
  assert.equal(s.total?.value, 90000);
  assert.equal(s.total?.range?.file, "configs/Base-RCNN-FPN.yaml");
  assert.equal(s.groups[0]!.lr.value, 0.02);
  assert.equal(s.groups[0]!.momentum?.origin.kind, "default");
  const lr = evaluate(s).groups[0]!;
  // where 0: 0.02 × 0.001; warmup over 1000 iterations (default), then 0.02 until 60000, 0.002, 0.0002.
  assert.equal(lr[0], 0.02 * 0.001);
  assert.equal(lr[1000], 0.02);
  assert.ok(Math.abs(lr[60000]! - 0.002) < 1e-15);
  assert.ok(Math.abs(lr[80000]! - 0.0002) < 1e-15);
});

void test("yacs type check: an int where the default is a float is an error with its range", () => {
  const r = readDetectron2Yaml("a.yaml", "SOLVER:\n  BASE_LR: 1\n  MAX_ITER: 100\n", { inputs: {}, files: { read: () => undefined } })!;
  const p = r.schedules[0]!.problems.find((x) => x.code === "type-mismatch");
  assert.ok(p && p.range?.startLine === 1, JSON.stringify(r.schedules[0]!.problems));
});

void test("strings are literal_eval'ed: BASE_LR: 1e-3 (a PyYAML string) is the float 0.001", () => {
  const r = readDetectron2Yaml("a.yaml", "SOLVER:\n  BASE_LR: 1e-3\n  MAX_ITER: 100\n  STEPS: (50,)\n", { inputs: {}, files: { read: () => undefined } })!;
  const s = r.schedules[0]!;
  assert.equal(s.groups[0]!.lr.value, 0.001);
  assert.equal(s.problems.filter((p) => p.severity === "error").length, 0);
});

void test("STEPS past MAX_ITER are dropped with a warning; a step equal to MAX_ITER makes fvcore raise", () => {
  const ctx = { inputs: {}, files: { read: () => undefined } };
  const a = readDetectron2Yaml("a.yaml", "SOLVER:\n  MAX_ITER: 100\n  STEPS: (50, 200)\n", ctx)!.schedules[0]!;
  assert.ok(a.problems.some((p) => p.code === "steps-past-max-iter"));
  const b = readDetectron2Yaml("b.yaml", "SOLVER:\n  MAX_ITER: 100\n  STEPS: (50, 100)\n", ctx)!.schedules[0]!;
  assert.ok(evaluate(b).problems.some((p) => /Milestone must be smaller than total number of updates/.test(p.message)));
});

void test("REFERENCE_WORLD_SIZE without --devices: one process assumed, the schedule stretched", () => {
  const y = "SOLVER:\n  REFERENCE_WORLD_SIZE: 8\n  IMS_PER_BATCH: 16\n  BASE_LR: 0.02\n  MAX_ITER: 1000\n  STEPS: (750,)\n  WARMUP_ITERS: 10\n";
  const s = read("a.yaml", { "a.yaml": y }).schedules[0]!;
  // scale 1/8: BASE_LR 0.0025, MAX_ITER 8000, STEPS (6000,), WARMUP_ITERS 80.
  assert.equal(s.total?.value, 8000);
  assert.equal(s.groups[0]!.lr.value, 0.0025);
  const a = s.assumptions.find((x) => x.input === "devices");
  assert.ok(a && a.value === 1 && a.range?.startLine === 1);
  const lr = evaluate(s).groups[0]!;
  assert.equal(lr[80], 0.0025);
  assert.ok(Math.abs(lr[6000]! - 0.00025) < 1e-15);
  const same = read("a.yaml", { "a.yaml": y }, { devices: 8 }).schedules[0]!;
  assert.equal(same.total?.value, 1000);
});

void test("--total-steps sets MAX_ITER as a launch override would", () => {
  const s = read("a.yaml", { "a.yaml": "SOLVER:\n  LR_SCHEDULER_NAME: WarmupCosineLR\n  MAX_ITER: 1000\n" }, { totalSteps: 500 }).schedules[0]!;
  assert.equal(s.total?.value, 500);
  assert.ok(s.assumptions.some((a) => a.input === "totalSteps" && a.value === 500));
});

void test("a missing _BASE_ is an error with the range of the path", () => {
  const r = read("x/a.yaml", { "x/a.yaml": '_BASE_: "../Base.yaml"\nSOLVER:\n  MAX_ITER: 10\n' });
  const p = r.problems.find((x) => x.code === "base-missing");
  assert.ok(p && p.range?.startLine === 0 && p.range.file === "x/a.yaml");
});

void test("a pinned detectron2 0.3 follows the legacy WarmupMultiStepLR", () => {
  const files = { "requirements.txt": "torch==1.6.0\ndetectron2==0.3\n", "a.yaml": "SOLVER:\n  MAX_ITER: 100\n  STEPS: (50,)\n  WARMUP_ITERS: 10\n  BASE_LR: 0.1\n" };
  const s = read("a.yaml", files).schedules[0]!;
  assert.equal(s.program.family === "detectron2" && s.program.schedule.type, "iteration");
  // iteration 5: alpha 0.5 → 0.001 × 0.5 + 0.5 = 0.5005 → 0.05005.
  assert.ok(Math.abs(evaluate(s).groups[0]![5]! - 0.05005) < 1e-15);
});

void test("YAML of other tools is not claimed", () => {
  assert.equal(readDetectron2Yaml("a.yaml", "model:\n  lr: 0.1\ntrainer:\n  max_epochs: 3\n", { inputs: {}, files: { read: () => undefined } }), undefined);
  assert.equal(readDetectron2Yaml("b.yaml", "_BASE_: ['../datasets/coco_detection.yml', '../runtime.yml']\nepoch: 12\n", { inputs: {}, files: { read: () => undefined } }), undefined);
});
