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
