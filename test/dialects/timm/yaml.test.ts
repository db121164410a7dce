// args.yaml files as timm's train.py writes them (and --config hparams files as people write them): the values
// the reader takes, train.py's defaults for the rest, the LR from lr_base, and what it refuses.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { explainValue } from "../../../src/core/explain";
import { codes, curve, dialects, only, timm } from "./helpers";

void describe("timm args.yaml", () => {
  void it("DeiT-style cosine: cooldown_epochs is added to the run, the warmup is inside the epochs", () => {
    const s = only(
      timm(
        "output/train/deit/args.yaml",
        ["aa: rand-m9-mstd0.5-inc1", "batch_size: 128", "cooldown_epochs: 10", "epochs: 300", "lr: 0.001", "min_lr: 1.0e-05", "model: deit_small_patch16_224", "opt: adamw", "sched: cosine", "warmup_epochs: 5", "warmup_lr: 1.0e-06", ""].join("\n"),
      ),
    );
    assert.equal(s.dialect, "timm");
    assert.equal(s.name, "deit_small_patch16_224 cosine");
    assert.equal(s.unit, "epoch");
    assert.equal(s.total?.value, 310);
    assert.equal(explainValue(s.total), "310 = epochs 300 + cooldown_epochs 10 (output/train/deit/args.yaml:4)");
    assert.equal(s.source.startLine, 8);
    assert.deepEqual(s.assumptions, []);
    const lr = curve(s);
    assert.equal(lr[0], 1e-6);
    // warmup step (0.001 - 1e-6) / 5; epoch 1 = 1e-6 + 0.0001998
    assert.equal(lr[1], 1e-6 + (0.001 - 1e-6) / 5);
    assert.equal(lr[300], 1e-5);
    assert.equal(lr[309], 1e-5);
  });

  void it("lr unset: lr_base × global batch / lr_base_size, linear for SGD, with the world size assumed", () => {
    const s = only(timm("args.yaml", "model: resnet50\nsched: cosine\nlr: null\nlr_base: 0.1\nbatch_size: 256\ngrad_accum_steps: 2\nepochs: 90\n"));
    // 0.1 × (256 × 1 × 2) / 256 = 0.2
    assert.equal(s.groups[0]!.lr.value, 0.2);
    assert.equal(s.scaling?.rule, "linear");
    assert.equal(s.scaling?.globalBatch.value, 512);
    assert.equal(s.assumptions.length, 1);
    assert.equal(s.assumptions[0]!.input, "devices");
    assert.equal(s.assumptions[0]!.value, 1);
    assert.equal(s.assumptions[0]!.range?.startLine, 4);
  });

  void it("--devices supplies the world size", () => {
    const s = only(timm("args.yaml", "model: resnet50\nsched: cosine\nbatch_size: 128\nepochs: 90\n", { devices: 8 }));
    // lr_base default 0.1 × 128 × 8 / 256 = 0.4
    assert.equal(s.groups[0]!.lr.value, 0.4);
    assert.deepEqual(
      s.assumptions.map((a) => [a.input, a.value]),
      [["devices", 8]],
    );
  });

  void it("ada*/lamb optimizers scale by the square root unless lr_base_scale says", () => {
    const lamb = only(timm("args.yaml", "model: resnet50\nopt: lamb\nsched: cosine\nlr_base: 0.005\nlr_base_size: 4096\nbatch_size: 256\n", { devices: 8 }));
    // 0.005 × sqrt(2048 / 4096)
    assert.equal(lamb.groups[0]!.lr.value, 0.005 * Math.pow(0.5, 0.5));
    assert.equal(lamb.scaling?.rule, "sqrt");
    const nadam = only(timm("args.yaml", "model: resnet50\nopt: nadamw\nsched: cosine\nbatch_size: 512\n"));
    assert.equal(nadam.scaling?.rule, "sqrt"); // 'ada' is anywhere in the name
    const linear = only(timm("args.yaml", "model: vit\nopt: adamw\nsched: cosine\nlr_base: 0.001\nlr_base_scale: linear\nbatch_size: 512\n"));
    assert.equal(linear.groups[0]!.lr.value, 0.002);
    assert.equal(linear.scaling?.rule, "linear");
  });

  void it("lr: 0 counts as unset (`if not args.lr`)", () => {
    const s = only(timm("args.yaml", "model: resnet50\nsched: step\nlr: 0\nbatch_size: 512\n"));
    assert.equal(s.groups[0]!.lr.value, 0.2);
  });

  void it("train.py's own defaults fill what the file leaves out: 300 epochs, 5 warmup epochs from 1e-5", () => {
    const s = only(timm("args.yaml", "model: resnet50\nsched: cosine\nlr: 0.5\n"));
    assert.equal(s.total?.value, 300);
    assert.deepEqual(
      [s.program.family === "timm" && s.program.warmup],
      [{ warmupT: 5, warmupLrInit: 1e-5, warmupPrefix: false }],
    );
    assert.match(explainValue(s.total), /train\.py default of --epochs, train\.py:245/);
  });

  void it("a PyYAML string such as 1e-4 is converted by the option's type, as argparse converts string defaults", () => {
    const s = only(timm("hparams.yaml", "model: resnet50\nsched: cosine\nlr: 1e-4\nwarmup_lr: 1e-6\nepochs: 10\n"));
    assert.equal(s.groups[0]!.lr.value, 0.0001);
    assert.equal(curve(s)[0], 1e-6);
  });

  void it("step with warmup_prefix: the warmup epochs are added to the run", () => {
    const s = only(timm("args.yaml", "model: efficientnet_b0\nsched: step\nlr: 0.048\nepochs: 450\ndecay_epochs: 2.4\ndecay_rate: 0.97\nwarmup_epochs: 3\nwarmup_prefix: true\n"));
    assert.equal(s.total?.value, 453);
  });

  void it("cycles: lr_cycle_limit cycles of growing length, then the cooldown", () => {
    const s = only(timm("args.yaml", "model: resnet50\nsched: cosine\nlr: 0.1\nepochs: 10\nlr_cycle_limit: 3\nlr_cycle_mul: 2.0\ncooldown_epochs: 5\nwarmup_epochs: 0\n"));
    // floor(-10 × (2³ − 1) / (1 − 2)) = 70, + 5
    assert.equal(s.total?.value, 75);
  });

  void it("sched_on_updates: per-update ticks, and the updates per epoch are asked for where the file says so", () => {
    const text = "model: resnet50\nsched: cosine\nsched_on_updates: true\nlr: 0.1\nepochs: 10\nwarmup_epochs: 1\n";
    const missing = only(timm("args.yaml", text));
    assert.equal(missing.unit, "step");
    assert.equal(missing.total, undefined);
    assert.deepEqual(
      missing.assumptions.map((a) => [a.input, a.value, a.range?.startLine]),
      [["stepsPerEpoch", undefined, 2]],
    );
    const given = only(timm("args.yaml", text, { stepsPerEpoch: 100 }));
    assert.equal(given.total?.value, 1000);
    assert.equal(given.stepsPerEpoch?.value, 100);
    const lr = curve(given);
    // warmup_t 100 updates from 1e-5: update 50 = 1e-5 + 50 × (0.1 − 1e-5) / 100
    assert.equal(lr[50], 1e-5 + 50 * ((0.1 - 1e-5) / 100));
    const capped = only(timm("args.yaml", text, { stepsPerEpoch: 100, totalSteps: 400 }));
    assert.equal(capped.total?.value, 400);
  });

  void it("plateau: flat after warmup, and said so; not with sched_on_updates", () => {
    const s = only(timm("args.yaml", "model: resnet50\nsched: plateau\nlr: 0.01\nepochs: 20\n"));
    assert.ok(codes(s).includes("plateau-metric"));
    assert.equal(curve(s)[19], 0.01);
    const bad = only(timm("args.yaml", "model: resnet50\nsched: plateau\nlr: 0.01\nsched_on_updates: true\n", { stepsPerEpoch: 10 }));
    assert.equal(bad.total, undefined);
    assert.ok(bad.problems.some((p) => p.severity === "error" && /Plateau LR only supports step per epoch/.test(p.message)));
  });

  void it("lr_noise: a warning with the noise window, the curve without noise", () => {
    const s = only(timm("args.yaml", "model: mobilenetv3_large_100\nsched: step\nlr: 0.064\nepochs: 600\ndecay_epochs: 2.4\ndecay_rate: 0.973\nlr_noise:\n- 0.42\n- 0.9\n"));
    const p = s.problems.find((x) => x.code === "lr-noise");
    assert.equal(p?.severity, "warning");
    assert.match(p?.message ?? "", /during epochs \[252, 540\)/);
    assert.equal(p?.range?.startLine, 6);
    assert.ok(s.total);
  });

  void it("sched none is a constant LR with a warning; an unknown name is an error", () => {
    const none = only(timm("args.yaml", "model: resnet50\nsched: none\nlr: 0.01\nepochs: 3\n"));
    assert.deepEqual(curve(none), [0.01, 0.01, 0.01]);
    assert.ok(codes(none).includes("no-scheduler"));
    const typo = only(timm("args.yaml", "model: resnet50\nsched: cosin\nlr: 0.01\n"));
    assert.equal(typo.total, undefined);
    assert.equal(typo.problems.find((p) => p.code === "unknown-scheduler")?.range?.startLine, 1);
  });

  void it("a dashed key is not train.py's attribute: warned, and the default kept", () => {
    const s = only(timm("args.yaml", "model: resnet50\nsched: cosine\nlr: 0.1\nwarmup-epochs: 2\n"));
    assert.ok(codes(s).includes("dashed-key"));
    assert.equal(s.program.family === "timm" && s.program.warmup.warmupT, 5);
  });

  void it("an invalid value is argparse's error, with its range", () => {
    const s = only(timm("args.yaml", "model: resnet50\nsched: cosine\nlr: 0.1\nepochs: '100.5'\n"));
    assert.equal(s.total, undefined);
    const p = s.problems.find((x) => x.code === "invalid-value");
    assert.match(p!.message, /invalid int value: '100.5'/);
    assert.equal(p?.range?.startLine, 3);
  });

  void it("leaves other tools' YAML alone", () => {
    const others: Record<string, string> = {
      "llama_factory.yaml": "model_name_or_path: meta-llama/Llama-3-8B\nstage: sft\nfinetuning_type: lora\nlearning_rate: 1.0e-4\nnum_train_epochs: 3.0\nlr_scheduler_type: cosine\nwarmup_ratio: 0.1\n",
      "ultralytics/args.yaml": "task: detect\nmode: train\nmodel: yolov8n.pt\nepochs: 100\nbatch: 16\nlr0: 0.01\nlrf: 0.01\nwarmup_epochs: 3.0\ncos_lr: false\n",
      "lightning.yaml": "trainer:\n  max_epochs: 10\nmodel:\n  lr: 0.1\noptimizer:\n  class_path: torch.optim.SGD\n",
      "axolotl.yaml": "base_model: x\nmicro_batch_size: 2\nnum_epochs: 4\nlr_scheduler: cosine\nlearning_rate: 0.0002\n",
      ".github/workflows/ci.yml": "name: tests\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n",
      "model.yaml": "model: resnet50\nepochs: 10\n",
    };
    for (const [name, text] of Object.entries(others)) {
      assert.equal(timm(name, text), undefined, name);
      assert.ok(!dialects(name, text).includes("timm"), name);
    }
  });

  void it("is the only reader of a timm args.yaml", () => {
    assert.deepEqual(dialects("args.yaml", "model: resnet50\nsched: cosine\nlr: 0.1\nepochs: 10\n"), ["timm"]);
  });
});
