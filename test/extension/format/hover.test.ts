// The hover's Markdown: LR at the chosen epoch, phase, sparkline, derivations, assumptions, command links.
import assert from "node:assert/strict";
import { test } from "node:test";
import { escapeMarkdown, scheduleHoverMarkdown } from "../../../src/extension/format/hover";
import { sparklineSvg, svgDataUri } from "../../../src/extension/format/sparkline";
import { english } from "../../../src/extension/format/translate";
import { read, script } from "../../core/lint/helpers";

const links = { openPreview: "command:lrscope.openPreview?%5B%5D", setEpoch: (e?: number) => (e === undefined ? "command:lrscope.setEpoch" : `command:lrscope.setEpoch?${encodeURIComponent(JSON.stringify([e]))}`) };
const warmupCosine = script(
  "optimizer = torch.optim.SGD(model.parameters(), lr=0.1 * 1024 / 256, momentum=0.9)\nwarmup = LinearLR(optimizer, start_factor=0.01, total_iters=5)\ncosine = CosineAnnealingLR(optimizer, T_max=85)\nscheduler = SequentialLR(optimizer, [warmup, cosine], milestones=[5])",
);

void test("hover at epoch 30 of a warmup + cosine: LR, phase, derivation, links", () => {
  const { schedule, curve } = read(warmupCosine);
  const md = scheduleHoverMarkdown({ schedule, curve, epoch: 30, links, hovered: schedule.groups[0]!.lr });
  const lines = md.split("\n");
  assert.equal(lines[0], "**LR Scope** · `scheduler` (pytorch) · 0\\.4 → 0\\.000136588 · warmup 5 ep · cosine · 90 ep");
  assert.ok(md.includes(`LR at epoch 30: **${String(Number(curve.groups[0]![30]!.toPrecision(6)))}** · momentum 0.9`), md);
  assert.match(md, /Phase: after scheduler → cosine \(since epoch 5\)/);
  assert.match(md, /!\[learning-rate curve\]\(data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+\)/);
  assert.match(md, /This value: `0.4 = 0.1 \* 1024 \/ 256 \(train.py:5\)`/);
  assert.match(md, /Base LR: `0.4 = 0.1 \* 1024 \/ 256 \(train.py:5\)`/);
  assert.match(md, /```text\nscheduler = SequentialLR\(schedulers=\[warmup, cosine\], milestones=\[5\]\)/);
  assert.match(md, /\[Open Preview\]\(command:lrscope.openPreview\?%5B%5D\) · \[Set Epoch…\]\(command:lrscope.setEpoch\) · \[← epoch 29\]\(command:lrscope.setEpoch\?%5B29%5D\) · \[epoch 31 →\]\(command:lrscope.setEpoch\?%5B31%5D\)/);
});

void test("hover during the warmup names the phase and when it ends", () => {
  const { schedule, curve } = read(warmupCosine);
  assert.match(scheduleHoverMarkdown({ schedule, curve, epoch: 2, links }), /Phase: warmup · next: scheduler → cosine at epoch 5/);
});

void test("hover of a per-batch schedule gives the step, and past the end says so", () => {
  const { schedule, curve } = read(script("optimizer = torch.optim.SGD(model.parameters(), lr=0.1)\nscheduler = CosineAnnealingLR(optimizer, T_max=90 * len(train_loader))", { perBatch: true }), { stepsPerEpoch: 100 });
  assert.match(scheduleHoverMarkdown({ schedule, curve, epoch: 45, links }), /LR at epoch 45 \(step 4,500\): \*\*0.05\*\*/);
  assert.match(scheduleHoverMarkdown({ schedule, curve, epoch: 95, links }), /Epoch 95 is after the end of training \(9,000 steps\)/);
});

void test("hover of a schedule that cannot be drawn says what it needs, and lists assumptions", () => {
  const { schedule, curve } = read(script("optimizer = torch.optim.SGD(model.parameters(), lr=0.1)\nscheduler = CosineAnnealingLR(optimizer, T_max=90 * len(train_loader))", { perBatch: true }), {});
  const md = scheduleHoverMarkdown({ schedule, curve, epoch: 0, links });
  assert.match(md, /The curve cannot be drawn yet: it needs steps per epoch/);
  assert.match(md, /Assumptions:\n\n- /);
  assert.doesNotMatch(md, /data:image/);
});

void test("the translator receives every sentence; locations are shortened to the folder", () => {
  const seen: string[] = [];
  const { schedule, curve } = read(warmupCosine);
  scheduleHoverMarkdown({ schedule, curve, epoch: 1, links, t: (m, ...a) => (seen.push(m), english(m, ...a)), folder: "train." });
  assert.ok(seen.includes("LR at {0}") && seen.includes("Open Preview") && seen.includes("Phase"));
  assert.match(scheduleHoverMarkdown({ schedule, curve, epoch: 1, links, folder: "tra" }), /\(in\.py:5\)/);
});

void test("escapeMarkdown and the sparkline", () => {
  assert.equal(escapeMarkdown("T_max *2*"), "T\\_max \\*2\\*");
  const svg = sparklineSvg(Float64Array.from([1, 0.5, 0.25, 0]), { marked: 1, width: 100, height: 20 });
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="100" height="20"/);
  assert.match(svg, /points="3,3 34.3,10 65.7,13.5 97,17"/);
  assert.match(svg, /<circle cx="34.3" cy="10"/);
  assert.equal(sparklineSvg(Float64Array.from([1, 1]), { marked: 5 }).includes("<circle"), false);
  assert.ok(svgDataUri("<svg/>").startsWith("data:image/svg+xml;base64,"));
});

void test("epoch 0 is tick 0 even when the steps per epoch are unknown", () => {
  const { schedule, curve } = read(script("optimizer = torch.optim.SGD(model.parameters(), lr=0.1)\nscheduler = CosineAnnealingLR(optimizer, T_max=1000)", { perBatch: true, step: "scheduler.step()" }), { totalSteps: 1000 });
  if (curve.total === 0) return; // the reader needs the loop length: nothing to show
  assert.match(scheduleHoverMarkdown({ schedule, curve, epoch: 0, links }), /LR at epoch 0.*: \*\*0.1\*\*/);
});
