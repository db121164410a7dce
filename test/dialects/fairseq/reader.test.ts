// fairseq command lines and Hydra configs as its examples write them.
import assert from "node:assert/strict";
import { test } from "node:test";
import { readFairseq } from "../../../src/dialects/fairseq/reader";
import { curve, read } from "../keras/helpers";

const ctx = (inputs = {}) => ({ inputs, files: { read: () => undefined } });

void test("inverse_sqrt with the default warmup (4000) and warmup_init_lr (0)", () => {
  const s = readFairseq("t.sh", "fairseq-train data-bin/iwslt14 --arch transformer_iwslt_de_en --lr 5e-4 --lr-scheduler inverse_sqrt --max-update 8000\n", ctx())!.schedules[0]!;
  assert.equal(s.total?.value, 8000);
  const lr = curve(s);
  assert.equal(lr[0], 0);
  assert.equal(lr[2000], 2000 * (5e-4 / 4000));
  assert.equal(lr[4000], 5e-4 * 4000 ** 0.5 * 4000 ** -0.5);
});

void test("--max-epoch without --max-update needs the updates per epoch", () => {
  const text = "fairseq-train data --lr 0.25 --lr-scheduler fixed --max-epoch 50 --arch fconv\n";
  const s = readFairseq("t.sh", text, ctx())!.schedules[0]!;
  assert.equal(s.total, undefined);
  assert.ok(s.assumptions.some((a) => a.input === "stepsPerEpoch" && a.range));
  assert.equal(readFairseq("t.sh", text, ctx({ stepsPerEpoch: 100 }))!.schedules[0]!.total?.value, 5000);
});

void test("reduce_lr_on_plateau is named, not guessed", () => {
  const s = readFairseq("t.sh", "fairseq-train data --lr 0.1 --lr-scheduler reduce_lr_on_plateau --max-update 100\n", ctx())!.schedules[0]!;
  assert.equal(s.total, undefined);
  assert.ok(s.problems.some((p) => p.code === "unsupported-scheduler"));
});

void test("YAML of other tools is left to their readers", () => {
  assert.equal(readFairseq("c.yaml", "lr_scheduler:\n  type: cosine\niters: 1000\n", ctx()), undefined);
  assert.equal(readFairseq("c.yaml", "learning_rate: 1e-4\nlr_scheduler_type: cosine\n", ctx()), undefined);
  const hf = read("args.yaml", { "args.yaml": "model_name_or_path: gpt2\nlearning_rate: 1.0e-4\nlr_scheduler_type: cosine\nmax_steps: 100\n" });
  assert.ok(!hf.dialects.includes("fairseq"));
});
