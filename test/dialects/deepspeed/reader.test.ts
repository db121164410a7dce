// The DeepSpeed reader on configs written the way DeepSpeed's tutorials and the HF integration write them
// (in our own words), on configs with missing pieces, and on JSON of other tools.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { evaluate } from "../../../src/core/evaluate";
import type { ScheduleDescription } from "../../../src/core/schedule";
import { readSchedules, type Inputs } from "../../../src/dialects";
import { goldenDir } from "../pytorch/helpers";

function one(text: string, inputs: Inputs = {}): ScheduleDescription {
  const r = readSchedules("ds_config.json", text, inputs);
  assert.deepEqual(r.dialects, ["deepspeed"]);
  assert.equal(r.schedules.length, 1);
  return r.schedules[0]!;
}

const line = (r?: { startLine: number }): number | undefined => (r ? r.startLine + 1 : undefined);

void test("golden DeepSpeed configs match DeepSpeed's numbers", () => {
  for (const id of ["ds-onecycle", "ds-warmupdecay-linear", "ds-warmuplr-log"]) {
    const g = JSON.parse(readFileSync(join(goldenDir(), `${id}.json`), "utf8")) as { files: Record<string, string>; entry: string; options: Inputs; total: number; lr: [number, number][] };
    const s = one(g.files[g.entry]!, g.options);
    const c = evaluate(s);
    assert.equal(c.unit, "step");
    assert.equal(c.total, g.total);
    for (const [t, v] of g.lr) assert.ok(Math.abs(c.groups[0]![t]! - v) <= 1e-9 * Math.abs(v) + 1e-15, `${id} tick ${t}`);
  }
});

void test("WarmupDecayLR: the length comes from total_num_steps, defaults are the class's", () => {
  const s = one(`{
  "train_batch_size": 32,
  "optimizer": {"type": "Adam", "params": {"lr": 0.0001}},
  "scheduler": {"type": "WarmupDecayLR", "params": {"total_num_steps": 5000, "warmup_max_lr": 0.0001}}
}`);
  assert.equal(s.total?.value, 5000);
  assert.equal(line(s.total?.range), 4);
  assert.equal(s.program.family, "deepspeed");
  if (s.program.family !== "deepspeed") return;
  const spec = s.program.scheduler;
  assert.equal(spec.kind, "WarmupDecayLR");
  if (spec.kind !== "WarmupDecayLR") return;
  // Class defaults (not add_tuning_arguments'): warmup_num_steps 1000, warmup_type log, warmup_min_lr 0.
  assert.equal(spec.warmupNumSteps, 1000);
  assert.equal(spec.warmupType, "log");
  assert.deepEqual(spec.warmupMinLr, [0]);
  assert.equal(spec.args.warmup_num_steps?.origin.kind, "default");
  assert.deepEqual(s.groups[0]?.momentumKind, "beta1");
});

void test("WarmupLR without a length needs --total-steps, and uses it when given", () => {
  const text = `{"train_micro_batch_size_per_gpu": 4, "scheduler": {"type": "WarmupLR", "params": {"warmup_num_steps": 100}}}`;
  const s = one(text);
  assert.equal(s.total, undefined);
  const missing = s.assumptions.find((a) => a.input === "totalSteps");
  assert.ok(missing && missing.value === undefined && line(missing.range) === 1);
  const given = one(text, { totalSteps: 300 });
  assert.equal(given.total?.value, 300);
  assert.equal(given.total?.origin.kind, "user");
  assert.ok(given.assumptions.some((a) => a.input === "totalSteps" && a.value === 300));
  // No optimizer section: WarmupLR overwrites the script optimizer's LR anyway.
  assert.equal(evaluate(given).groups[0]![300 - 1], 0.001);
});

void test("HF-style \"auto\" values are filled as the Trainer fills them, each listed", () => {
  const s = one(
    `{
  "optimizer": {"type": "AdamW", "params": {"lr": "auto", "betas": "auto", "weight_decay": "auto"}},
  "scheduler": {"type": "WarmupDecayLR", "params": {"warmup_min_lr": "auto", "warmup_max_lr": "auto", "warmup_num_steps": "auto", "total_num_steps": "auto"}},
  "train_micro_batch_size_per_gpu": "auto",
  "zero_optimization": {"stage": 3}
}`,
    { totalSteps: 1000 },
  );
  assert.equal(s.total?.value, 1000);
  const messages = s.assumptions.map((a) => a.message);
  assert.ok(messages.some((m) => m.startsWith('warmup_max_lr is "auto"') && m.includes("5e-05") === false && m.includes("0.00005")));
  assert.ok(messages.some((m) => m.startsWith('warmup_num_steps is "auto"')));
  const c = evaluate(s);
  // warmup_num_steps 0 → max(2, 0) = 2 → log(2)/log(2) = 1 at i = 1.
  assert.equal(c.groups[0]![2], 5e-5);
});

void test("total_num_steps \"auto\" without --total-steps asks for it at its place", () => {
  const s = one(`{"zero_optimization": {"stage": 2},
  "scheduler": {"type": "WarmupDecayLR", "params": {"total_num_steps": "auto", "warmup_num_steps": 10}}}`);
  const a = s.assumptions.find((x) => x.input === "totalSteps");
  assert.ok(a && a.value === undefined && line(a.range) === 2);
});

void test("a torch scheduler named in scheduler.type is built from torch.optim.lr_scheduler", () => {
  const s = one(`{"train_batch_size": 8, "optimizer": {"type": "SGD", "params": {"lr": 0.1, "momentum": 0.9}},
  "scheduler": {"type": "StepLR", "params": {"step_size": 3}}}`, { totalSteps: 7 });
  assert.equal(s.program.family, "torch");
  const lr = Array.from(evaluate(s).groups[0]!);
  // gamma 0.1 (torch default), stepped per optimizer step.
  assert.deepEqual(lr.map((x) => Number(x.toPrecision(12))), [0.1, 0.1, 0.1, 0.01, 0.01, 0.01, 0.001]);
});

void test("what DeepSpeed rejects becomes an error at its place", () => {
  const unknownType = one(`{"train_batch_size": 8, "scheduler": {"type": "Cosine", "params": {}}}`, { totalSteps: 10 });
  assert.equal(unknownType.total, undefined);
  assert.ok(unknownType.problems.some((p) => p.code === "scheduler-unknown" && p.severity === "error"));
  const extra = one(`{"train_batch_size": 8, "scheduler": {"type": "WarmupLR", "params": {
    "warmup_max_lr": 0.1,
    "total_num_steps": 100}}}`);
  const p = extra.problems.find((x) => x.severity === "error");
  assert.ok(p && p.message.includes("unexpected keyword argument 'total_num_steps'") && line(p.range) === 3);
  const cosineWithoutOptimizer = one(`{"train_batch_size": 8, "scheduler": {"type": "WarmupCosineLR", "params": {"total_num_steps": 100}}}`);
  assert.ok(cosineWithoutOptimizer.problems.some((x) => x.code === "optimizer-unknown"));
});

void test("the batch arithmetic of runtime/config.py is reported", () => {
  const s = one(`{"train_batch_size": 256, "train_micro_batch_size_per_gpu": 8, "scheduler": {"type": "WarmupLR", "params": {}}}`, { devices: 8, totalSteps: 5 });
  assert.ok(s.problems.some((p) => p.code === "global-batch" && p.message.includes("Gradient accumulation 4")));
  const bad = readSchedules("ds.json", `{"train_batch_size": 256, "train_micro_batch_size_per_gpu": 8, "gradient_accumulation_steps": 4, "scheduler": {"type": "WarmupLR", "params": {}}}`, { devices: 4 });
  assert.ok(bad.problems.some((p) => p.code === "batch-mismatch"));
});

void test("a DeepSpeed config without a scheduler says why there is no schedule", () => {
  const r = readSchedules("ds_config.json", `{"train_batch_size": 16, "optimizer": {"type": "Adam", "params": {"lr": 1e-4}}, "fp16": {"enabled": true}}`);
  assert.deepEqual(r.dialects, ["deepspeed"]);
  assert.equal(r.schedules.length, 0);
  assert.ok(r.problems.some((p) => p.code === "no-scheduler"));
});

void test("JSON of other tools is left alone", () => {
  for (const text of [
    `{"learning_rate": 5e-5, "lr_scheduler_type": "linear", "per_device_train_batch_size": 8, "train_batch_size": 8}`,
    `{"name": "x", "version": "1.0.0"}`,
    `[1, 2, 3]`,
    `{"scheduler": {"type": "cosine"}}`,
  ]) {
    const r = readSchedules("config.json", text);
    assert.ok(!r.dialects.includes("deepspeed"), text);
  }
});

void test("a half-written config never throws", () => {
  const text = `{"train_batch_size": 8, "scheduler": {"type": "OneCycle", "params": {"cycle_min_lr": 0.1, "cycle_max_lr": [0.2, 0.3], "cycle_first_step_size": "a"`;
  for (let i = 0; i <= text.length; i += 7) {
    const r = readSchedules("ds_config.json", text.slice(0, i), { totalSteps: 10 });
    for (const s of r.schedules) evaluate(s);
  }
});
