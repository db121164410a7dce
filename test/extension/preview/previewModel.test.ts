import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { evaluate } from "../../../src/core/evaluate";
import { readSchedules } from "../../../src/dialects";
import { buildPreviewData, curveCsv, findWarmup, scalingFactor, scheduleJson, whatIfSchedule } from "../../../src/extension/preview/previewModel";

// The Goyal et al. example: lr = 0.1 × batch × world / 256 = 0.4, 5 epochs of LinearLR warmup then cosine.
const file = "examples/goyal-linear-scaling/train.py";
const stepsPerEpoch = 1251;
function entries() {
  const read = readSchedules(file, readFileSync(file, "utf8"), { stepsPerEpoch });
  return read.schedules.map((schedule) => ({ schedule, curve: evaluate(schedule) }));
}

void test("the page data: decimated series that keep boundaries, derivations, warmup, the chosen epoch exactly", () => {
  const es = entries();
  const curve = es[0]!.curve;
  const data = buildPreviewData({ source: "file:///x/train.py", label: file, version: 3, entries: es, problems: [], inputs: { stepsPerEpoch, metric: 1 }, epoch: 30 });
  assert.equal(data.version, 3);
  assert.deepEqual(data.inputs, { stepsPerEpoch }, "only the inputs the page can edit");
  const s = data.schedules[0]!;
  assert.equal(s.unit, "step");
  assert.equal(s.ticksPerEpoch, stepsPerEpoch);
  assert.equal(s.total, 90 * stepsPerEpoch);
  assert.match(s.baseLr[0]!, /^0\.4 = 0\.1 \* batch_size \* world_size \/ 256/);
  const lr = s.series.find((x) => x.kind === "lr" && x.group === 0)!;
  assert.ok(lr.ticks.length <= 2000 + 2 * curve.boundaries.length + 2);
  lr.ticks.forEach((t, i) => assert.equal(lr.values[i], curve.groups[0]![t]));
  for (const b of curve.boundaries) assert.ok(lr.ticks.includes(b.tick) && lr.ticks.includes(b.tick - 1));
  assert.deepEqual(s.warmup, { ticks: 5 * stepsPerEpoch, from: curve.groups[0]![0], to: Math.max(...curve.groups[0]!) });
  assert.equal(s.chosen?.tick, 30 * stepsPerEpoch);
  assert.equal(s.chosen?.lr[0], curve.groups[0]![30 * stepsPerEpoch]);
  assert.equal(s.epochStarts.length, 90);
  assert.equal(s.epochStarts[45], curve.groups[0]![45 * stepsPerEpoch]);
  assert.ok(s.assumptions.some((a) => a.input === "stepsPerEpoch" && a.value === stepsPerEpoch));
  assert.ok(s.program.some((p) => p.includes("SequentialLR")));
  assert.equal(data.whatIf, undefined);
});

void test("workspace-relative paths: the folder is stripped from derivations, messages and the source", () => {
  const folder = "/home/u/proj/";
  const read = readSchedules(`${folder}${file}`, readFileSync(file, "utf8"), { stepsPerEpoch });
  const es = read.schedules.map((schedule) => ({ schedule, curve: evaluate(schedule) }));
  const full = buildPreviewData({ source: "s", label: file, version: 1, entries: es, problems: [], inputs: {}, epoch: 0 });
  assert.ok(JSON.stringify(full.schedules).includes(folder), "without a folder the reader's paths are shown as read");
  const data = buildPreviewData({ source: "s", label: file, folder, version: 1, entries: es, problems: [], inputs: {}, epoch: 0 });
  const s = data.schedules[0]!;
  assert.doesNotMatch(JSON.stringify(data), /\/home\/u\/proj\//);
  assert.equal(s.source.file, file);
  assert.match(s.baseLr[0]!, new RegExp(`\\(${file.replace(/[./]/g, "\\$&")}:\\d+\\)$`), s.baseLr[0]);
  assert.ok(s.assumptions.some((a) => a.input === "stepsPerEpoch"));
});

void test("a chosen epoch past the end has no exact value; an unknown epoch length gives no epoch starts", () => {
  const data = buildPreviewData({ source: "s", label: "l", version: 1, entries: entries(), problems: [], inputs: {}, epoch: 500 });
  assert.equal(data.schedules[0]!.chosen, undefined);
});

void test("what-if: the base LR rescaled by the rule and the schedule evaluated again", () => {
  assert.equal(scalingFactor("linear", 256, 1024), 4);
  assert.equal(scalingFactor("sqrt", 256, 1024), 2);
  const es = entries();
  const desc = es[0]!.schedule;
  assert.equal(whatIfSchedule(desc, 512), undefined, "the file does not say its global batch: the page must give it");
  const w = whatIfSchedule(desc, 512, 1024)!;
  assert.equal(w.rule, "linear");
  assert.equal(w.factor, 0.5);
  assert.equal(w.schedule.groups[0]!.lr.value, 0.2);
  const data = buildPreviewData({ source: "s", label: "l", version: 1, entries: es, problems: [], inputs: {}, epoch: 0, whatIfBatch: 512, whatIfCurrentBatch: 1024 });
  const overlay = data.whatIf![0]!;
  assert.equal(overlay.globalBatch, 512);
  const again = evaluate(w.schedule, es[0]!.curve.total);
  overlay.series.ticks.forEach((t, i) => assert.equal(overlay.series.values[i], again.groups[0]![t]));
  // LinearLR + cosine to 0 are proportional to the base LR: half everywhere (to rounding).
  const mid = overlay.series.ticks.indexOf(overlay.series.ticks[Math.floor(overlay.series.ticks.length / 2)]!);
  assert.ok(Math.abs(overlay.series.values[mid]! / es[0]!.curve.groups[0]![overlay.series.ticks[mid]!]! - 0.5) < 1e-12);
});

void test("CSV: one row per tick with full-precision values; JSON: the whole curve and the derivations", () => {
  const e = entries()[0]!;
  const lines = curveCsv(e).trimEnd().split("\n");
  assert.equal(lines[0], "tick,epoch,lr,momentum");
  assert.equal(lines.length, e.curve.total + 1);
  const row = lines[1 + 7000]!.split(",");
  assert.equal(Number(row[0]), 7000);
  assert.equal(Number(row[1]), 7000 / stepsPerEpoch);
  assert.equal(Number(row[2]), e.curve.groups[0]![7000], "reads back as the same double");
  const json = scheduleJson(e) as { lr: number[]; baseLr: { value: number; derivation: string }[]; total: number };
  assert.equal(json.lr.length, e.curve.total);
  assert.equal(json.baseLr[0]!.value, 0.4);
});

void test("warmup: a monotone rise to the maximum, not a cycle or a flat start", () => {
  assert.deepEqual(findWarmup(Float64Array.from([0.1, 0.2, 0.3, 0.3, 0.1])), { ticks: 2, from: 0.1, to: 0.3 });
  assert.equal(findWarmup(Float64Array.from([0.3, 0.2, 0.1])), undefined);
  assert.equal(findWarmup(Float64Array.from([0.1, 0.3, 0.2, 0.4])), undefined);
  assert.equal(findWarmup(Float64Array.from([0.1])), undefined);
});

void test("a notebook's schedule names its cell, for the page's source link", () => {
  const nb = "test/fixtures/workspace/notebooks/finetune.ipynb";
  const read = readSchedules(nb, readFileSync(nb, "utf8"));
  const es = read.schedules.map((schedule) => ({ schedule, curve: evaluate(schedule) }));
  const data = buildPreviewData({ source: "s", label: nb, version: 1, entries: es, problems: [], inputs: {}, epoch: 0 });
  // MultiStepLR is constructed in the notebook's cell 6 (0-based; markdown cells counted), as VS Code numbers cells.
  assert.equal(data.schedules[0]!.source.cell, 6);
  const plain = buildPreviewData({ source: "s", label: file, version: 1, entries: entries(), problems: [], inputs: {}, epoch: 0 });
  assert.equal(plain.schedules[0]!.source.cell, undefined);
});
