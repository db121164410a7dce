// Training arguments as people write them (HF JSON, LLaMA-Factory and axolotl YAML, Python calls), written
// here in our own words; LR values derived by hand from transformers optimization.py / trainer.py (v5.x).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluate } from "../../../src/core/evaluate";
import type { ScheduleDescription } from "../../../src/core/schedule";
import { readSchedules, type Inputs, type WorkspaceFiles } from "../../../src/dialects";
import { readTransformers } from "../../../src/dialects/transformers/reader";

const noFiles: WorkspaceFiles = { read: () => undefined };

function hf(file: string, text: string, inputs: Inputs = {}, files: WorkspaceFiles = noFiles): ScheduleDescription[] | undefined {
  return readTransformers(file, text, { inputs, files })?.schedules.slice();
}

function one(file: string, text: string, inputs: Inputs = {}, files: WorkspaceFiles = noFiles): ScheduleDescription {
  const s = hf(file, text, inputs, files);
  assert.ok(s, "claimed");
  assert.equal(s.length, 1);
  return s[0]!;
}

function lrs(s: ScheduleDescription): number[] {
  const c = evaluate(s);
  assert.deepEqual(c.problems.filter((p) => p.severity === "error"), []);
  return Array.from(c.groups[0]!);
}

function close(actual: number | undefined, expected: number, what = ""): void {
  assert.ok(actual !== undefined && Math.abs(actual - expected) <= 1e-15 + 1e-12 * Math.abs(expected), `${what}: ${actual} ≠ ${expected}`);
}

const codes = (s: ScheduleDescription): string[] => s.problems.map((p) => p.code);

void describe("training_args.json", () => {
  void it("linear with warmup steps: LR 0 at step 0, peak at the end of warmup, 0 at max_steps", () => {
    const s = one("training_args.json", `{\n  "output_dir": "out",\n  "learning_rate": 2e-5,\n  "lr_scheduler_type": "linear",\n  "warmup_steps": 10,\n  "max_steps": 110\n}\n`);
    assert.equal(s.dialect, "transformers");
    assert.equal(s.unit, "step");
    assert.equal(s.total?.value, 110);
    assert.equal(s.total?.range?.startLine, 5);
    const lr = lrs(s);
    // step < 10: 2e-5 × step / 10; then 2e-5 × (110 - step) / 100.
    close(lr[0], 0);
    close(lr[5], 2e-5 * (5 / 10));
    close(lr[10], 2e-5);
    close(lr[60], 2e-5 * (50 / 100));
    assert.ok(codes(s).includes("lr-zero-at-start"));
  });

  void it("defaults: lr 5e-5, linear, no warmup, 3 epochs × updates per epoch from --steps-per-epoch", () => {
    const s = one("args.json", `{"output_dir": "o", "per_device_train_batch_size": 16}`, { stepsPerEpoch: 7 });
    assert.equal(s.groups[0]!.lr.value, 5e-5);
    assert.equal(s.groups[0]!.lr.origin.kind, "default");
    // ceil(3.0 × 7) = 21
    assert.equal(s.total?.value, 21);
    assert.deepEqual(s.assumptions.map((a) => [a.input, a.value]), [["stepsPerEpoch", 7]]);
    const lr = lrs(s);
    close(lr[0], 5e-5);
    close(lr[20], 5e-5 / 21);
    assert.ok(!codes(s).includes("lr-zero-at-start"));
  });

  void it("epochs without a dataset size: an assumption with its range, no total", () => {
    const text = `{\n  "learning_rate": 3e-4,\n  "num_train_epochs": 2.5,\n  "lr_scheduler_type": "cosine"\n}`;
    const s = one("args.json", text);
    assert.equal(s.total, undefined);
    const a = s.assumptions.find((x) => x.input === "stepsPerEpoch");
    assert.ok(a && a.value === undefined);
    assert.equal(a.range?.startLine, 2);
    // Fractional epochs: ceil(2.5 × 33) = 83.
    assert.equal(one("args.json", text, { stepsPerEpoch: 33 }).total?.value, 83);
  });

  void it("--total-steps overrides max_steps, as --max_steps at launch would", () => {
    const s = one("a.json", `{"lr_scheduler_type": "constant", "max_steps": 50}`, { totalSteps: 80 });
    assert.equal(s.total?.value, 80);
    assert.equal(s.total?.origin.kind, "user");
  });

  void it("warmup_steps below 1 is a ratio of the total: ceil(total × ratio)", () => {
    const s = one("a.json", `{"lr_scheduler_type": "constant_with_warmup", "warmup_steps": 0.05, "max_steps": 30, "learning_rate": 1.0}`);
    // ceil(30 × 0.05) = ceil(1.5) = 2 → lambda 0, 0.5, 1.
    assert.deepEqual(lrs(s).slice(0, 4), [0, 0.5, 1, 1]);
  });

  void it("polynomial decays from learning_rate to lr_end; lr_end ≥ lr is the ValueError", () => {
    const s = one("a.json", `{"lr_scheduler_type": "polynomial", "learning_rate": 1.0, "max_steps": 4, "lr_scheduler_kwargs": {"lr_end": 0.2, "power": 2}}`);
    // (1 - 0.2) × (1 - t/4)² + 0.2: 1, 0.65, 0.4, 0.25.
    const lr = lrs(s);
    [1, 0.65, 0.4, 0.25].forEach((v, t) => close(lr[t], v, `t=${t}`));
    const bad = one("a.json", `{"lr_scheduler_type": "polynomial", "learning_rate": 1e-7, "max_steps": 4}`);
    assert.equal(bad.total, undefined);
    assert.match(bad.problems.find((p) => p.severity === "error")!.message, /lr_end .* must be smaller/);
  });

  void it("cosine_with_min_lr needs min_lr or min_lr_rate; min_lr becomes a rate of learning_rate", () => {
    const s = one("a.json", `{"lr_scheduler_type": "cosine_with_min_lr", "learning_rate": 1e-3, "max_steps": 10, "lr_scheduler_kwargs": {"min_lr": 1e-4}}`);
    close(lrs(s)[5], 1e-3 * (0.5 * (1 - 0.1) + 0.1));
    const missing = one("a.json", `{"lr_scheduler_type": "cosine_with_min_lr", "max_steps": 10}`);
    assert.ok(missing.problems.some((p) => p.severity === "error" && /min_lr or min_lr_rate/.test(p.message)));
  });

  void it("a kwarg the scheduler function does not take is Python's TypeError", () => {
    const s = one("a.json", `{"lr_scheduler_type": "cosine", "max_steps": 10, "lr_scheduler_kwargs": {"min_lr_ratio": 0.1}}`);
    assert.equal(s.total, undefined);
    assert.ok(s.problems.some((p) => p.severity === "error" && /TypeError/.test(p.message)));
  });

  void it("lr_scheduler_kwargs given as a JSON string, as on a command line", () => {
    const s = one("a.json", `{"lr_scheduler_type": "cosine_with_restarts", "max_steps": 8, "learning_rate": 1, "lr_scheduler_kwargs": "{\\"num_cycles\\": 2}"}`);
    assert.equal(lrs(s)[4], 1);
  });

  void it("an unknown lr_scheduler_type is SchedulerType's ValueError, at the value", () => {
    const s = one("a.json", `{\n "lr_scheduler_type": "cosine_annealing",\n "max_steps": 8\n}`);
    const e = s.problems.find((p) => p.severity === "error")!;
    assert.match(e.message, /not a valid SchedulerType/);
    assert.equal(e.range?.startLine, 1);
  });

  void it("reduce_lr_on_plateau is flat and said to depend on the metric", () => {
    const s = one("a.json", `{"lr_scheduler_type": "reduce_lr_on_plateau", "max_steps": 5, "learning_rate": 0.01}`);
    assert.deepEqual(lrs(s), [0.01, 0.01, 0.01, 0.01, 0.01]);
    assert.ok(codes(s).includes("metric-dependent"));
  });

  void it("inverse_sqrt without warmup decays on a 10_000-step timescale", () => {
    const s = one("a.json", `{"lr_scheduler_type": "inverse_sqrt", "max_steps": 30001, "learning_rate": 1}`);
    // 1 / sqrt((30000 + 10000) / 10000) = 0.5
    close(lrs(s)[30000], 0.5);
  });

  void it("a DeepSpeed config with a scheduler section is named: it replaces the Trainer's", () => {
    const files: WorkspaceFiles = { read: (p) => (p === "cfg/ds.json" ? `{"scheduler": {"type": "WarmupLR"}}` : undefined) };
    const s = one("cfg/args.json", `{"lr_scheduler_type": "linear", "max_steps": 5, "deepspeed": "ds.json"}`, {}, files);
    assert.ok(codes(s).includes("deepspeed-scheduler"));
  });
});

void describe("LLaMA-Factory YAML", () => {
  const sft = `### model
model_name_or_path: Qwen/Qwen3-0.6B
### method
stage: sft
do_train: true
finetuning_type: lora
### dataset
dataset: alpaca_en_demo
template: qwen3
### train
per_device_train_batch_size: 2
gradient_accumulation_steps: 4
learning_rate: 1e-4
num_train_epochs: 2.0
lr_scheduler_type: cosine
warmup_ratio: 0.1
`;

  void it("warmup_ratio is read as the ratio (transformers 5.0–5.1), with a deprecation warning on the key", () => {
    const s = one("sft.yaml", sft, { stepsPerEpoch: 50 });
    // total ceil(2.0 × 50) = 100, warmup ceil(100 × 0.1) = 10; OmegaConf reads 1e-4 as a float.
    assert.equal(s.total?.value, 100);
    assert.equal(s.groups[0]!.lr.value, 1e-4);
    const lr = lrs(s);
    close(lr[1], 1e-4 / 10);
    close(lr[10], 1e-4);
    const dep = s.problems.find((p) => p.code === "deprecated-key")!;
    assert.equal(dep.range?.startLine, 15);
    assert.ok(!codes(s).includes("number-as-string"));
  });

  void it("warmup_stable_decay gets LLaMA-Factory's defaults: a third stable, the rest decay", () => {
    const text = sft.replace("lr_scheduler_type: cosine", "lr_scheduler_type: warmup_stable_decay").replace("warmup_ratio: 0.1", "warmup_steps: 10");
    const s = one("sft.yaml", text, { stepsPerEpoch: 50 });
    // remaining 100 - 10 = 90: stable 90 // 3 = 30 (steps 10..39), decay 60 (cosine to 0 at step 100).
    const lr = lrs(s);
    close(lr[39], 1e-4);
    close(lr[40], 1e-4);
    close(lr[70], 1e-4 * 0.5 * (1 + Math.cos(Math.PI * 0.5)));
  });

  void it("inference and export configs are not claimed", () => {
    assert.equal(hf("infer.yaml", "model_name_or_path: Qwen/Qwen3-0.6B\ntemplate: qwen3\ninfer_backend: vllm\n"), undefined);
    assert.equal(hf("merge.yaml", "model_name_or_path: a\nadapter_name_or_path: b\ntemplate: qwen3\nexport_dir: out\n"), undefined);
  });

  void it("a v1 config (model:, train_dataset:) is claimed with the reason it is not followed", () => {
    const s = one("v1.yaml", "model: Qwen/Qwen3-0.6B\ntrain_dataset: data/x.yaml\nmicro_batch_size: 1\nlearning_rate: 1.0e-4\nmax_steps: 10\n");
    assert.equal(s.total, undefined);
    assert.ok(codes(s).includes("unsupported-trainer"));
  });
});

void describe("axolotl YAML", () => {
  const base = `base_model: NousResearch/Llama-3.2-1B
datasets:
  - path: tatsu-lab/alpaca
    type: alpaca
sequence_len: 2048
gradient_accumulation_steps: 2
micro_batch_size: 4
num_epochs: 2
optimizer: adamw_torch_fused
learning_rate: 2e-4
`;

  void it("defaults to cosine with 3% warmup (at most 100 steps); 5e-5-style floats are floats", () => {
    const s = one("axolotl.yml", base, { stepsPerEpoch: 500 });
    // total ceil(2 × 500) = 1000; warmup min(int(0.03 × 1000), 100) = 30.
    assert.equal(s.total?.value, 1000);
    const lr = lrs(s);
    close(lr[15], 2e-4 * 0.5);
    close(lr[30], 2e-4);
    close(lr[515], 2e-4 * 0.5 * (1 + Math.cos(Math.PI * 0.5)));
  });

  void it("warmup_ratio is floored (int), unlike the Trainer's ceil; cosine_min_lr_ratio uses axolotl's lambda", () => {
    const s = one("axolotl.yml", base + "warmup_ratio: 0.015\ncosine_min_lr_ratio: 0.1\nlr_scheduler: cosine\n", { stepsPerEpoch: 50 });
    // total 100: int(0.015 × 100) = int(1.5) = 1 → axolotl makes it 2.
    const lr = lrs(s);
    close(lr[1], 2e-4 * 0.5);
    close(lr[2], 2e-4);
    // end: progress (99 - 2) / 98 → (1 - 0.1) × 0.5 (1 + cos(π × 97/98)) + 0.1
    close(lr[99], 2e-4 * (0.9 * 0.5 * (1 + Math.cos((Math.PI * 97) / 98)) + 0.1));
  });

  void it("lr_scheduler: one_cycle becomes torch's OneCycleLR over the training", () => {
    const s = one("axolotl.yml", base + "lr_scheduler: one_cycle\nmax_steps: 100\nwarmup_steps: 25\n");
    assert.equal(s.program.family === "torch" && s.program.schedulers[0]?.kind, "OneCycleLR");
    const lr = lrs(s);
    // OneCycleLR starts at max_lr / 25 and peaks at pct_start × total - 1 = 24.
    close(lr[0], 2e-4 / 25);
    close(lr[24], 2e-4);
  });
});

void describe("Python TrainingArguments(...) and TRL configs", () => {
  void it("reads the call's keywords, names it by its variable, follows module constants", () => {
    const text = `from transformers import TrainingArguments, Trainer
LR = 3e-5
args = TrainingArguments(
    output_dir="out",
    learning_rate=LR,
    lr_scheduler_type="cosine",
    warmup_steps=100,
    max_steps=1000,
)
trainer = Trainer(model=model, args=args)
trainer.train()
`;
    const s = one("train.py", text);
    assert.equal(s.name, "args");
    assert.equal(s.groups[0]!.lr.value, 3e-5);
    assert.equal(s.source.startLine, 2);
    assert.equal(s.total?.value, 1000);
    close(lrs(s)[50], 3e-5 * 0.5);
  });

  void it("TRL's SFTConfig has its own default learning rate (2e-5)", () => {
    const s = one("sft.py", `from trl import SFTConfig\ncfg = SFTConfig(output_dir="o", max_steps=10, lr_scheduler_type="constant")\n`);
    assert.equal(s.groups[0]!.lr.value, 2e-5);
    assert.match(s.groups[0]!.lr.origin.kind === "default" ? s.groups[0]!.lr.origin.source : "", /SFTConfig/);
  });

  void it("argparse defaults flow into the arguments", () => {
    const text = `import argparse
from transformers import Seq2SeqTrainingArguments
p = argparse.ArgumentParser()
p.add_argument("--lr", type=float, default=1e-3)
a = p.parse_args()
targs = Seq2SeqTrainingArguments(output_dir="o", learning_rate=a.lr, max_steps=4, lr_scheduler_type="constant")
`;
    const s = one("t.py", text);
    assert.equal(s.groups[0]!.lr.value, 1e-3);
  });

  void it("a value the file cannot say is an error at that value", () => {
    const s = one("t.py", `from transformers import TrainingArguments\nargs = TrainingArguments(output_dir="o", max_steps=steps_from_somewhere())\n`);
    assert.equal(s.total, undefined);
    assert.equal(s.problems.find((p) => p.severity === "error")?.range?.startLine, 1);
  });
});

void describe("files of other tools are not claimed", () => {
  void it("DeepSpeed JSON, timm args.yaml, Lightning CLI YAML, trainer_state.json, PyTorch scripts", () => {
    assert.equal(hf("ds_config.json", `{"train_batch_size": 32, "gradient_accumulation_steps": 1, "optimizer": {"type": "Adam", "params": {"lr": 0.001}}, "scheduler": {"type": "WarmupLR"}}`), undefined);
    assert.equal(hf("args.yaml", "model: resnet50\nsched: cosine\nopt: sgd\nlr: 0.1\nepochs: 100\nwarmup_epochs: 5\n"), undefined);
    assert.equal(hf("config.yaml", "trainer:\n  max_epochs: 10\nmodel:\n  learning_rate: 0.01\noptimizer:\n  class_path: torch.optim.SGD\n"), undefined);
    assert.equal(hf("trainer_state.json", `{"global_step": 10, "max_steps": 10, "num_train_epochs": 1, "log_history": []}`), undefined);
    assert.equal(hf("train.py", "import torch\nopt = torch.optim.SGD(params, lr=0.1)\nsched = torch.optim.lr_scheduler.StepLR(opt, 30)\n"), undefined);
    assert.equal(hf("package.json", `{"name": "x", "version": "1.0.0"}`), undefined);
  });

  void it("the registry lists the schedule under the transformers dialect", () => {
    const r = readSchedules("training_args.json", `{"lr_scheduler_type": "constant", "max_steps": 3}`);
    assert.deepEqual(r.dialects, ["transformers"]);
  });
});
