// Shell scripts that launch timm's train.py: the launchers (python, torchrun, distributed_train.sh), the world
// size they start, argparse's splitting and abbreviations, --config files, and scripts that are not timm's.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { explainValue } from "../../../src/core/explain";
import { parseTrainArgv } from "../../../src/dialects/timm/argv";
import { parseShell } from "../../../src/dialects/timm/shell";
import { codes, curve, dialects, only, timm } from "./helpers";

void describe("shell tokenizer", () => {
  void it("joins continuations, drops comments and redirections, removes quotes, expands variables", () => {
    const text = ['EPOCHS=90   # long run', 'LR="0.4"', "python train.py /data \\", "  --epochs $EPOCHS --lr ${LR} --experiment 'a b' > log.txt 2>&1 &", "echo done"].join("\n");
    const commands = parseShell("run.sh", text);
    assert.deepEqual(
      commands.map((c) => c.words.map((w) => w.text)),
      [["python", "train.py", "/data", "--epochs", "90", "--lr", "0.4", "--experiment", "a b"], ["echo", "done"]],
    );
    const lr = commands[0]!.words[6]!;
    assert.deepEqual([lr.range.startLine, lr.range.startColumn], [3, 24]);
  });

  void it("marks what only the running shell knows", () => {
    const [c] = parseShell("run.sh", 'torchrun --nproc_per_node=$1 train.py --lr $(cat lr.txt) --epochs ${E:-30} "$@"');
    const w = c!.words;
    assert.equal(w[1]!.dynamic, "$1");
    assert.equal(w[4]!.dynamic, "$(cat lr.txt)");
    assert.equal(w[6]!.text, "30");
    assert.equal(w[6]!.dynamic, undefined);
    assert.equal(w[7]!.scriptArgs, true);
  });
});

void describe("train.py argv", () => {
  const words = (line: string) => parseShell("x.sh", line)[0]!.words;
  void it("splits as argparse: prefixes, aliases, attached short values, nargs lists", () => {
    const p = parseTrainArgv(words("/data --warmup-e 3 --dr 0.97 -b256 --decay-milestones 30 60 --lr=0.1 --amp --jsd"));
    assert.deepEqual(Object.fromEntries([...p.settings].map(([k, v]) => [k, v.value])), { warmup_epochs: "3", decay_rate: "0.97", batch_size: "256", decay_milestones: ["30", "60"], lr: "0.1", amp: true, jsd_loss: true });
    assert.deepEqual(p.unknown, []);
  });

  void it("takes -c/--config first, and reports options train.py does not have", () => {
    const p = parseTrainArgv(words("--config hp.yaml --weights x.pt --lr 0.1 --dat /x"));
    assert.equal(p.config?.text, "hp.yaml");
    assert.deepEqual(
      p.unknown.map((w) => w.text),
      ["--weights", "--dat"],
    );
    assert.ok(p.problems.some((x) => x.code === "ambiguous-option"));
  });
});

void describe("timm train.py scripts", () => {
  void it("distributed_train.sh N: N processes for the global batch", () => {
    const s = only(timm("train.sh", "#!/bin/bash\n./distributed_train.sh 8 /imagenet --model resnet50 -b 128 --sched cosine --epochs 100 --warmup-epochs 3\n"));
    // lr_base 0.1 × 128 × 8 / 256 = 0.4
    assert.equal(s.groups[0]!.lr.value, 0.4);
    assert.deepEqual(s.assumptions, []);
    assert.equal(s.total?.value, 100);
    assert.equal(s.source.startLine, 1);
    assert.match(explainValue(s.scaling!.globalBatch), /world size 8/);
  });

  void it("torchrun --nproc_per_node × --nnodes; --devices overrides it", () => {
    const text = "torchrun --nnodes=2 --nproc_per_node 4 train.py --data-dir /d --model vit_small_patch16_224 --opt adamw --lr-base 5e-4 --lr-base-size 512 -b 64 --sched cosine --epochs 300\n";
    const s = only(timm("launch.sh", text));
    // 64 × 8 = 512 → ratio 1, sqrt → 5e-4
    assert.equal(s.scaling?.globalBatch.value, 512);
    assert.equal(s.groups[0]!.lr.value, 5e-4);
    const over = only(timm("launch.sh", text, { devices: 2 }));
    assert.equal(over.scaling?.globalBatch.value, 128);
    assert.deepEqual(
      over.assumptions.map((a) => [a.input, a.value]),
      [["devices", 2]],
    );
  });

  void it("python train.py is one process; an unreadable process count is assumed 1 and said where", () => {
    const one = only(timm("a.sh", "python3 train.py /d --model resnet18 --sched step --decay-epochs 30 -b 256\n"));
    assert.equal(one.groups[0]!.lr.value, 0.1);
    assert.deepEqual(one.assumptions, []);
    const dyn = only(timm("b.sh", "torchrun --nproc_per_node=$GPUS train.py /d --model resnet18 --sched step -b 256\n"));
    assert.deepEqual(
      dyn.assumptions.map((a) => [a.input, a.value, a.range?.startColumn]),
      [["devices", 1, 9]],
    );
  });

  void it("an explicit --lr needs no world size", () => {
    const s = only(timm("a.sh", "torchrun --nproc_per_node=$GPUS train.py /d --model resnet50 --lr 0.6 --sched cosine --epochs 240\n"));
    assert.deepEqual(s.assumptions, []);
    assert.equal(curve(s)[5], 0.5 * 0.6 * (1 + Math.cos((Math.PI * 5) / 240)));
  });

  void it("--config reads the YAML next to the script; the command line overrides it", () => {
    const files = { "recipes/hp.yaml": "model: resnet50\nsched: cosine\nepochs: 100\nlr: 0.1\nwarmup_epochs: 3\n" };
    const s = only(timm("recipes/run.sh", "python train.py /data --config hp.yaml --epochs 50\n", {}, files));
    assert.equal(s.total?.value, 50);
    assert.equal(s.program.family === "timm" && s.program.warmup.warmupT, 3);
    assert.equal(s.groups[0]!.lr.range?.file, "recipes/hp.yaml");
    const missing = only(timm("recipes/run.sh", "python train.py /data -c other.yaml --model resnet50\n", {}, files));
    assert.equal(missing.total, undefined);
    assert.equal(missing.problems[0]?.code, "config-not-found");
  });

  void it("one schedule per train.py line, in order", () => {
    const text = "for seed in 1 2; do\n  python train.py /d --model a --sched step --lr 0.1 --seed $seed\ndone\npython train.py /d --model b --sched tanh --lr 0.2\n";
    const r = timm("sweep.sh", text);
    assert.deepEqual(
      r?.schedules.map((s) => s.name),
      ["a step", "b tanh"],
    );
  });

  void it("a shell variable that sets the schedule is an error at its place", () => {
    const s = only(timm("loop.sh", "for lr in 0.1 0.2; do python train.py /d --model m --sched cosine --lr $lr; done\n"));
    assert.equal(s.total, undefined);
    assert.equal(s.problems.find((p) => p.code === "value-not-static")?.range?.startColumn, 71);
  });

  void it('"$@" and foreign options are reported, not fatal', () => {
    const s = only(timm("wrap.sh", 'python train.py --model resnet50 --sched cosine --lr 0.1 --my-fork-flag 3 "$@"\n'));
    assert.deepEqual(codes(s), ["unknown-option", "script-arguments"]);
    assert.ok(s.total);
  });

  void it("leaves scripts that do not run timm's train.py alone", () => {
    const others = {
      "yolo.sh": "python train.py --img 640 --batch 16 --epochs 3 --data coco128.yaml --weights yolov5s.pt\n",
      "wrapper.sh": '#!/bin/bash\nNUM_PROC=$1\nshift\ntorchrun --nproc_per_node=$NUM_PROC train.py "$@"\n',
      "setup.sh": "pip install -r requirements.txt\nexport PYTHONPATH=.\n",
    };
    for (const [name, text] of Object.entries(others)) {
      assert.equal(timm(name, text), undefined, name);
      assert.ok(!dialects(name, text).includes("timm"), name);
    }
  });
});
