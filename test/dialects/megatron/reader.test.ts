// Megatron-LM launch scripts as its examples write them (bash arrays, argument strings).
import assert from "node:assert/strict";
import { test } from "node:test";
import { readMegatron } from "../../../src/dialects/megatron/reader";
import { parseLaunchScript } from "../../../src/parse/shell";
import { curve } from "../keras/helpers";

const ctx = (inputs = {}) => ({ inputs, files: { read: () => undefined } });

void test("arrays and unquoted strings expand into separate words, as bash does", () => {
  const text = `A=(--lr 1e-4 # comment\n  --min-lr 1e-5)\nB="--train-iters 10 --lr-decay-style cosine"\ntorchrun \${D[@]} pretrain_gpt.py \${A[@]} $B --save "$1"\n`;
  const cmds = parseLaunchScript("run.sh", text);
  const words = cmds.at(-1)!.words.map((w) => w.text);
  assert.deepEqual(words.slice(words.indexOf("pretrain_gpt.py")), ["pretrain_gpt.py", "--lr", "1e-4", "--min-lr", "1e-5", "--train-iters", "10", "--lr-decay-style", "cosine", "--save", ""]);
  // The unset \${D[@]} and the script argument "$1" stay as words that say why they are unknown.
  assert.equal(cmds.at(-1)!.words.filter((w) => w.dynamic !== undefined).length, 2);
});

void test("a cosine run with a warmup fraction; defaults (linear style, min_lr 0) where flags are absent", () => {
  const text = `python pretrain_bert.py --lr 1e-4 --train-iters 1000 --lr-warmup-fraction 0.01 --global-batch-size 32 --micro-batch-size 4\n`;
  const s = readMegatron("bert.sh", text, ctx())!.schedules[0]!;
  assert.equal(s.total?.value, 1000);
  const lr = curve(s);
  assert.equal(lr[0], 0);
  assert.equal(lr[10], 1e-4); // warmup 10 iterations, inclusive
  assert.equal(lr[1000 - 1], 0 + (1.0 - (999 * 32 - 320) / (32000 - 320)) * 1e-4);
});

void test("--train-samples without a batch size asks for the devices; no --train-iters/--train-samples is an error", () => {
  const s = readMegatron("a.sh", "python pretrain_gpt.py --lr 1e-4 --train-samples 100000 --micro-batch-size 2 --lr-decay-style cosine\n", ctx())!.schedules[0]!;
  assert.equal(s.total, undefined);
  assert.equal(s.assumptions[0]?.input, "devices");
  const withDevices = readMegatron("a.sh", "python pretrain_gpt.py --lr 1e-4 --train-samples 100000 --micro-batch-size 2 --lr-decay-style cosine\n", ctx({ devices: 8 }))!.schedules[0]!;
  assert.equal(withDevices.total?.value, 6250);
  const none = readMegatron("b.sh", "python pretrain_gpt.py --lr 1e-4 --lr-decay-style cosine\n", ctx())!.schedules[0]!;
  assert.ok(none.problems.some((p) => p.code === "total-unknown"));
});

void test("scripts of other tools are not Megatron scripts", () => {
  assert.equal(readMegatron("t.sh", "python train.py --model resnet50 --sched cosine --epochs 100 --lr 0.1\n", ctx()), undefined);
  assert.equal(readMegatron("t.sh", "fairseq-train data --lr 5e-4 --lr-scheduler inverse_sqrt --max-update 100\n", ctx()), undefined);
});
