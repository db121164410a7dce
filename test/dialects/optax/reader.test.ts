// The optax reader on training scripts as the optax / Flax examples write them.
import assert from "node:assert/strict";
import { test } from "node:test";
import { readOptax } from "../../../src/dialects/optax/reader";
import { curve } from "../keras/helpers";

const ctx = (inputs = {}) => ({ inputs, files: { read: () => undefined } });

void test("schedules passed to join_schedules are one schedule; its length is the schedule's own, as an assumption", () => {
  const text = `import optax
warmup_fn = optax.linear_schedule(init_value=0., end_value=0.1, transition_steps=5 * 100)
cosine_fn = optax.cosine_decay_schedule(init_value=0.1, decay_steps=95 * 100)
schedule_fn = optax.join_schedules(schedules=[warmup_fn, cosine_fn], boundaries=[5 * 100])
tx = optax.sgd(learning_rate=schedule_fn, momentum=0.9, nesterov=True)
`;
  const r = readOptax("train.py", text, ctx())!;
  assert.equal(r.schedules.length, 1);
  const s = r.schedules[0]!;
  assert.equal(s.name, "schedule_fn");
  assert.equal(s.total?.value, 10000);
  assert.equal(s.assumptions[0]?.input, "totalSteps");
  assert.equal(curve(s)[500], Math.fround(0.1));
});

void test("a module-level num_train_steps is the training length; --total-steps overrides it", () => {
  const text = `import optax\nnum_train_steps = 1234\nlr = optax.exponential_decay(1e-3, transition_steps=100, decay_rate=0.9)\n`;
  assert.equal(readOptax("t.py", text, ctx())!.schedules[0]!.total?.value, 1234);
  assert.equal(readOptax("t.py", text, ctx({ totalSteps: 99 }))!.schedules[0]!.total?.value, 99);
  const noLength = readOptax("t.py", text.replace("num_train_steps = 1234\n", ""), ctx())!.schedules[0]!;
  assert.equal(noLength.total, undefined);
  assert.ok(noLength.assumptions.some((a) => a.input === "totalSteps" && a.value === undefined && a.range));
});

void test("warmup_cosine_decay_schedule whose decay_steps does not exceed the warmup is an error", () => {
  const text = `import optax\ns = optax.warmup_cosine_decay_schedule(0.0, 1.0, warmup_steps=100, decay_steps=100)\n`;
  const s = readOptax("t.py", text, ctx())!.schedules[0]!;
  assert.ok(s.problems.some((p) => p.severity === "error"));
});

void test("files without optax schedules are not claimed", () => {
  assert.equal(readOptax("t.py", "import optax\ntx = optax.adam(1e-3)\n", ctx()), undefined);
  assert.equal(readOptax("t.py", "import torch\n", ctx()), undefined);
});
