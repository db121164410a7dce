// The SVG export (src/text/svgChart.ts): a well-formed document (checked by a strict XML reader below), one
// corner of the stepped line per drawn point, each corner where the axes put that point's value, the phase
// boundaries as dashed lines with labels that never overlap, and every text escaped. Expected values come
// from the core's own curve (readSchedules + evaluate) and the page's decimation (buildPreviewData): the
// SVG must draw exactly what the panel draws.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, it } from "node:test";
import { evaluate } from "../../src/core/evaluate";
import { readSchedules } from "../../src/dialects";
import { buildPreviewData } from "../../src/extension/preview/previewModel";
import { estimateTextWidth, stackLabels } from "../../src/text/labelLayout";
import { chartSvg, escapeXml, niceTicks, type SvgChartInput } from "../../src/text/svgChart";
import type { PreviewData } from "../../src/webview/protocol";

// ---- A strict XML 1.0 well-formedness check (no XML parser among the devDependencies) ----

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const nameRe = /^[A-Za-z_][\w.:-]*$/;
const entityRe = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" })[e]!);
}

/** Parses `xml` strictly: one root, balanced tags, quoted unique attributes, no raw `<` or stray `&` in text or values. Throws on any fault. */
function parseXml(xml: string): XmlElement {
  let i = 0;
  if (xml.startsWith("<?xml")) {
    const end = xml.indexOf("?>");
    assert.ok(end > 0, "unterminated XML declaration");
    assert.match(xml.slice(0, end + 2), /^<\?xml version="1\.0" encoding="UTF-8"\?>$/);
    i = end + 2;
  }
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  // Characters XML 1.0 forbids.
  for (const c of xml) {
    const code = c.codePointAt(0)!;
    assert.ok(code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d, `control character U+${code.toString(16)} is not XML`);
    assert.ok(code !== 0xfffe && code !== 0xffff && !(code >= 0xd800 && code <= 0xdfff), `U+${code.toString(16)} is not XML`);
  }
  while (i < xml.length) {
    const lt = xml.indexOf("<", i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    assert.doesNotMatch(text, entityRe, `a stray & in text near ${JSON.stringify(text.slice(0, 40))}`);
    assert.ok(!text.includes(">") || stack.length > 0, "text outside the root");
    if (stack.length > 0) stack[stack.length - 1]!.text += decode(text);
    else assert.equal(text.trim(), "", "text outside the root");
    if (lt < 0) break;
    const gt = xml.indexOf(">", lt);
    assert.ok(gt > lt, "an unterminated tag");
    const tag = xml.slice(lt + 1, gt);
    i = gt + 1;
    if (tag.startsWith("/")) {
      const open = stack.pop();
      assert.ok(open, `a closing tag </${tag.slice(1)}> with nothing open`);
      assert.equal(tag.slice(1).trim(), open.name, "tags are balanced");
      continue;
    }
    assert.ok(!tag.startsWith("!") && !tag.startsWith("?"), `unexpected markup <${tag.slice(0, 20)}`);
    const selfClosing = tag.endsWith("/");
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const m = /^([^\s/>]+)/.exec(body);
    assert.ok(m && nameRe.test(m[1]!), `a valid element name in <${body.slice(0, 20)}`);
    const el: XmlElement = { name: m[1]!, attrs: {}, children: [], text: "" };
    let rest = body.slice(m[0].length);
    const attrRe = /^\s+([A-Za-z_][\w.:-]*)="([^"<]*)"/;
    for (;;) {
      const a = attrRe.exec(rest);
      if (!a) break;
      assert.ok(!(a[1]! in el.attrs), `attribute ${a[1]} repeated`);
      assert.doesNotMatch(a[2]!, entityRe, `a stray & in ${a[1]}`);
      el.attrs[a[1]!] = decode(a[2]!);
      rest = rest.slice(a[0].length);
    }
    assert.equal(rest.trim(), "", `malformed attributes in <${el.name}>: ${rest.slice(0, 40)}`);
    if (stack.length > 0) stack[stack.length - 1]!.children.push(el);
    else {
      assert.equal(root, undefined, "one root element");
      root = el;
    }
    if (!selfClosing) stack.push(el);
  }
  assert.equal(stack.length, 0, "every element closed");
  assert.ok(root, "a root element");
  return root;
}

function all(el: XmlElement, pred: (e: XmlElement) => boolean): XmlElement[] {
  return [...(pred(el) ? [el] : []), ...el.children.flatMap((c) => all(c, pred))];
}
const hasClass = (c: string) => (e: XmlElement) => (e.attrs.class ?? "").split(" ").includes(c);

/** The corners of a stepped path `M x,y H x V y H x V y ...`: one per drawn point (the last where the training ends). */
function corners(d: string): { x: number; y: number }[] {
  const m = /^M([\d.-]+),([\d.-]+)((?:H[\d.-]+V[\d.-]+)*)$/.exec(d);
  assert.ok(m, `a single stepped path: ${d.slice(0, 80)}`);
  const points = [{ x: Number(m[1]), y: Number(m[2]) }];
  for (const s of m[3]!.matchAll(/H([\d.-]+)V([\d.-]+)/g)) points.push({ x: Number(s[1]), y: Number(s[2]) });
  return points;
}

/** The axis as drawn: value → pixel from the tick labels' values and positions (two ticks fix a linear map). */
function axisMap(svg: XmlElement, axis: "x-axis" | "y-axis", log = false): (v: number) => number {
  const g = all(svg, hasClass(axis))[0]!;
  const ticks = all(g, hasClass("tick")).map((t) => ({ v: Number(t.attrs["data-value"]), p: Number(t.attrs[axis === "x-axis" ? "x" : "y"]) }));
  assert.ok(ticks.length >= 2, `${axis} has ticks`);
  const f = (v: number): number => (log ? Math.log10(v) : v);
  const a = ticks[0]!;
  const b = ticks[ticks.length - 1]!;
  return (v) => a.p + ((f(v) - f(a.v)) / (f(b.v) - f(a.v))) * (b.p - a.p);
}

// ---- Fixtures ----

const goyal = "examples/goyal-linear-scaling/train.py";
const stepsPerEpoch = 1251;

function previewOf(file: string, text: string, inputs: Record<string, number> = {}): PreviewData {
  const read = readSchedules(file, text, inputs);
  const entries = read.schedules.map((schedule) => ({ schedule, curve: evaluate(schedule) }));
  return buildPreviewData({ source: file, label: file, version: 0, entries, problems: [], inputs, epoch: 0 });
}

/** MultiStepLR with milestones one epoch apart: labels that would stack on each other. */
const crowded = `import torch
model = torch.nn.Linear(2, 2)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
scheduler = torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=[1, 2, 3, 30, 31, 60], gamma=0.5)
for epoch in range(90):
    optimizer.step()
    scheduler.step()
`;

void describe("svgChart", () => {
  void it("nice ticks: 1-2-5 steps covering the range", () => {
    assert.deepEqual(niceTicks(0, 90, 8), [0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    assert.deepEqual(niceTicks(0, 0.4, 5), [0, 0.1, 0.2, 0.3, 0.4]);
    assert.deepEqual(niceTicks(0, 112590, 6), [0, 20000, 40000, 60000, 80000, 100000]);
    assert.deepEqual(niceTicks(0.3, 0.3), [0.3]);
  });

  void it("escapes every text: markup characters as entities, characters XML forbids dropped", () => {
    assert.equal(escapeXml(`a<b>&"c"'d`), "a&lt;b&gt;&amp;&quot;c&quot;&apos;d");
    assert.equal(escapeXml("x\u0000\u0007y\ufffe\ud800z\tw"), "xyz\tw");
    assert.equal(escapeXml("学习率 → 0.1"), "学习率 → 0.1");
    const data = previewOf(goyal, readFileSync(goyal, "utf8"), { stepsPerEpoch });
    const hostile = `</title><script>alert(1)</script> & "q" \u0001`;
    const svg = chartSvg({ title: hostile, schedules: data.schedules.map((s) => ({ ...s, name: hostile, boundaries: s.boundaries.map((b) => ({ ...b, label: `<b>${b.label}</b>` })) })), pinned: [{ label: `pin <&> "1"`, unit: "epoch", ticks: [0, 90], values: [0.1, 0.1] }] });
    assert.doesNotMatch(svg, /<script|<\/title><script|<b>/);
    const root = parseXml(svg);
    assert.equal(all(root, (e) => e.name === "title")[0]!.text, `</title><script>alert(1)</script> & "q" `, "the title reads back as written, minus the control character");
    assert.ok(all(root, hasClass("phase-label")).every((t) => t.text.startsWith("<b>")));
    assert.ok(all(root, hasClass("legend-label")).some((t) => t.text === `pin <&> "1"`));
  });

  void it("a well-formed SVG whose line has one corner per drawn point, each at its value", () => {
    const data = previewOf(goyal, readFileSync(goyal, "utf8"), { stepsPerEpoch });
    const s = data.schedules[0]!;
    const lr = s.series.find((x) => x.kind === "lr" && x.group === 0)!;
    const svg = chartSvg({ title: goyal, schedules: data.schedules });
    const root = parseXml(svg);
    assert.equal(root.name, "svg");
    assert.equal(root.attrs.xmlns, "http://www.w3.org/2000/svg");
    assert.equal(root.attrs.viewBox, "0 0 720 432");
    const paths = all(root, hasClass("line"));
    assert.equal(paths.length, 1, "one LR line (one param group)");
    const points = corners(paths[0]!.attrs.d!);
    // The last drawn tick is total - 1; its value holds to the end of training, one more corner.
    assert.equal(lr.ticks[lr.ticks.length - 1], s.total - 1);
    assert.equal(points.length, lr.ticks.length + 1, "one corner per decimated point, and the end");
    const end = points.pop()!.x;
    const sx = axisMap(root, "x-axis");
    const sy = axisMap(root, "y-axis");
    // Coordinates are written with 2 decimals; the tick positions too: a few hundredths of a pixel.
    points.forEach((p, i) => {
      assert.ok(Math.abs(p.x - sx(lr.ticks[i]! / stepsPerEpoch)) < 0.02, `x of point ${i}`);
      assert.ok(Math.abs(p.y - sy(lr.values[i]!)) < 0.02, `y of point ${i}: ${p.y} vs ${sy(lr.values[i]!)}`);
    });
    assert.ok(Math.abs(end - sx(90)) < 0.02, "the line ends at the end of training (epoch 90)");
    // The peak 0.4 sits on the top gridline, the start 0.4/…: the axis goes from 0 to 0.4.
    assert.deepEqual(all(all(root, hasClass("y-axis"))[0]!, hasClass("tick")).map((t) => t.text), ["0", "0.1", "0.2", "0.3", "0.4"]);
    assert.equal(all(root, (e) => e.name === "text" && hasClass("axis-title")(e)).map((t) => t.text).join("|"), "learning rate|epoch");
    // One phase boundary (LinearLR → cosine at epoch 5, where the warmup also ends): one dashed line, labelled.
    const boundaries = all(root, hasClass("boundary"));
    assert.equal(boundaries.length, s.boundaries.length);
    assert.equal(s.boundaries.length, 1);
    assert.ok(Math.abs(Number(boundaries[0]!.attrs.x1) - sx(5)) < 0.02);
    assert.equal(all(root, hasClass("legend")).length, 0, "one line: no legend");
  });

  void it("step axis and log scale: x in steps, y by decades", () => {
    const data = previewOf(goyal, readFileSync(goyal, "utf8"), { stepsPerEpoch });
    const lr = data.schedules[0]!.series[0]!;
    const root = parseXml(chartSvg({ schedules: data.schedules }, { xAxis: "step", yScale: "logarithmic" }));
    const yTicks = all(all(root, hasClass("y-axis"))[0]!, hasClass("tick")).map((t) => Number(t.attrs["data-value"]));
    for (const v of yTicks) assert.equal(Math.log10(v), Math.round(Math.log10(v)), `${v} is a power of ten`);
    const sx = axisMap(root, "x-axis");
    const sy = axisMap(root, "y-axis", true);
    const points = corners(all(root, hasClass("line"))[0]!.attrs.d!);
    assert.equal(points.length, lr.ticks.length + 1);
    points.pop();
    points.forEach((p, i) => {
      assert.ok(Math.abs(p.x - sx(lr.ticks[i]!)) < 0.05, `x of point ${i}`);
      assert.ok(Math.abs(p.y - sy(lr.values[i]!)) < 0.05, `y of point ${i}`);
    });
    assert.equal(all(root, hasClass("axis-title")).map((t) => t.text).join("|"), "learning rate|step");
  });

  void it("a zero LR on a log axis breaks the line instead of drawing it", () => {
    const input: SvgChartInput = { schedules: [{ name: "s", total: 4, ticksPerEpoch: 1, series: [{ kind: "lr", group: 0, ticks: [0, 1, 2, 3], values: [0.1, 0, 0.01, 0.001] }], boundaries: [] }] };
    const d = all(parseXml(chartSvg(input, { yScale: "logarithmic" })), hasClass("line"))[0]!.attrs.d!;
    assert.equal(d.match(/M/g)?.length, 2, `two pieces: ${d}`);
  });

  void it("crowded phases: every boundary drawn, labels staggered on two rows without overlap, the rest dropped", () => {
    const data = previewOf("crowded.py", crowded);
    const s = data.schedules[0]!;
    assert.equal(s.boundaries.length, 6);
    const root = parseXml(chartSvg({ schedules: data.schedules }));
    assert.equal(all(root, hasClass("boundary")).length, 6);
    const labels = all(root, hasClass("phase-label")).map((t) => ({ x: Number(t.attrs.x), y: Number(t.attrs.y), w: estimateTextWidth(t.text, 10) }));
    assert.ok(labels.length >= 3 && labels.length < 6, `some labels kept, some dropped (${labels.length})`);
    assert.equal(new Set(labels.map((l) => l.y)).size, 2, "two rows");
    for (const a of labels) for (const b of labels) if (a !== b && a.y === b.y) assert.ok(Math.abs(a.x - b.x) >= (a.w + b.w) / 2, "no overlap within a row");
    // Zoomed past the first milestones: only the boundaries in view are drawn; the line is clipped to the plot.
    const zoomed = parseXml(chartSvg({ schedules: data.schedules }, { zoom: { min: 20, max: 70 } }));
    assert.equal(all(zoomed, hasClass("boundary")).length, 3);
    assert.equal(all(zoomed, (e) => e.name === "g" && hasClass("lines")(e))[0]!.attrs["clip-path"], "url(#lrscope-plot)");
  });

  void it("pinned curves: dashed lines with a legend naming each", () => {
    const data = previewOf(goyal, readFileSync(goyal, "utf8"), { stepsPerEpoch });
    const pinned = [{ label: "resnet50-step/train.py · scheduler", unit: "epoch" as const, ticksPerEpoch: 1, ticks: [0, 30, 60, 90], values: [0.1, 0.01, 0.001, 0.001] }];
    const root = parseXml(chartSvg({ schedules: data.schedules, pinned }));
    const lines = all(root, hasClass("line"));
    assert.equal(lines.length, 2);
    const pin = lines.find(hasClass("pinned"))!;
    assert.ok(pin.attrs["stroke-dasharray"]);
    assert.equal(corners(pin.attrs.d!).length, 4);
    assert.deepEqual(all(root, hasClass("legend-label")).map((t) => t.text), ["LR", pinned[0]!.label]);
  });

  void it("labels: left to right, the first row that has room, none when no row does", () => {
    assert.deepEqual(stackLabels([{ x: 100, width: 40 }, { x: 110, width: 40 }, { x: 120, width: 40 }, { x: 300, width: 40 }], 2), [0, 1, undefined, 0]);
    assert.deepEqual(stackLabels([{ x: 300, width: 40 }, { x: 100, width: 40 }], 2), [0, 0], "input order does not matter");
    assert.deepEqual(stackLabels([{ x: NaN, width: 10 }, { x: 10, width: 10 }], 1), [undefined, 0], "off-screen labels take no room");
    assert.deepEqual(stackLabels([{ x: 0, width: 10 }, { x: 13, width: 10 }], 1, 4), [0, undefined], "gap respected");
  });
});

// ---- The CLI: `lrscope curve FILE --svg out.svg` ----

const cliPath = [resolve(__dirname, "../../dist/cli.js"), resolve(process.cwd(), "dist/cli.js")].find((p) => existsSync(p));

void describe("lrscope curve --svg", { skip: cliPath === undefined ? "dist/cli.js not built" : false }, () => {
  void it("writes the chart the panel would draw, and keeps stdout for the report", () => {
    const dir = mkdtempSync(join(tmpdir(), "lrscope-svg-"));
    try {
      const out = join(dir, "sub", "goyal.svg");
      const r = spawnSync(process.execPath, [cliPath!, "curve", goyal, "--steps-per-epoch", String(stepsPerEpoch), "--json", "--svg", out, "--y-scale", "log"], { encoding: "utf8", maxBuffer: 1 << 28 });
      assert.equal(r.status, 0, r.stderr);
      assert.ok(JSON.parse(r.stdout), "stdout is still the JSON");
      const svg = readFileSync(out, "utf8");
      const data = previewOf(goyal, readFileSync(goyal, "utf8"), { stepsPerEpoch });
      assert.equal(svg, chartSvg({ title: goyal, schedules: data.schedules }, { yScale: "logarithmic" }));
      parseXml(svg);
      const bad = spawnSync(process.execPath, [cliPath!, "curve", goyal, "--steps-per-epoch", "1251", "--svg", out, "--y-scale", "ln"], { encoding: "utf8" });
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /--y-scale is linear or log/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
