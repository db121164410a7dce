import assert from "node:assert/strict";
import { test } from "node:test";
import { decimate } from "../../src/core/decimate";

void test("decimate is the identity when the series fits", () => {
  const xs = Float64Array.from([3, 1, 2]);
  const d = decimate(xs, 3);
  assert.deepEqual(Array.from(d.ticks), [0, 1, 2]);
  assert.deepEqual(Array.from(d.values), [3, 1, 2]);
});

void test("decimate keeps the global max and min, first, last and every boundary", () => {
  const n = 100_000;
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = Math.sin(i / 1000);
  xs[12_345] = 5; // a spike
  xs[54_321] = -5; // a dip
  const keep = [777, 50_000, 99_998];
  const d = decimate(xs, 200, keep);
  const ticks = Array.from(d.ticks);
  assert.ok(ticks.length <= 200 + keep.length + 2);
  for (const t of [0, n - 1, 12_345, 54_321, ...keep]) assert.ok(ticks.includes(t), `tick ${t} kept`);
  assert.deepEqual(
    ticks,
    [...ticks].sort((a, b) => a - b),
  );
  assert.equal(new Set(ticks).size, ticks.length);
  ticks.forEach((t, i) => assert.equal(d.values[i], xs[t]));
  assert.equal(Math.max(...d.values), 5);
  assert.equal(Math.min(...d.values), -5);
});

void test("decimate ignores boundaries outside the series", () => {
  const xs = new Float64Array(1000).fill(1);
  const d = decimate(xs, 10, [-1, 5000, 2.5]);
  assert.ok(d.ticks.length <= 10 + 3 + 2);
  assert.ok(Array.from(d.ticks).every((t) => t < 1000));
});
