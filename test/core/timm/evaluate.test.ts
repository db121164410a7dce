// evaluateTimm: construction values at tick 0, _get_lr(t) after, every param group, boundaries and noise marks.
import assert from "node:assert/strict";
import { test } from "node:test";
import { evaluate } from "../../../src/core/evaluate";
import { describeTimmProgram } from "../../../src/core/timm/describe";
import { literal } from "../../../src/core/value";
import { cycles1, lrs, program, run } from "./helpers";

void test("every param group follows the same schedule from its own base LR", () => {
  const r = run(program({ kind: "step", decayT: 1, decayRate: 0.5 }), [1, 0.1], 3);
  assert.deepEqual(lrs(r, 0), [1, 0.5, 0.25]);
  assert.deepEqual(lrs(r, 1), [0.1, 0.05, 0.025]);
});

void test("sched none: the optimizer's LR throughout", () => {
  assert.deepEqual(lrs(run(program({ kind: "none" }, { warmupT: 5, warmupLrInit: 0 }), [0.01], 3)), [0.01, 0.01, 0.01]);
});

void test("noise is not simulated; its window is marked", () => {
  const p = { ...program({ kind: "cosine", tInitial: 10, lrMin: 0, kDecay: 1, ...cycles1 }), noise: { rangeT: [4, 9] as [number, number], pct: 0.67, std: 1, seed: 42 } };
  const r = run(p, [1], 10);
  assert.deepEqual(
    r.boundaries.map((b) => [b.tick, b.label]),
    [
      [4, "noise on (±67%)"],
      [9, "noise off"],
    ],
  );
  assert.equal(lrs(r)[4], 0.5 * (1 + Math.cos((Math.PI * 4) / 10)));
});

void test("evaluate() dispatches the timm family and describes it", () => {
  const p = program({ kind: "cosine", tInitial: 300, lrMin: 1e-5, kDecay: 1, ...cycles1 }, { warmupT: 5, warmupLrInit: 1e-6 });
  const curve = evaluate({ name: "deit", dialect: "timm", unit: "epoch", total: literal(310), groups: [{ lr: literal(5e-4) }], program: p, source: { file: "a", startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 }, assumptions: [], problems: [] });
  assert.equal(curve.total, 310);
  assert.equal(curve.groups[0]![0], 1e-6);
  assert.equal(curve.groups[0]![309], 1e-5);
  assert.deepEqual(describeTimmProgram(p), ["CosineLRScheduler(t_initial=300, lr_min=1e-5, warmup_t=5, warmup_lr_init=1e-6)"]);
});
