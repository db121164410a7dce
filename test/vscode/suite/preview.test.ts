import * as assert from "node:assert/strict";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as vscode from "vscode";
import { curveCsv } from "../../../src/extension/preview/previewModel";
import { chartSvg } from "../../../src/text/svgChart";
import type { PreviewData, ScheduleView } from "../../../src/webview/protocol";
import { api, askHarness, closeAllEditors, coreSchedules, expectedPreview, fixture, harnessAnswers, openFixture, positionOf, revertActive, waitFor, withoutAutoSave, workspaceRoot } from "../util";

/** The chart as the page drew it (test/vscode/harness/requests.mjs `readChart`). */
interface DrawnChart {
  source: string;
  version: number;
  epoch: number;
  title: string;
  lrAtChosen: string | null;
  bodyClass: string;
  canvas: { width: number; height: number; cssWidth: number; cssHeight: number; painted: number };
  y: { min: number; max: number };
  datasets: { label: string; hidden: boolean; points: { x: number; y: number | null }[]; drawn: { px: number; py: number; value: number; skip: boolean }[]; inked: boolean[] }[];
}

async function drawnChart(source?: vscode.Uri): Promise<DrawnChart> {
  const chart = await askHarness<DrawnChart>({ action: "chart", ...(source ? { source: source.toString() } : {}) });
  assert.ok(chart, "the harness reads the chart");
  return chart;
}

/** Tick → x on the epoch axis (src/webview/chart.ts `xOf`; not imported: chart.js wants a DOM). */
const xOf = (tick: number, view: ScheduleView): number => (view.ticksPerEpoch ? tick / view.ticksPerEpoch : tick);

const peak = (chart: DrawnChart): number => Math.max(...chart.datasets[0]!.points.map((p) => p.y!));
const near = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.abs(b);

/**
 * The LR line the page must draw for a schedule: the core's curve decimated as the model does (every boundary
 * kept), on the epoch axis, each value held to the next point, the last to the end of training.
 */
function expectedLine(view: ScheduleView): { x: number; y: number }[] {
  const lr = view.series.find((s) => s.kind === "lr" && s.group === 0)!;
  const points = lr.ticks.map((t, i) => ({ x: xOf(t, view), y: lr.values[i]! }));
  if (view.total > lr.ticks[lr.ticks.length - 1]!) points.push({ x: xOf(view.total, view), y: lr.values[lr.values.length - 1]! });
  return points;
}

/** The chart's first line is the core's curve: same points; where chart.js drew them, the y axis gives the value back; the canvas is inked there. */
function assertDrawn(chart: DrawnChart, expected: PreviewData): void {
  const line = chart.datasets[0];
  assert.ok(line && !line.hidden, "the LR line is shown");
  assert.deepEqual(line.points, expectedLine(expected.schedules[0]!), "the plotted points are the core's curve");
  // One pixel of the plot's height in LR units: the drawn geometry is exact to about that.
  const perPixel = (chart.y.max - chart.y.min) / chart.canvas.cssHeight;
  line.drawn.forEach((d, i) => {
    if (d.skip) return;
    assert.ok(Math.abs(d.value - line.points[i]!.y!) <= 1.5 * perPixel, `point ${i} drawn at y=${d.py.toFixed(1)} reads ${d.value}, the curve says ${line.points[i]!.y}`);
  });
  assert.ok(line.inked.length > 5 && line.inked.every(Boolean), `the canvas is painted under the line's points (${line.inked.filter(Boolean).length}/${line.inked.length})`);
  assert.ok(chart.canvas.cssWidth > 200 && chart.canvas.cssHeight > 100, `a visible canvas (${chart.canvas.cssWidth}×${chart.canvas.cssHeight})`);
}

suite("preview panel", function () {
  // The first webview of a run can take long to load on a busy machine (the harness waits up to 60 s for it).
  this.timeout(120_000);
  withoutAutoSave();
  teardown(async () => {
    (await api()).setSaveTarget(undefined);
    await revertActive();
    await closeAllEditors();
  });

  test("opens, receives the core's schedule, and draws it", async function () {
    await api();
    const editor = await openFixture("pytorch/warmup_stepped_twice.py");
    const epoch = vscode.workspace.getConfiguration("lrscope").get<number>("epoch") ?? 0;
    const data = await vscode.commands.executeCommand<PreviewData>("lrscope.openPreviewToSide");
    const expected = expectedPreview(editor.document.uri, editor.document, epoch);
    assert.deepEqual(data, { ...expected, locked: false }, "the data sent to the page");
    assert.ok(!JSON.stringify(data.schedules).includes(`${workspaceRoot().path}/`), "derivations show workspace-relative paths");
    if (!harnessAnswers()) this.skip(); // reading the page needs the browser side
    const chart = await drawnChart(editor.document.uri);
    assert.equal(chart.title, "pytorch/warmup_stepped_twice.py");
    assert.equal(chart.version, editor.document.version);
    assertDrawn(chart, expected);
    const lr = coreSchedules(editor.document.uri, editor.document.getText()).entries[0]!.curve.groups[0]!;
    assert.equal(chart.lrAtChosen, String(lr[epoch]), "the exact LR at the chosen epoch, beside the chart");
  });

  test("overlays a linked run log; the per-step plan that ran stepped per epoch is a diagnostic", async function () {
    const lr = await api();
    const editor = await openFixture("pytorch/cifar_cosine_per_step.py");
    const uri = editor.document.uri;
    // A TensorBoard log of this script's run with scheduler.step() once per epoch (50 steps): the LR held for an epoch.
    await vscode.commands.executeCommand("lrscope.linkLog", uri, fixture("logs/cifar-cosine-stepped-per-epoch/events.out.tfevents.1732550400.trainer.4242.0"));
    try {
      const differs = (): vscode.Diagnostic | undefined => vscode.languages.getDiagnostics(uri).find((d) => d.code === "log-differs-from-plan");
      await waitFor(() => differs() !== undefined, "a log-differs-from-plan diagnostic on the script");
      assert.match(differs()!.message, /from step 10\b/, differs()!.message);
      assert.match(differs()!.message, /stepped once per epoch, not per step/, differs()!.message);
      await vscode.commands.executeCommand("lrscope.openPreviewToSide");
      await waitFor(() => (lr.previews()[0]?.data?.logged?.length ?? 0) > 0, "the logged points in the preview's data");
      if (!harnessAnswers()) this.skip();
      const chart = await drawnChart(uri);
      const logged = chart.datasets.find((d) => d.label.startsWith("Logged"));
      assert.ok(logged && !logged.hidden, `a logged series among ${chart.datasets.map((d) => d.label).join(", ")}`);
      // Logged every 10 steps for 1,000 steps, on the epoch axis (50 steps per epoch), float32 as TensorBoard keeps them.
      const plan = coreSchedules(uri, editor.document.getText()).entries[0]!.curve.groups[0]!;
      assert.equal(logged.points.length, 100);
      logged.points.forEach((p, i) => {
        assert.equal(p.x, (10 * i) / 50);
        assert.equal(p.y, Math.fround(plan[Math.floor((10 * i) / 50)]!), `logged point ${i}`);
      });
    } finally {
      await vscode.commands.executeCommand("lrscope.linkLog", uri, null);
    }
  });

  test("follows the active editor", async function () {
    if (!harnessAnswers()) this.skip();
    const lr = await api();
    await openFixture("pytorch/steplr_imagenet.py");
    await vscode.commands.executeCommand("lrscope.openPreviewToSide");
    const next = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fixture("pytorch/cosine_per_batch.py")), vscode.ViewColumn.One);
    await waitFor(() => lr.previews()[0]?.data?.source === next.document.uri.toString(), "the preview to switch files");
    const chart = await drawnChart(next.document.uri);
    assert.equal(chart.title, "pytorch/cosine_per_batch.py");
    assertDrawn(chart, expectedPreview(next.document.uri, next.document, chart.epoch));
  });

  test("updates on edit, unsaved, and back on revert", async function () {
    if (!harnessAnswers()) this.skip();
    const lr = await api();
    const editor = await openFixture("pytorch/cosine_per_batch.py");
    const { uri } = editor.document;
    await vscode.commands.executeCommand("lrscope.openPreviewToSide");
    const before = await drawnChart(uri);
    // Halve the peak LR in the editor.
    const at = positionOf(editor.document, "learning_rate = 6e-4", "learning_rate = ".length);
    assert.ok(await editor.edit((b) => b.replace(new vscode.Range(at, at.translate(0, 4)), "3e-4")));
    await waitFor(() => lr.previews()[0]?.data?.version === editor.document.version, "the preview to render the edit");
    const after = await waitFor(async () => {
      const c = await drawnChart(uri);
      return c.version === editor.document.version ? c : undefined;
    }, "the page to draw the edit");
    assertDrawn(after, expectedPreview(uri, editor.document, after.epoch));
    assert.ok(near(peak(after), 3e-4), `peak ${peak(after)} after the edit`);
    assert.ok(near(peak(before), 6e-4), `peak ${peak(before)} before`);
    assert.ok(editor.document.isDirty);
    await revertActive();
    await waitFor(async () => near(peak(await drawnChart(uri)), 6e-4), "the curve back after revert");
  });

  test("the CSV button writes the full-resolution curve", async function () {
    if (!harnessAnswers()) this.skip();
    const lr = await api();
    const editor = await openFixture("pytorch/steplr_imagenet.py");
    await vscode.commands.executeCommand("lrscope.openPreviewToSide");
    const target = join(tmpdir(), `lrscope-export-${process.pid}.csv`);
    rmSync(target, { force: true });
    lr.setSaveTarget(vscode.Uri.file(target));
    await askHarness({ action: "click", selector: "#export-csv", source: editor.document.uri.toString() });
    await waitFor(() => existsSync(target) && readFileSync(target, "utf8").length > 0, `the CSV at ${target}`);
    const entry = coreSchedules(editor.document.uri, editor.document.getText()).entries[0]!;
    assert.equal(readFileSync(target, "utf8"), curveCsv(entry));
    rmSync(target, { force: true });
  });

  test("the SVG button writes the chart drawn by the host from the panel's data", async function () {
    if (!harnessAnswers()) this.skip();
    const lr = await api();
    const editor = await openFixture("pytorch/steplr_imagenet.py");
    await vscode.commands.executeCommand("lrscope.openPreviewToSide");
    const data = await waitFor(() => lr.previews()[0]?.data, "the preview's data");
    const target = join(tmpdir(), `lrscope-export-${process.pid}.svg`);
    rmSync(target, { force: true });
    lr.setSaveTarget(vscode.Uri.file(target));
    await askHarness({ action: "click", selector: "#export-svg", source: editor.document.uri.toString() });
    await waitFor(() => existsSync(target) && readFileSync(target, "utf8").endsWith("</svg>\n"), `the SVG at ${target}`);
    // A fresh page: epoch axis, linear scale, no zoom, no pins.
    const expected = chartSvg({ title: data.label, schedules: data.schedules, pinned: [] }, { xAxis: "epoch", yScale: "linear", showGroups: true, t: (m, ...args) => vscode.l10n.t(m, ...args) });
    assert.equal(readFileSync(target, "utf8"), expected);
    rmSync(target, { force: true });
  });
});
