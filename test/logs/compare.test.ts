// Planned vs logged on a real PyTorch script: logs made from the plan itself with a planted mistake (the
// scheduler stepped per epoch instead of per step, and the reverse; a resume that restarted the schedule; a
// skipped warmup; another base LR; another length), and logs that agree under the frameworks' logging orders.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluate } from "../../src/core/evaluate";
import type { ScheduleDescription } from "../../src/core/schedule";
import { readPyTorchScript } from "../../src/dialects/pytorch/reader";
import { compareLog, differsFromPlan } from "../../src/logs/compare";
import type { LogPoint, RunLog } from "../../src/logs/runLog";

function schedule(text: string): ScheduleDescription {
  const r = readPyTorchScript("train.py", text);
  assert.equal(r.schedules.length, 1, JSON.stringify(r.problems));
  return r.schedules[0]!;
}

const header = "import torch\nfrom torch import nn\n\nmodel = nn.Linear(2, 2)\noptimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)\n";
/** Cosine over 1000 optimizer steps, stepped per batch: 10 epochs of 100 steps. */
const perStep = schedule(header + "scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=1000)\nfor epoch in range(10):\n    for batch in range(100):\n        optimizer.step()\n        scheduler.step()\n");
/** Cosine over 10 epochs, stepped per epoch. */
const perEpoch = schedule(header + "scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=10)\nfor epoch in range(10):\n    for batch in range(100):\n        optimizer.step()\n    scheduler.step()\n");
const warmup = schedule(
  header +
    "warm = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.01, total_iters=100)\ncos = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=900)\nscheduler = torch.optim.lr_scheduler.SequentialLR(optimizer, [warm, cos], milestones=[100])\nfor epoch in range(10):\n    for batch in range(100):\n        optimizer.step()\n        scheduler.step()\n",
);

const lrOf = (d: ScheduleDescription, n?: number): Float64Array => evaluate(d, n).groups[0]!;
const stepLog = (points: LogPoint[], extra: Partial<RunLog> = {}): RunLog => ({ source: { file: "runs/a/trainer_state.json", format: "hf-trainer-state" }, unit: "step", series: [{ tag: "learning_rate", points }], problems: [], ...extra });
const every = (n: number, end: number, f: (s: number) => number): LogPoint[] => Array.from({ length: Math.floor(end / n) }, (_, i) => [i * n, f(i * n)] as LogPoint);

void describe("compareLog", () => {
  void it("the readers' descriptions: per step with 100 steps per epoch, and per epoch", () => {
    assert.equal(perStep.unit, "step");
    assert.equal(perStep.stepsPerEpoch?.value, 100);
    assert.equal(perEpoch.unit, "epoch");
  });

  void it("a log that follows the plan matches, also one tick late (older HF) and in float32 (TensorBoard)", () => {
    const lr = lrOf(perStep);
    const ok = compareLog(perStep, stepLog(every(10, 1000, (s) => lr[s]!)));
    assert.equal(ok.firstDifference, undefined);
    assert.equal(ok.compared, 100);
    assert.equal(ok.matched, 100);
    assert.equal(ok.shift, 0);
    const late = compareLog(perStep, stepLog(every(10, 1000, (s) => lr[s + 1] ?? 0)));
    assert.equal(late.firstDifference, undefined);
    assert.equal(late.shift, 1);
    assert.equal(compareLog(perStep, stepLog(every(7, 1000, (s) => Math.fround(lr[s]!)))).firstDifference, undefined);
    assert.equal(differsFromPlan(perStep, stepLog([]), ok), undefined);
  });

  void it("planted: a per-step plan that ran stepped per epoch", () => {
    const lr = lrOf(perStep);
    const log = stepLog(every(10, 1000, (s) => lr[Math.floor(s / 100)]!));
    const c = compareLog(perStep, log);
    assert.deepEqual(c.cause, { kind: "per-epoch-stepping", stepsPerEpoch: 100 });
    // Steps 0..9 of epoch 0 use tick 0 in both; step 10 is the first where the plan moved on.
    assert.equal(c.firstDifference?.x, 10);
    assert.equal(c.firstDifference?.logged, 0.1);
    const problem = differsFromPlan(perStep, log, c)!;
    assert.equal(problem.code, "log-differs-from-plan");
    assert.deepEqual(problem.range, perStep.source);
    assert.match(problem.message, /from step 10: logged 0\.1, planned 0\.0999753/);
    assert.match(problem.message, /stepped once per epoch, not per step/);
  });

  void it("planted: a per-epoch plan that ran stepped per batch (per-epoch log, read at the epoch's end)", () => {
    const fast = lrOf(perEpoch, 1000); // the same scheduler stepped 1000 times
    const log: RunLog = { source: { file: "output/train/x/summary.csv", format: "timm-summary" }, unit: "epoch", at: "end", stepsPerEpoch: 100, series: [{ tag: "lr", points: Array.from({ length: 10 }, (_, e) => [e, fast[(e + 1) * 100 - 1]!] as LogPoint) }], problems: [] };
    const c = compareLog(perEpoch, log);
    assert.equal(c.firstDifference?.x, 0);
    assert.deepEqual(c.cause, { kind: "per-step-stepping", stepsPerEpoch: 100 });
    assert.match(differsFromPlan(perEpoch, log, c)!.message, /from epoch 0: .*stepped every optimizer step/);
  });

  void it("a per-epoch log against a per-step plan needs steps per epoch", () => {
    const log: RunLog = { source: { file: "results.csv", format: "ultralytics-csv" }, unit: "epoch", at: "end", series: [{ tag: "lr/pg0", points: [[0, 0.1]] }], problems: [] };
    const noSpe = { ...perStep, stepsPerEpoch: undefined };
    assert.equal(compareLog(noSpe, log).problems[0]!.code, "log-needs-steps-per-epoch");
    const lr = lrOf(perStep);
    const ends = Array.from({ length: 10 }, (_, e) => [e, lr[(e + 1) * 100 - 1]!] as LogPoint);
    assert.equal(compareLog(noSpe, { ...log, series: [{ tag: "lr/pg0", points: ends }] }, { stepsPerEpoch: 100 }).firstDifference, undefined);
  });

  void it("planted: a resume at step 400 that restarted the schedule", () => {
    const lr = lrOf(perStep);
    const log = stepLog(every(50, 1000, (s) => (s < 400 ? lr[s]! : lr[s - 400]!)));
    const c = compareLog(perStep, log);
    assert.equal(c.firstDifference?.x, 400);
    assert.equal(c.cause?.kind, "restarted");
    assert.ok(c.cause?.kind === "restarted" && c.cause.atTick > 350 && c.cause.atTick <= 400);
  });

  void it("planted: a warmup that never ran", () => {
    const lr = lrOf(warmup);
    const log = stepLog(every(10, 1000, (s) => (s < 100 ? 0.1 : lr[s]!)));
    const c = compareLog(warmup, log);
    assert.equal(c.firstDifference?.x, 0);
    assert.deepEqual(c.cause, { kind: "warmup-skipped", warmupTicks: 100 });
  });

  void it("planted: another base LR, and another length", () => {
    const lr = lrOf(perStep);
    assert.deepEqual(compareLog(perStep, stepLog(every(10, 1000, (s) => 0.5 * lr[s]!))).cause, { kind: "scaled", factor: 0.5 });
    const short = schedule(header + "scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=500)\nfor epoch in range(5):\n    for batch in range(100):\n        optimizer.step()\n        scheduler.step()\n");
    const ran = lrOf(short);
    const c = compareLog(perStep, stepLog(every(10, 500, (s) => ran[s]!)));
    assert.equal(c.cause?.kind, "different-total");
    assert.ok(c.cause?.kind === "different-total" && Math.abs(c.cause.total - 500) <= 10, JSON.stringify(c.cause));
  });

  void it("planted: a scheduler that never stepped (not mistaken for another length)", () => {
    const perEpochLog = (points: LogPoint[]): RunLog => ({ source: { file: "output/train/summary.csv", format: "timm-summary" }, unit: "epoch", series: [{ tag: "lr", points }], problems: [] });
    const c = compareLog(perEpoch, perEpochLog(Array.from({ length: 10 }, (_, e) => [e, 0.1] as LogPoint)));
    assert.deepEqual(c.cause, { kind: "never-stepped", lr: 0.1 });
    assert.match(differsFromPlan(perEpoch, perEpochLog([]), c)?.message ?? "", /never stepped/);
    // Constant at the peak after a warmup is the skipped warmup, not a scheduler that never stepped.
    const lr = lrOf(warmup);
    assert.equal(compareLog(warmup, stepLog(every(10, 100, () => lr[100]!))).cause?.kind, "warmup-skipped");
  });

  void it("an empty log is a value, not an exception", () => {
    assert.equal(compareLog(perStep, stepLog([])).problems[0]!.code, "log-no-lr");
  });
});

void describe("linking and overlay", () => {
  void it("finds the logs of a config's run folder, nearest first", async () => {
    const { runLogsOf } = await import("../../src/logs/link");
    const logs = ["work_dirs/faster/20240102_000000/vis_data/scalars.json", "work_dirs/faster/20240101_000000/vis_data/scalars.json", "work_dirs/other/20240101_000000/vis_data/scalars.json", "runs/detect/train/results.csv", "work_dirs/faster/notes.txt"];
    assert.deepEqual(runLogsOf("work_dirs/faster/faster_rcnn.py", logs), ["work_dirs/faster/20240102_000000/vis_data/scalars.json", "work_dirs/faster/20240101_000000/vis_data/scalars.json"]);
    assert.deepEqual(runLogsOf("runs/detect/train/args.yaml", logs), ["runs/detect/train/results.csv"]);
    assert.deepEqual(runLogsOf("configs/faster_rcnn.py", logs), []);
  });
  void it("the overlay carries the plan ticks and the differs message", async () => {
    const { loggedView } = await import("../../src/logs/overlay");
    const lr = lrOf(perStep);
    const log = stepLog(every(10, 1000, (s) => lr[Math.floor(s / 100)]!));
    const view = loggedView(0, "runs/a/trainer_state.json", perStep, log, compareLog(perStep, log));
    assert.equal(view.ticks.length, 100);
    assert.equal(view.label, "runs/a/trainer_state.json (learning_rate)");
    assert.equal(view.differs?.tick, 10);
    assert.match(view.differs.message, /per epoch/);
  });
});
