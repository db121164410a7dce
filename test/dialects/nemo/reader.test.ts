// NeMo experiment configs as NeMo's examples write them (examples/nlp/language_modeling/conf/megatron_gpt_config.yaml,
// examples/asr/conf/conformer/conformer_ctc_bpe.yaml), cut to the parts that matter. Expected values follow
// nemo/core/classes/modelPT.py setup_optimization and nemo/core/optim/lr_scheduler.py prepare_lr_scheduler.
import assert from "node:assert/strict";
import { test } from "node:test";
import { readNemo } from "../../../src/dialects/nemo/reader";
import { curve, read } from "../keras/helpers";

const ctx = (inputs = {}, files: Record<string, string> = {}) => ({ inputs, files: { read: (p: string) => files[p] } });

const gpt = `name: megatron_gpt
trainer:
  devices: 1
  num_nodes: 1
  max_epochs: -1 # PTL default. In practice, max_steps will be reached first.
  max_steps: 100000 # consumed_samples = global_step * micro_batch_size * data_parallel_size * accumulate_grad_batches
  accumulate_grad_batches: 1 # do not modify, grad acc is automatic for training megatron models
exp_manager:
  name: megatron_gpt
model:
  micro_batch_size: 4
  global_batch_size: 8
  optim:
    name: fused_adam
    lr: 2e-4
    weight_decay: 0.01
    betas:
    - 0.9
    - 0.98
    sched:
      name: CosineAnnealing
      warmup_steps: 500
      constant_steps: 0
      min_lr: 2e-5
`;

const conformer = `name: "Conformer-CTC-BPE"
model:
  train_ds:
    manifest_filepath: ???
    batch_size: 16 # you may increase batch_size if your memory allows
    shuffle: true
  encoder:
    d_model: 512
  optim:
    name: adamw
    lr: 2.0
    betas: [0.9, 0.98]
    weight_decay: 1e-3
    sched:
      name: NoamAnnealing
      d_model: \${model.encoder.d_model}
      warmup_steps: 10000
      warmup_ratio: null
      min_lr: 1e-6
trainer:
  devices: -1 # number of GPUs, -1 would use all available GPUs
  num_nodes: 1
  max_epochs: 1000
  max_steps: -1 # computed at runtime if not set
  accumulate_grad_batches: 1
exp_manager:
  name: \${name}
`;

void test("Megatron GPT: trainer.max_steps is the scheduler's max_steps and the run's length; OmegaConf reads 2e-4 as a float", () => {
  const r = read("megatron_gpt_config.yaml", { "megatron_gpt_config.yaml": gpt });
  assert.deepEqual(r.dialects, ["nemo"]);
  const s = r.schedules[0]!;
  assert.equal(s.total?.value, 100000);
  assert.equal(s.total?.range?.startLine, 5);
  assert.equal(s.groups[0]!.lr.value, 2e-4);
  assert.equal(s.unit, "step");
  assert.ok(!s.problems.some((p) => p.severity !== "info"), JSON.stringify(s.problems));
  const lr = curve(s);
  // _get_warmup_lr: (step + 1) / (warmup_steps + 1); then _cosine_annealing over 100000 - 500 steps.
  assert.equal(lr[0], 2e-4 * (1 / 501));
  assert.equal(lr[500], 2e-4);
  assert.equal(lr[50250], (2e-4 - 2e-5) * (0.5 * (1 + Math.cos((Math.PI * 49750) / 99500))) + 2e-5);
});

void test("Conformer: max_steps -1 → compute_max_steps from max_epochs, which needs the devices and the dataset size", () => {
  const s = readNemo("c.yaml", conformer, ctx())!.schedules[0]!;
  assert.equal(s.total, undefined);
  assert.ok(s.assumptions.some((a) => a.input === "devices" && a.value === undefined && a.range?.startLine === 20));
  assert.ok(s.assumptions.some((a) => a.input === "datasetSize" && a.value === undefined));
  // ceil(ceil(28539 / 8) / 16) = 223 batches per rank; ceil(223 / 1) × 1000 epochs.
  const given = readNemo("c.yaml", conformer, ctx({ datasetSize: 28539, devices: 8 }))!.schedules[0]!;
  assert.equal(given.total?.value, 223000);
  const lr = curve({ ...given, total: { ...given.total, value: 20000 } });
  // NoamAnnealing with d_model from ${model.encoder.d_model}: 2.0 * 512 ** -0.5 * min(step ** -0.5, step * 10000 ** -1.5)
  assert.equal(lr[10000], 2.0 * (512 ** -0.5 * Math.min(10000 ** -0.5, 10000 * 10000 ** -1.5)));
  assert.equal(lr[0], lr[1]);
  const d = given.program.family === "nemo" ? given.program.scheduler.dModel : undefined;
  assert.equal(d, 512);
});

void test("--steps-per-epoch: batches per rank, limited by an int limit_train_batches, divided by accumulate_grad_batches", () => {
  const text = conformer.replace("accumulate_grad_batches: 1", "accumulate_grad_batches: 4\n  limit_train_batches: 50").replace("max_epochs: 1000", "max_epochs: 10");
  // min(120, int(50)) = 50 batches; ceil(50 / 4) × 10 = 130
  assert.equal(readNemo("c.yaml", text, ctx({ stepsPerEpoch: 120 }))!.schedules[0]!.total?.value, 130);
  // 0.5 is a fraction: int(120 × 0.5) = 60; ceil(60 / 4) × 10 = 150
  const frac = text.replace("limit_train_batches: 50", "limit_train_batches: 0.5");
  assert.equal(readNemo("c.yaml", frac, ctx({ stepsPerEpoch: 120 }))!.schedules[0]!.total?.value, 150);
  // 1.0 written as a float is a fraction too (isinstance(1.0, int) is False).
  const one = text.replace("limit_train_batches: 50", "limit_train_batches: 1.0");
  assert.equal(readNemo("c.yaml", one, ctx({ stepsPerEpoch: 121 }))!.schedules[0]!.total?.value, 310);
});

void test("a reference to a key the file does not have is an error at the reference", () => {
  const s = readNemo("c.yaml", conformer.replace("${model.encoder.d_model}", "${model.encoder.hidden}"), ctx({ totalSteps: 100 }))!.schedules[0]!;
  const p = s.problems.find((x) => x.code === "interpolation-missing");
  assert.ok(p);
  assert.equal(p.range?.startLine, 15);
  const resolver = readNemo("c.yaml", conformer.replace("${model.encoder.d_model}", "${oc.env:D_MODEL}"), ctx({ totalSteps: 100 }))!.schedules[0]!;
  assert.ok(resolver.problems.some((x) => x.code === "interpolation-not-static"));
});

void test("a relative reference ${.warmup_steps} is a sibling in the same map", () => {
  const text = gpt.replace("constant_steps: 0", "constant_steps: ${.warmup_steps}");
  const s = readNemo("g.yaml", text, ctx())!.schedules[0]!;
  assert.equal(s.program.family === "nemo" ? s.program.scheduler.constantSteps : undefined, 500);
  assert.equal(curve(s)[0], 0, "constant_steps > 0: Megatron's warmup starts at 0");
});

void test("an argument the scheduler's constructor does not take is NeMo's TypeError", () => {
  const s = readNemo("g.yaml", gpt.replace("min_lr: 2e-5", "min_lr: 2e-5\n      hold_steps: 100"), ctx())!.schedules[0]!;
  const p = s.problems.find((x) => x.code === "invalid-argument");
  assert.match(p!.message, /unexpected keyword argument 'hold_steps'/);
  assert.equal(s.total, undefined);
});

void test("SquareAnnealing's own min_lr default is 1e-5", () => {
  const s = readNemo("g.yaml", gpt.replace("name: CosineAnnealing", "name: SquareAnnealing").replace(/\n\s+constant_steps: 0\n\s+min_lr: 2e-5/, ""), ctx())!.schedules[0]!;
  assert.equal(s.program.family === "nemo" ? s.program.scheduler.minLr : undefined, 1e-5);
});

void test("no sched, or sched.max_steps -1 without trainer.max_steps: no scheduler, the LR stays at optim.lr", () => {
  const none = readNemo("g.yaml", gpt.replace(/\n {4}sched:[\s\S]*$/, "\n"), ctx())!.schedules[0]!;
  assert.ok(none.problems.some((p) => p.code === "no-scheduler"));
  const lr = curve({ ...none, total: { ...none.total!, value: 10 } });
  assert.deepEqual([...lr], Array(10).fill(2e-4));
  const minus = readNemo("g.yaml", gpt.replace("max_steps: 100000", "max_steps: -1").replace("max_epochs: -1", "max_epochs: 3").replace("min_lr: 2e-5", "min_lr: 2e-5\n      max_steps: -1"), ctx({ totalSteps: 5 }))!.schedules[0]!;
  assert.ok(minus.problems.some((p) => p.code === "no-scheduler"));
  assert.deepEqual([...curve(minus)], Array(5).fill(2e-4));
});

void test("torch schedulers NeMo registers are named, not guessed", () => {
  const s = readNemo("g.yaml", gpt.replace("name: CosineAnnealing", "name: ReduceLROnPlateau"), ctx())!.schedules[0]!;
  assert.ok(s.problems.some((p) => p.code === "unsupported-scheduler" && p.severity === "error"));
  assert.equal(s.total, undefined);
});

void test("a pinned nemo_toolkit is said", () => {
  const s = readNemo("conf/g.yaml", gpt, ctx({}, { "conf/requirements.txt": "nemo_toolkit[all]==1.23.0\n" }))!.schedules[0]!;
  assert.match(s.problems.find((p) => p.code === "framework-version")!.message, /pins nemo_toolkit ==1.23.0/);
  assert.equal(s.problems.find((p) => p.code === "framework-version")!.range?.file, "conf/requirements.txt");
});

void test("other tools' YAML is left to their readers", () => {
  assert.equal(readNemo("c.yaml", "trainer:\n  max_epochs: 3\nmodel:\n  class_path: m.Model\n  init_args:\n    lr: 0.1\noptimizer:\n  class_path: torch.optim.SGD\n", ctx()), undefined);
  assert.equal(readNemo("c.yaml", "lr_scheduler:\n  _name: cosine\noptimization:\n  lr: [0.1]\n", ctx()), undefined);
  assert.equal(readNemo("c.yaml", "model:\n  optim:\n    lr: 0.1\n", ctx()), undefined, "no trainer or exp_manager");
});

void test("a pinned release's own semantics: WarmupAnnealing before 1.6, WarmupHoldAnneal* only from 2.5", () => {
  const annealing = gpt.replace("name: CosineAnnealing", "name: WarmupAnnealing").replace(/\n\s+constant_steps: 0/, "");
  const old = readNemo("g.yaml", annealing, ctx({}, { "requirements.txt": "nemo_toolkit==1.5.1\n" }))!.schedules[0]!;
  const lr = curve({ ...old, total: { ...old.total!, value: 1000 } });
  // 1.5: initial_lr * max((step / max_steps - 1) / (warmup_steps / max_steps - 1), 0), no min_lr
  assert.equal(lr[750], 2e-4 * Math.max((750 / 100000 - 1.0) / (500 / 100000 - 1.0), 0.0));
  const now = readNemo("g.yaml", annealing, ctx())!.schedules[0]!;
  const lrNow = curve({ ...now, total: { ...now.total!, value: 1000 } });
  // main: min_lr + (1 - (step - warmup) / (max_steps - warmup)) * (base_lrs[0] - min_lr)
  assert.equal(lrNow[750], 2e-5 + (1 - (750 - 500) / (100000 - 500)) * (2e-4 - 2e-5));
  const wsd = gpt.replace("name: CosineAnnealing", "name: WarmupHoldAnnealLinear").replace(/\n\s+constant_steps: 0/, "");
  assert.ok(readNemo("g.yaml", wsd, ctx())!.schedules[0]!.total);
  const s = readNemo("g.yaml", wsd, ctx({}, { "requirements.txt": "nemo_toolkit[all]==2.2.1\n" }))!.schedules[0]!;
  assert.ok(s.problems.some((p) => p.code === "unsupported-scheduler" && /2\.2\.1/.test(p.message)));
});
