// The workspace index's dependency graph: which files to read again when one changes.
import assert from "node:assert/strict";
import { test } from "node:test";
import { DependencyGraph } from "../../../src/extension/format/dependencies";

void test("dependents are transitive, breadth first, without the file itself", () => {
  const g = new DependencyGraph();
  g.set("a_1x.py", ["_base_/schedule_1x.py", "_base_/runtime.py"]);
  g.set("a_2x.py", ["a_1x.py", "_base_/schedule_1x.py", "_base_/runtime.py"]);
  g.set("b_1x.py", ["_base_/runtime.py"]);
  assert.deepEqual(g.dependentsOf("_base_/schedule_1x.py"), ["a_1x.py", "a_2x.py"]);
  assert.deepEqual(g.dependentsOf("_base_/runtime.py").sort(), ["a_1x.py", "a_2x.py", "b_1x.py"]);
  assert.deepEqual(g.dependentsOf("a_1x.py"), ["a_2x.py"]);
  assert.deepEqual(g.dependentsOf("a_2x.py"), []);
  assert.deepEqual(g.dependentsOf("unknown.py"), []);
});

void test("reading a file again replaces its edges; deleting it drops them", () => {
  const g = new DependencyGraph();
  g.set("a.py", ["base1.py"]);
  g.set("a.py", ["base2.py"]);
  assert.deepEqual(g.dependentsOf("base1.py"), []);
  assert.deepEqual(g.dependentsOf("base2.py"), ["a.py"]);
  assert.deepEqual(g.dependenciesOf("a.py"), ["base2.py"]);
  g.delete("a.py");
  assert.deepEqual(g.dependentsOf("base2.py"), []);
  assert.equal(g.size, 0);
});

void test("cycles and self-references end", () => {
  const g = new DependencyGraph();
  g.set("x.py", ["y.py", "x.py"]);
  g.set("y.py", ["x.py"]);
  assert.deepEqual(g.dependentsOf("x.py"), ["y.py"]);
  assert.deepEqual(g.dependentsOf("y.py"), ["x.py"]);
});

void test("the workspace index's use: a changed base refreshes its dependents and only them", () => {
  // What the index records (URI strings, each file's `dependencies` as the store loaded them) for configs
  // shaped like mmdetection's: variants inherit a family's 1x config, which inherits the shared bases.
  const g = new DependencyGraph();
  const ws = "file:///ws/configs";
  const shared = [`${ws}/_base_/models/faster_rcnn.py`, `${ws}/_base_/schedules/schedule_1x.py`, `${ws}/_base_/default_runtime.py`];
  g.set(`${ws}/faster_rcnn/faster_rcnn_1x.py`, shared);
  g.set(`${ws}/faster_rcnn/faster_rcnn_2x.py`, [`${ws}/faster_rcnn/faster_rcnn_1x.py`, ...shared]);
  g.set(`${ws}/faster_rcnn/faster_rcnn_giou_1x.py`, [`${ws}/faster_rcnn/faster_rcnn_1x.py`, ...shared]);
  g.set(`${ws}/retinanet/retinanet_1x.py`, [`${ws}/_base_/models/retinanet.py`, `${ws}/_base_/schedules/schedule_1x.py`]);
  // A missing base is recorded too (the store asked for it): creating it refreshes the file that asked.
  g.set(`${ws}/yolo/yolo_8x.py`, [`${ws}/yolo/missing_base.py`]);

  assert.deepEqual(g.dependentsOf(`${ws}/faster_rcnn/faster_rcnn_1x.py`).sort(), [`${ws}/faster_rcnn/faster_rcnn_2x.py`, `${ws}/faster_rcnn/faster_rcnn_giou_1x.py`]);
  assert.deepEqual(g.dependentsOf(`${ws}/_base_/models/retinanet.py`), [`${ws}/retinanet/retinanet_1x.py`]);
  assert.deepEqual(g.dependentsOf(`${ws}/_base_/schedules/schedule_1x.py`).sort(), [
    `${ws}/faster_rcnn/faster_rcnn_1x.py`,
    `${ws}/faster_rcnn/faster_rcnn_2x.py`,
    `${ws}/faster_rcnn/faster_rcnn_giou_1x.py`,
    `${ws}/retinanet/retinanet_1x.py`,
  ]);
  assert.deepEqual(g.dependentsOf(`${ws}/yolo/missing_base.py`), [`${ws}/yolo/yolo_8x.py`]);
  // A leaf nothing reads: only itself is read again.
  assert.deepEqual(g.dependentsOf(`${ws}/faster_rcnn/faster_rcnn_2x.py`), []);

  // The 2x config is edited to stop inheriting the 1x one: its edges are replaced when it is read again.
  g.set(`${ws}/faster_rcnn/faster_rcnn_2x.py`, shared);
  assert.deepEqual(g.dependentsOf(`${ws}/faster_rcnn/faster_rcnn_1x.py`), [`${ws}/faster_rcnn/faster_rcnn_giou_1x.py`]);
  // A rescan starts from nothing.
  g.clear();
  assert.equal(g.size, 0);
  assert.deepEqual(g.dependentsOf(`${ws}/_base_/schedules/schedule_1x.py`), []);
});
