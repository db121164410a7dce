import assert from "node:assert/strict";
import { test } from "node:test";
import { parseHostMessage, parsePageState, parseWebviewMessage } from "../../src/webview/protocol";

const source = "file:///w/train.py";
const ok = (x: unknown): unknown => {
  const r = parseWebviewMessage(x);
  assert.ok("message" in r, `accepted: ${JSON.stringify(x).slice(0, 80)} (${"error" in r ? r.error : ""})`);
  return r.message;
};
const rejected = (x: unknown): string => {
  const r = parseWebviewMessage(x);
  assert.ok("error" in r, `rejected: ${JSON.stringify(x)?.slice(0, 80)}`);
  return r.error;
};

void test("every message the page sends is checked field by field", () => {
  assert.deepEqual(ok({ type: "ready", source, extra: 1 }), { type: "ready", source });
  assert.deepEqual(ok({ type: "epochChosen", source, epoch: 12.5 }), { type: "epochChosen", source, epoch: 12.5 });
  assert.deepEqual(ok({ type: "inputsChanged", source, inputs: { stepsPerEpoch: 500, devices: null } }), { type: "inputsChanged", source, inputs: { stepsPerEpoch: 500, devices: null } });
  assert.deepEqual(ok({ type: "whatIf", source, globalBatch: 512, currentBatch: 256 }), { type: "whatIf", source, globalBatch: 512, currentBatch: 256 });
  assert.deepEqual(ok({ type: "whatIf", source, globalBatch: null }), { type: "whatIf", source, globalBatch: null });
  ok({ type: "exportPng", source, dataUrl: "data:image/png;base64,iVBORw0KGgo=" });
  ok({ type: "exportCsv", source, schedule: 0 });
  const view = { xAxis: "step", yScale: "logarithmic", showGroups: false, zoom: { min: 1, max: 5 }, pinned: [{ label: "a.py · s", unit: "epoch", ticksPerEpoch: 1, ticks: [0, 90], values: [0.1, 0.1], extra: 1 }] };
  assert.deepEqual(ok({ type: "exportSvg", source, view }), { type: "exportSvg", source, view: { ...view, pinned: [{ label: "a.py · s", unit: "epoch", ticksPerEpoch: 1, ticks: [0, 90], values: [0.1, 0.1] }] } });
  ok({ type: "copyJson", source, schedule: 1 });
  ok({ type: "openSource", source, line: 14 });
  assert.deepEqual(ok({ type: "openSource", source, line: 3, cell: 6 }), { type: "openSource", source, line: 3, cell: 6 });
});

void test("unknown or malformed messages are refused with a reason", () => {
  rejected(null);
  rejected("ready");
  rejected({ source });
  rejected({ type: "ready" });
  assert.match(rejected({ type: "runCommand", source, command: "rm" }), /unknown message type/);
  rejected({ type: "epochChosen", source, epoch: -1 });
  rejected({ type: "epochChosen", source, epoch: "3" });
  rejected({ type: "epochChosen", source, epoch: Number.NaN });
  assert.match(rejected({ type: "inputsChanged", source, inputs: { lr: 0.1 } }), /unknown input lr/);
  rejected({ type: "inputsChanged", source, inputs: { stepsPerEpoch: 0 } });
  rejected({ type: "inputsChanged", source, inputs: { stepsPerEpoch: Infinity } });
  rejected({ type: "whatIf", source, globalBatch: -2 });
  rejected({ type: "exportPng", source, dataUrl: "data:text/html;base64,PHNjcmlwdD4=" });
  rejected({ type: "exportPng", source, dataUrl: "data:image/png;base64,<script>" });
  rejected({ type: "exportCsv", source, schedule: 1.5 });
  // The SVG is drawn by the host: the page sends only how it views the chart, and that is checked too.
  const view = { xAxis: "epoch", yScale: "linear", showGroups: true, pinned: [] };
  ok({ type: "exportSvg", source, view });
  assert.match(rejected({ type: "exportSvg", source, svg: "<svg onload=alert(1)/>" }), /exportSvg: no view/);
  rejected({ type: "exportSvg", source, view: { ...view, yScale: "log" } });
  rejected({ type: "exportSvg", source, view: { ...view, zoom: { min: 5, max: 1 } } });
  rejected({ type: "exportSvg", source, view: { ...view, pinned: [{ label: "p", unit: "epoch", ticks: [0, 1], values: [0.1, NaN] }] } });
  rejected({ type: "exportSvg", source, view: { ...view, pinned: [{ label: "p", unit: "epoch", ticks: [0], values: [0.1, 0.2] }] } });
  rejected({ type: "exportSvg", source, view: { ...view, pinned: Array.from({ length: 9 }, () => ({ label: "p", unit: "epoch", ticks: [], values: [] })) } });
  rejected({ type: "openSource", source, line: 0 });
  rejected({ type: "openSource", source, line: 3, cell: -1 });
  rejected({ type: "openSource", source, line: 3, cell: "6" });
});

void test("the page takes only well-formed updates", () => {
  assert.equal(parseHostMessage({ type: "update", source, data: { source, schedules: [] } })?.type, "update");
  assert.equal(parseHostMessage({ type: "update", source, data: { source: "other", schedules: [] } }), undefined);
  assert.equal(parseHostMessage({ type: "eval", source }), undefined);
});

void test("saved page state is restored field by field, with defaults for the rest", () => {
  assert.deepEqual(parsePageState(undefined), { xAxis: "epoch", yScale: "linear", showMomentum: false, showGroups: true, pinned: [] });
  const s = parsePageState({ source, locked: true, xAxis: "step", yScale: "logarithmic", zoom: { min: 5, max: 2 }, pinned: [{ label: "a", unit: "epoch", ticks: [0, 1], values: [1] }, { label: "b", unit: "step", ticks: [0], values: [1] }] });
  assert.equal(s.xAxis, "step");
  assert.equal(s.yScale, "logarithmic");
  assert.equal(s.locked, true);
  assert.equal(s.zoom, undefined, "an empty zoom range is dropped");
  assert.deepEqual(s.pinned.map((p) => p.label), ["b"], "a pin whose ticks and values differ in length is dropped");
});
