// Launch lines (shell scripts, Makefiles) that run a PyTorch script of the workspace: the line's arguments
// override the script's argparse defaults, the launcher's process count is the world size.
// Expected values follow the scripts' own arithmetic and torch.optim.lr_scheduler (each test says how).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluate } from "../../../src/core/evaluate";
import { explainValue } from "../../../src/core/explain";
import type { Problem } from "../../../src/core/problem";
import type { SourceRange } from "../../../src/core/range";
import type { ScheduleDescription } from "../../../src/core/schedule";
import type { Value } from "../../../src/core/value";
import { isSupportedFile, readSchedules, type Inputs } from "../../../src/dialects";
import { makefileShell } from "../../../src/dialects/launch/makefile";
import { parseLaunchScript } from "../../../src/parse/shell";

/** A train.py like the PyTorch ImageNet example: argparse defaults, lr scaled by the world size, StepLR per epoch. */
const trainPy = `import argparse
import torch
import torch.distributed as dist
from torch.optim.lr_scheduler import StepLR

parser = argparse.ArgumentParser()
parser.add_argument("data")
parser.add_argument("--epochs", default=90, type=int)
parser.add_argument("-b", "--batch-size", default=256, type=int)
parser.add_argument("--lr", "--learning-rate", default=0.1, type=float, dest="lr")
parser.add_argument("--lr-step", default=30, type=int)
parser.add_argument("--gamma", default=0.1, type=float)
parser.add_argument("--opt", default="sgd", choices=["sgd", "adamw"])
parser.add_argument("--amp", action="store_true")


def main():
    args = parser.parse_args()
    lr = args.lr * args.batch_size * dist.get_world_size() / 256
    if args.opt == "sgd":
        optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    else:
        optimizer = torch.optim.AdamW(model.parameters(), lr=lr)
    scheduler = StepLR(optimizer, step_size=args.lr_step, gamma=args.gamma)
    for epoch in range(args.epochs):
        train(epoch)
        scheduler.step()


if __name__ == "__main__":
    main()
`;

function read(fileName: string, text: string, files: Record<string, string> = { "proj/train.py": trainPy }, inputs: Inputs = {}): ReturnType<typeof readSchedules> {
  return readSchedules(fileName, text, inputs, { read: (p) => files[p] });
}

function launchOnly(r: ReturnType<typeof readSchedules>): ScheduleDescription[] {
  assert.ok(r.dialects.includes("launch"), `dialects: ${r.dialects.join(", ")}`);
  return r.schedules.filter((s) => s.source.file.endsWith(".sh") || /Makefile|\.mk$|\.bash$/.test(s.source.file));
}

const at = (r: SourceRange | undefined): string => (r ? `${r.file}:${r.startLine}:${r.startColumn}-${r.endLine}:${r.endColumn}` : "none");
const codes = (ps: readonly Problem[]): string[] => ps.map((p) => p.code);

void describe("launch lines in shell scripts", () => {
  void it("torchrun: flags override the defaults, nproc_per_node × nnodes is the world size", () => {
    const sh = `#!/bin/bash
NGPU=8
torchrun --nnodes=2 --nproc_per_node $NGPU train.py /data/imagenet \\
    --lr 0.2 -b 64 --epochs 40 --lr-step=10 --amp
`;
    const [s, ...more] = launchOnly(read("proj/run.sh", sh));
    assert.ok(s);
    assert.equal(more.length, 0);
    // lr = 0.2 * 64 * (8 × 2) / 256 = 0.8
    assert.equal(s.groups[0]!.lr.value, 0.8);
    assert.equal(s.unit, "epoch");
    assert.equal(s.total?.value, 40);
    // The schedule lives on the launch line: from `torchrun` to the end of the command.
    assert.equal(at(s.source), "proj/run.sh:2:0-3:49");
    assert.equal(s.name, "train.py scheduler");
    // StepLR(step_size=10, gamma=0.1): 0.8 for epochs 0-9, 0.08 for 10-19, ... (gamma from the default).
    const curve = evaluate(s);
    assert.equal(curve.total, 40);
    assert.ok(Math.abs(curve.groups[0]![9]! - 0.8) < 1e-12);
    assert.ok(Math.abs(curve.groups[0]![10]! - 0.08) < 1e-12);
    assert.ok(Math.abs(curve.groups[0]![39]! - 0.8 * 0.1 ** 3) < 1e-15);
    // The overridden epochs point to the launch line and name the default with its place in train.py.
    assert.equal(at(s.total?.range), "proj/run.sh:3:28-3:30");
    assert.match(explainValue(s.total), /^40 = --epochs 40 on the launch line, over the argparse default 90, proj\/train\.py:8 \(proj\/run\.sh:4\)$/);
    // Not given on the line: still the script's default, an assumption.
    assert.ok(s.assumptions.some((a) => a.message === "--gamma not given on the command line: default 0.1"));
    assert.ok(!s.assumptions.some((a) => /--lr\b|--epochs/.test(a.message)));
    // Both values, once, on the line.
    const info = s.problems.find((p) => p.code === "launch-overrides");
    assert.ok(info);
    assert.equal(info.message, "train.py run by torchrun with data=/data/imagenet, --lr 0.2 (default 0.1 at train.py:10), --batch-size 64 (default 256 at train.py:9), --epochs 40 (default 90 at train.py:8), --lr-step 10 (default 30 at train.py:11), --amp True (default False)");
    assert.deepEqual(codes(s.problems).filter((c) => c !== "launch-overrides" && c !== "condition-not-static"), []);
  });

  void it("the world size's provenance: --nproc_per_node from the variable, × --nnodes", () => {
    const [s] = launchOnly(read("proj/run.sh", "N=4\ntorchrun --nnodes 2 --nproc-per-node=$N train.py d\n"));
    const lr = s!.groups[0]!.lr;
    assert.equal(lr.value, 0.1 * 256 * 8 / 256);
    assert.match(explainValue(lr), /args\.lr \* args\.batch_size \* dist\.get_world_size\(\) \/ 256/);
    const flat = (v: Value): Value[] => [v, ...(v.origin.kind === "expression" ? v.origin.inputs.flatMap(flat) : [])];
    const world = flat(lr).find((v) => v.value === 8);
    assert.ok(world);
    assert.match(explainValue(world), /^8 = --nproc_per_node 4 × --nnodes 2 \(torchrun\)/);
  });

  void it("python train.py: one process; python -m torch.distributed.launch; accelerate; deepspeed", () => {
    const lrOf = (line: string): number | undefined => launchOnly(read("proj/run.sh", line + "\n"))[0]?.groups[0]?.lr.value;
    assert.equal(lrOf("python train.py d --lr 0.4"), 0.4);
    assert.equal(lrOf("CUDA_VISIBLE_DEVICES=0 nohup python3 -u train.py d --lr 0.4 > log.txt 2>&1 &"), 0.4);
    assert.equal(lrOf("python -m torch.distributed.launch --nproc_per_node=4 --use_env train.py d"), 0.4);
    assert.equal(lrOf("accelerate launch --multi_gpu --num_processes 2 train.py d"), 0.2);
    assert.equal(lrOf("deepspeed --num_gpus 2 --num_nodes 2 train.py d"), 0.4);
    assert.equal(lrOf("deepspeed --num_gpus=8 train.py d -b 32"), 0.1);
  });

  void it("a launcher that does not say its process count: devices needed, never guessed", () => {
    const [s] = launchOnly(read("proj/run.sh", "accelerate launch --config_file acc.yaml train.py d --lr 0.2\n"));
    assert.ok(s);
    assert.ok(s.problems.some((p) => p.code === "needs-input" && /num_processes/.test(p.message)));
    assert.ok(s.assumptions.some((a) => a.input === "devices" && a.value === undefined));
    assert.equal(evaluate(s).total, 0);
    // Given by the user, it is used.
    const [g] = launchOnly(read("proj/run.sh", "accelerate launch train.py d --lr 0.2\n", undefined, { devices: 4 }));
    assert.equal(g!.groups[0]!.lr.value, 0.8);
  });

  void it("an unset variable is unknown (a warning with its range), not the default", () => {
    const [s] = launchOnly(read("proj/run.sh", 'python train.py d --lr "$LR" --epochs ${EPOCHS:-30}\n'));
    assert.ok(s);
    // ${EPOCHS:-30} has its default written in the file: 30.
    assert.equal(s.epochs?.value, 30);
    const lrProblem = s.problems.find((p) => p.code === "needs-input");
    assert.ok(lrProblem, JSON.stringify(s.problems));
    assert.match(lrProblem.message, /--lr \$LR is not set in this script/);
    assert.equal(at(lrProblem.range), "proj/run.sh:0:23-0:28");
    assert.ok(s.assumptions.some((a) => a.input === "commandLine" && a.value === undefined && /\$LR/.test(a.message)));
  });

  void it("argparse's rules: prefixes, -b64, choices, unknown and ambiguous flags, type errors", () => {
    const [s] = launchOnly(read("proj/run.sh", "python train.py d --learn 0.3 -b64 --opt adamw --warmup 5 --lr-s 7\n"));
    assert.ok(s);
    // --learn is a unique prefix of --learning-rate; -b64 is -b 64.
    assert.equal(s.groups[0]!.lr.value, 0.3 * 64 / 256);
    // --opt adamw takes the other branch: AdamW has betas (momentum kind beta1).
    assert.equal(s.groups[0]!.momentumKind, "beta1");
    const [unknown] = s.problems.filter((p) => p.code === "launch-argument");
    assert.ok(unknown);
    assert.equal(unknown.message, "train.py: error: unrecognized arguments: --warmup (argparse exits; the value is not used here)");
    assert.equal(at(unknown.range), "proj/run.sh:0:47-0:55");
    // --lr-s matches only --lr-step.
    assert.equal(s.program.family === "torch" && s.program.schedulers[0]!.kind === "StepLR" ? s.program.schedulers[0]!.stepSize : undefined, 7);

    const bad = launchOnly(read("proj/run.sh", "python train.py d --lr abc --opt lamb --l 3\n"))[0]!;
    const messages = bad.problems.filter((p) => p.code === "launch-argument").map((p) => p.message);
    assert.deepEqual(messages, [
      "train.py: error: argument --lr/--learning-rate: invalid float value: 'abc' (argparse exits)",
      "train.py: error: argument --opt: invalid choice: 'lamb' (choose from 'sgd', 'adamw') (argparse exits)",
      "train.py: error: ambiguous option: --l could match --lr, --learning-rate, --lr-step (argparse exits)",
    ]);
    // A value argparse rejects is not used: the default stays (and is said to be the default).
    assert.equal(bad.groups[0]!.lr.value, 0.1);

    // The positional `data` is required; store_true takes no value.
    const missing = launchOnly(read("proj/run.sh", "python train.py --lr 0.2 --amp=1\n"))[0]!;
    assert.deepEqual(missing.problems.filter((p) => p.code === "launch-argument").map((p) => [p.message, at(p.range)]), [
      ["train.py: error: argument --amp: ignored explicit argument '1' (argparse exits)", "proj/run.sh:0:25-0:32"],
      ["train.py: error: the following arguments are required: data (argparse exits)", "proj/run.sh:0:0-0:32"],
    ]);
    assert.equal(missing.groups[0]!.lr.value, 0.2);

    // "$@": the script's own arguments, unknown here: said once, no argparse error made up.
    const passed = launchOnly(read("proj/run.sh", 'python train.py d --lr 0.2 "$@"\n'))[0]!;
    assert.deepEqual(codes(passed.problems).filter((c) => c !== "condition-not-static"), ["launch-overrides", "script-arguments"]);
  });

  void it("cd before the launch, scripts one folder up, python -m pkg.train", () => {
    const files = { "proj/src/train.py": trainPy, "proj/train.py": trainPy };
    const [a] = launchOnly(read("proj/scripts/run.sh", "cd ../src && python train.py d --lr 0.3\n", files));
    assert.equal(a!.groups[0]!.lr.value, 0.3);
    assert.ok(!a!.problems.some((p) => p.code === "launch-script-path"));
    // From scripts/, train.py is not next to the script: it is found in the folder above, and said so.
    const [b] = launchOnly(read("proj/scripts/run.sh", "python train.py d --lr 0.5\n", files));
    assert.equal(b!.groups[0]!.lr.value, 0.5);
    const note = b!.problems.find((p) => p.code === "launch-script-path");
    assert.ok(note);
    assert.match(note.message, /train\.py is not in proj\/scripts; read proj\/train\.py instead/);
    const [c] = launchOnly(read("proj/run.sh", "python -m src.train d --lr 0.6\n", files));
    assert.equal(c!.groups[0]!.lr.value, 0.6);
  });

  void it("a script not in the workspace, or without a schedule: the file is not claimed", () => {
    const r = read("proj/run.sh", "python other.py --lr 0.1\npython eval.py\n", { "proj/eval.py": "print(1)\n" });
    assert.equal(r.dialects.includes("launch"), false);
    assert.equal(r.schedules.length, 0);
  });

  void it("several launch lines: one schedule each, in order", () => {
    const sh = "for seed in 1 2; do\n  python train.py d --lr 0.1 --seed $seed\ndone\npython train.py d --epochs 10\n";
    const files = { "proj/train.py": trainPy.replace('parser.add_argument("--amp"', 'parser.add_argument("--seed", type=int)\nparser.add_argument("--amp"') };
    const all = launchOnly(read("proj/run.sh", sh, files));
    assert.equal(all.length, 2);
    assert.equal(all[0]!.source.startLine, 1);
    assert.equal(all[1]!.epochs?.value, 10);
    // $seed is a loop variable the reader does not follow: unknown, but it feeds no LR value.
    assert.equal(all[0]!.total?.value, 90);
  });
});

void describe("launch lines in Makefiles", () => {
  const makefile = `# training targets
PY ?= python3
EPOCHS = 30
LR := 0.05
ARGS = --epochs $(EPOCHS) --lr-step 10

.PHONY: train
train: data
\t@echo training
\t$(PY) train.py /data $(ARGS) \\
\t\t--lr=$(LR) --gamma $(GAMMA)

quick: ; $(PY) train.py /data --epochs 2
`;

  void it("recipe lines with $(VAR) expanded from the same file, continuations, undefined variables unknown", () => {
    assert.ok(isSupportedFile("proj/Makefile"));
    const all = launchOnly(read("proj/Makefile", makefile));
    assert.equal(all.length, 2);
    const [s, quick] = all;
    assert.equal(s!.name, "train.py scheduler");
    assert.equal(s!.source.file, "proj/Makefile");
    assert.equal(s!.source.startLine, 9);
    assert.equal(s!.epochs?.value, 30);
    // --epochs $(EPOCHS) inside $(ARGS): the value points to where EPOCHS is defined.
    assert.equal(at(s!.epochs?.range), "proj/Makefile:2:9-2:11");
    // --lr=$(LR): the word is in the recipe (part literal, part variable), so its range is the recipe's word.
    assert.equal(s!.groups[0]!.lr.value, 0.05);
    // $(GAMMA) is not defined in the Makefile: make takes it from its command line or the environment.
    const gamma = s!.problems.find((p) => /GAMMA/.test(p.message));
    assert.ok(gamma, JSON.stringify(s!.problems));
    assert.match(gamma.message, /\$\(GAMMA\) is not defined in this Makefile/);
    assert.equal(at(gamma.range), "proj/Makefile:10:21-10:29");
    assert.equal(quick!.epochs?.value, 2);
    assert.equal(quick!.source.startLine, 12);
  });

  void it("the shell text of a Makefile maps back to it", () => {
    const m = makefileShell("Makefile", makefile);
    const commands = parseLaunchScript("Makefile", m.text, m.options);
    const texts = commands.map((c) => c.words.map((w) => (w.dynamic ? "?" : w.text)).join(" "));
    assert.deepEqual(texts, ["echo training", "python3 train.py /data --epochs 30 --lr-step 10 --lr=0.05 --gamma ?", "python3 train.py /data --epochs 2"]);
    const lrWord = commands[1]!.words.find((w) => w.text.startsWith("--lr="))!;
    assert.equal(at(lrWord.range), "Makefile:10:2-10:12");
    const py = commands[1]!.words[0]!;
    assert.equal(at(py.range), "Makefile:1:6-1:13");
  });

  void it("$$ is the shell's $, recursive = sees later definitions, := does not, ?= keeps the first", () => {
    const m = makefileShell("Makefile", "A = $(B)\nB = 1\nC := $(D)\nD = 2\nE ?= 3\nE ?= 4\nrun:\n\techo $(A) $(C) $(E) $$HOME\n");
    const words = parseLaunchScript("Makefile", m.text, m.options)[0]!.words;
    assert.deepEqual(words.map((w) => w.text), ["echo", "1", "", "3", ""]);
    assert.match(words[2]!.dynamic ?? "", /\$\(D\) is not defined in this Makefile/);
    assert.match(words[4]!.dynamic ?? "", /\$HOME is not set/);
  });
});

void describe("launch lines of Hugging Face scripts (HfArgumentParser)", () => {
  const runClm = `from dataclasses import dataclass, field
from transformers import HfArgumentParser, Trainer, TrainingArguments


@dataclass
class ModelArguments:
    model_name_or_path: str = field(default=None)


def main():
    parser = HfArgumentParser((ModelArguments, TrainingArguments))
    model_args, training_args = parser.parse_args_into_dataclasses()
    trainer = Trainer(model=model, args=training_args)
    trainer.train()


if __name__ == "__main__":
    main()
`;

  void it("the TrainingArguments flags of the line: cosine with warmup_ratio over max_steps", () => {
    const sh = "torchrun --nproc_per_node 8 run_clm.py --model_name_or_path gpt2 --do_train \\\n  --learning_rate 3e-4 --lr_scheduler_type cosine --warmup_ratio 0.1 --max_steps 1000 --output_dir out\n";
    const [s, ...rest] = launchOnly(read("proj/run.sh", sh, { "proj/run_clm.py": runClm }));
    assert.ok(s);
    assert.equal(rest.length, 0);
    assert.equal(s.name, "run_clm.py TrainingArguments");
    assert.equal(s.groups[0]!.lr.value, 3e-4);
    assert.equal(at(s.groups[0]!.lr.range), "proj/run.sh:1:18-1:22");
    assert.equal(s.total?.value, 1000);
    // transformers' get_cosine_schedule_with_warmup: warmup = ceil(0.1 × 1000) = 100 steps from 0, then
    // 0.5 × (1 + cos(π × (t − 100) / 900)).
    const lr = evaluate(s).groups[0]!;
    assert.equal(lr[0], 0);
    assert.ok(Math.abs(lr[50]! - 1.5e-4) < 1e-15);
    assert.ok(Math.abs(lr[100]! - 3e-4) < 1e-15);
    assert.ok(Math.abs(lr[550]! - 1.5e-4) < 1e-15);
    // torchrun's 8 processes matter only for steps counted from a dataset size: said, not applied.
    assert.ok(s.problems.some((p) => p.code === "launch-devices"));
  });
});
