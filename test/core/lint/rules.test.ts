// Each schedule check on a realistic script: one case it must report, one it must leave alone.
import assert from "node:assert/strict";
import { test } from "node:test";
import { evaluate } from "../../../src/core/evaluate";
import { deprecatedKeyReplacement, lintRules, lintSchedule } from "../../../src/core/lint";
import type { ScheduleDescription } from "../../../src/core/schedule";
import { derived, literal } from "../../../src/core/value";
import { group, program, spec } from "../torch/helpers";
import { findings, read, script } from "./helpers";

const sgd = "optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)";

void test("every rule has a unique kebab-case code and a description", () => {
  const codes = lintRules.map((r) => r.code);
  assert.equal(new Set(codes).size, codes.length);
  for (const r of lintRules) {
    assert.match(r.code, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.ok(r.description.length > 10);
  }
});

void test("tmax-shorter-than-training: T_max=50 with 90 epochs, with the fix to the loop length", () => {
  const [f, ...rest] = findings("tmax-shorter-than-training", script(`${sgd}\nscheduler = CosineAnnealingLR(optimizer, T_max=50)`));
  assert.equal(rest.length, 0);
  assert.match(f!.message, /T_max=50 is shorter than the 90 epochs/);
  assert.deepEqual([f!.range?.startLine, f!.range?.startColumn], [5, 47]);
  assert.equal(f!.fix?.newText, "90");
  assert.deepEqual(f!.fix?.range, f!.range);
});

void test("tmax-shorter-than-training: T_max = epochs and T_max = epochs - 1 are fine", () => {
  assert.equal(findings("tmax-shorter-than-training", script(`${sgd}\nscheduler = CosineAnnealingLR(optimizer, T_max=90)`)).length, 0);
  assert.equal(findings("tmax-shorter-than-training", script(`${sgd}\nscheduler = CosineAnnealingLR(optimizer, T_max=89)`)).length, 0);
});

void test("tmax-shorter-than-training: a SequentialLR child is measured from its milestone", () => {
  const seq = (tMax: number): string =>
    script(`${sgd}\nwarmup = LinearLR(optimizer, start_factor=0.1, total_iters=5)\ncosine = CosineAnnealingLR(optimizer, T_max=${tMax})\nscheduler = SequentialLR(optimizer, [warmup, cosine], milestones=[5])`);
  assert.equal(findings("tmax-shorter-than-training", seq(85)).length, 0);
  const [f] = findings("tmax-shorter-than-training", seq(40));
  assert.match(f!.message, /85 epochs cosine is stepped between scheduler's milestones/);
  assert.equal(f!.fix?.newText, "85");
});

void test("warmup-longer-than-training: LinearLR warmup of 10 epochs in a 5-epoch run", () => {
  const s = (iters: number): string => script(`${sgd}\nwarmup = LinearLR(optimizer, start_factor=0.1, total_iters=${iters})\ncosine = CosineAnnealingLR(optimizer, T_max=5)\nscheduler = SequentialLR(optimizer, [warmup, cosine], milestones=[${iters}])`, { epochs: 5 });
  const [f] = findings("warmup-longer-than-training", s(10));
  assert.match(f!.message, /lasts 10 epochs but the training runs 5 epochs/);
  assert.equal(findings("warmup-longer-than-training", s(2)).length, 0);
});

void test("warmup-longer-than-training: DeepSpeed warmup_num_steps beyond total_num_steps", () => {
  const desc = (warmup: number): ScheduleDescription => ({
    name: "WarmupDecayLR",
    dialect: "deepspeed",
    unit: "step",
    total: literal(1000),
    groups: [group(0.001)],
    program: { family: "deepspeed", scheduler: { kind: "WarmupDecayLR", totalNumSteps: 1000, warmupMinLr: [0], warmupMaxLr: [0.001], warmupNumSteps: warmup, warmupType: "linear", name: "WarmupDecayLR", args: { warmup_num_steps: literal(warmup, { file: "ds.json", startLine: 3, startColumn: 4, endLine: 3, endColumn: 8 }) } } },
    source: { file: "ds.json", startLine: 1, startColumn: 0, endLine: 1, endColumn: 1 },
    assumptions: [],
    problems: [],
  });
  const [f] = lintSchedule(desc(2000), evaluate(desc(2000))).filter((x) => x.code === "warmup-longer-than-training");
  assert.equal(f?.range?.startLine, 3);
  assert.equal(lintSchedule(desc(100), evaluate(desc(100))).filter((x) => x.code === "warmup-longer-than-training").length, 0);
});

void test("milestone-past-end: MultiStepLR milestone 100 in a 90-epoch run", () => {
  const found = findings("milestone-past-end", script(`${sgd}\nscheduler = MultiStepLR(optimizer, milestones=[30, 60, 100], gamma=0.1)`));
  assert.equal(found.length, 1);
  assert.match(found[0]!.message, /milestone 100 is at epoch 100, but the training runs only 90 epochs/);
  assert.equal(findings("milestone-past-end", script(`${sgd}\nscheduler = MultiStepLR(optimizer, milestones=[30, 60, 80], gamma=0.1)`)).length, 0);
});

void test("epoch-numbers-stepped-per-batch: T_max=90 stepped after every batch of a 90-epoch run", () => {
  const [f] = findings("epoch-numbers-stepped-per-batch", script(`${sgd}\nscheduler = CosineAnnealingLR(optimizer, T_max=90)`, { perBatch: true }));
  assert.match(f!.message, /T_max=90 looks like a number of epochs \(the loop runs 90 epochs of 100 steps\)/);
  assert.equal(findings("epoch-numbers-stepped-per-batch", script(`${sgd}\nscheduler = CosineAnnealingLR(optimizer, T_max=90 * len(train_loader))`, { perBatch: true })).length, 0);
});

void test("step-numbers-stepped-per-epoch: T_max from len(train_loader) stepped once per epoch", () => {
  const [f] = findings("step-numbers-stepped-per-epoch", script(`${sgd}\nscheduler = CosineAnnealingLR(optimizer, T_max=90 * len(train_loader))`));
  assert.match(f!.message, /T_max=9,000 looks like a number of batches \(it is computed from a per-batch count\): only 90/);
  assert.equal(findings("step-numbers-stepped-per-epoch", script(`${sgd}\nscheduler = CosineAnnealingLR(optimizer, T_max=90)`)).length, 0);
});

void test("onecycle-total-steps: total_steps shorter and longer than the loop; equal is fine", () => {
  const s = (n: string): string => script(`${sgd}\nscheduler = OneCycleLR(optimizer, max_lr=0.1, total_steps=${n})`, { perBatch: true, epochs: 10 });
  const [short] = findings("onecycle-total-steps", s("500"));
  assert.equal(short?.severity, "error");
  assert.match(short.message, /10 epochs × 100 steps = 1000 times: PyTorch raises ValueError at step 501/);
  assert.equal(short.fix?.newText, "1000");
  const [long] = findings("onecycle-total-steps", s("2000"));
  assert.equal(long?.severity, "warning");
  assert.equal(findings("onecycle-total-steps", s("1000")).length, 0);
  assert.equal(findings("onecycle-total-steps", s("10 * len(train_loader)")).length, 0);
});

void test("sequential-milestone-mismatch: a warmup of 5 handed over at 3, and at 5", () => {
  const s = (m: number): string => script(`${sgd}\nwarmup = LinearLR(optimizer, start_factor=0.1, total_iters=5)\ncosine = CosineAnnealingLR(optimizer, T_max=85)\nscheduler = SequentialLR(optimizer, [warmup, cosine], milestones=[${m}])`);
  const [cut] = findings("sequential-milestone-mismatch", s(3));
  assert.equal(cut?.severity, "warning");
  assert.match(cut.message, /after 3 of the 5 epochs of warmup \(total_iters=5\): it is cut short/);
  assert.equal(cut.fix?.newText, "5");
  const [held] = findings("sequential-milestone-mismatch", s(8));
  assert.equal(held?.severity, "info");
  assert.equal(findings("sequential-milestone-mismatch", s(5)).length, 0);
});

void test("eta-min-above-base-lr: eta_min 0.5 over lr 0.1", () => {
  const [f] = findings("eta-min-above-base-lr", script(`${sgd}\nscheduler = CosineAnnealingLR(optimizer, T_max=90, eta_min=0.5)`));
  assert.match(f!.message, /eta_min=0.5 is above the base LR 0.1/);
  assert.equal(findings("eta-min-above-base-lr", script(`${sgd}\nscheduler = CosineAnnealingLR(optimizer, T_max=90, eta_min=1e-5)`)).length, 0);
});

void test("gamma-out-of-range: gamma 10 and gamma 0; 0.1 is fine", () => {
  assert.match(findings("gamma-out-of-range", script(`${sgd}\nscheduler = StepLR(optimizer, step_size=30, gamma=10)`))[0]!.message, /gamma=10 is above 1/);
  assert.match(findings("gamma-out-of-range", script(`${sgd}\nscheduler = ExponentialLR(optimizer, gamma=0)`))[0]!.message, /not positive/);
  assert.equal(findings("gamma-out-of-range", script(`${sgd}\nscheduler = StepLR(optimizer, step_size=30, gamma=0.1)`)).length, 0);
});

void test("lr-scaled-twice: a reference LR written as 0.1 * 1024 / 256 that the framework scales again", () => {
  const range = { file: "args.yaml", startLine: 2, startColumn: 9, endLine: 2, endColumn: 25 };
  const desc = (referenceLr: ScheduleDescription["groups"][0]["lr"]): ScheduleDescription => ({
    name: "cosine",
    dialect: "timm",
    unit: "epoch",
    total: literal(10),
    groups: [group(1.6)],
    scaling: { rule: "linear", referenceLr, referenceBatch: literal(256), globalBatch: literal(4096) },
    program: program([spec({ kind: "ConstantLR", factor: 1, totalIters: 0 }, "c")]),
    source: range,
    assumptions: [],
    problems: [],
  });
  const twice = desc(derived(0.4, "0.1 * 1024 / 256", [literal(0.1), literal(1024), literal(256)], range));
  const [f] = lintSchedule(twice, evaluate(twice)).filter((x) => x.code === "lr-scaled-twice");
  assert.match(f!.message, /already scaled with the batch size, and the framework scales it again \(linear: × 4096 \/ 256\)/);
  const once = desc(literal(0.1, range));
  assert.equal(lintSchedule(once, evaluate(once)).filter((x) => x.code === "lr-scaled-twice").length, 0);
});

void test("input-needed: steps per epoch unknown for a per-batch cosine, with the input to supply", () => {
  const text = script(`${sgd}\nscheduler = CosineAnnealingLR(optimizer, T_max=90 * len(train_loader))`, { perBatch: true });
  const { schedule, curve } = read(text, {});
  const all = lintSchedule(schedule, curve);
  const needs = [...all.filter((f) => f.code === "input-needed"), ...schedule.problems.filter((p) => p.code === "needs-input")];
  assert.ok(needs.length >= 1, JSON.stringify(schedule.problems));
  const mine = all.find((f) => f.code === "input-needed");
  if (mine) assert.equal(mine.input, "stepsPerEpoch");
  assert.equal(findings("input-needed", text, { stepsPerEpoch: 100 }).length, 0);
});

void test("disabled codes are skipped", () => {
  const { schedule, curve } = read(script(`${sgd}\nscheduler = CosineAnnealingLR(optimizer, T_max=50)`));
  assert.equal(lintSchedule(schedule, curve).length, 1);
  assert.equal(lintSchedule(schedule, curve, new Set(["tmax-shorter-than-training"])).length, 0);
});

void test("deprecated keys: warmup_ratio → warmup_steps, as written", () => {
  assert.equal(deprecatedKeyReplacement("warmup_ratio"), "warmup_steps");
  assert.equal(deprecatedKeyReplacement('"warmup_ratio"'), '"warmup_steps"');
  assert.equal(deprecatedKeyReplacement("--warmup-ratio"), "--warmup-steps");
  assert.equal(deprecatedKeyReplacement("--warmup_ratio"), "--warmup_steps");
  assert.equal(deprecatedKeyReplacement("warmup_steps"), undefined);
  assert.equal(deprecatedKeyReplacement("a b"), undefined);
});
