// The limits of issue 9, each with its message: `_base_` chains of MMEngine, detectron2 (YAML `_BASE_` and
// LazyConfig imports) and PaddleDetection/PaddleSeg (depth, cycles, missing files, how many),
// nesting (brackets and YAML indentation), ticks (MAX_TICKS), values that are not finite, ranges past the end.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluate, MAX_TICKS, tickLimit } from "../../src/core/evaluate";
import type { Problem } from "../../src/core/problem";
import { readSchedules } from "../../src/dialects";
import { maxBaseDepth, maxBaseLoads } from "../../src/dialects/mmengine/configLoader";
import { parseJsonConfig, parseYamlConfig } from "../../src/parse/config";
import { LineIndex } from "../../src/parse/lines";
import { limitNesting, maxNesting } from "../../src/parse/nesting";
import { PythonFile } from "../../src/parse/python/syntax";

/** CPU milliseconds used so far (not wall-clock: CI machines are shared). */
const cpuMs = (): number => (process.cpuUsage().user + process.cpuUsage().system) / 1000;

const schedule = "param_scheduler = [dict(type='MultiStepLR', by_epoch=True, milestones=[8, 11], gamma=0.1)]\noptim_wrapper = dict(optimizer=dict(type='SGD', lr=0.02))\ntrain_cfg = dict(by_epoch=True, max_epochs=12)\n";

function mm(files: Record<string, string>, entry: string): { problems: Problem[]; schedules: number } {
  const r = readSchedules(entry, files[entry]!, { stepsPerEpoch: 10 }, { read: (p) => files[p] });
  const problems = [...r.problems, ...r.schedules.flatMap((s) => s.problems)];
  assert.ok(!problems.some((p) => p.code === "reader-failed"), JSON.stringify(problems));
  return { problems, schedules: r.schedules.length };
}

/** c0.py inherits c1.py ... c{n-1}.py, which holds the schedule. */
function chain(n: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < n - 1; i++) files[`configs/c${i}.py`] = `_base_ = ['./c${i + 1}.py']\n`;
  files[`configs/c${n - 1}.py`] = schedule;
  return files;
}

void describe("_base_ chains (MMEngine)", () => {
  void it(`follows a chain of ${maxBaseDepth} files`, () => {
    const r = mm(chain(maxBaseDepth), "configs/c0.py");
    assert.equal(r.schedules, 1);
    assert.ok(!r.problems.some((p) => p.code.startsWith("base-")), JSON.stringify(r.problems));
  });

  void it(`stops a longer chain with an error that shows it`, () => {
    const r = mm(chain(maxBaseDepth + 8), "configs/c0.py");
    const p = r.problems.find((x) => x.code === "base-too-deep");
    assert.ok(p, JSON.stringify(r.problems.map((x) => x.code)));
    assert.match(p.message, new RegExp(`longer than ${maxBaseDepth} files`));
    assert.match(p.message, /configs\/c0\.py → configs\/c1\.py → .* → configs\/c32\.py$/);
  });

  void it("reports a cycle with its chain", () => {
    const files = { "configs/a.py": "_base_ = ['./b.py']\n" + schedule, "configs/b.py": "_base_ = ['./c.py']\n", "configs/c.py": "_base_ = ['./a.py']\n" };
    const p = mm(files, "configs/a.py").problems.find((x) => x.code === "base-cycle");
    assert.equal(p?.message, "_base_ files include each other: configs/a.py → configs/b.py → configs/c.py → configs/a.py");
    assert.equal(p?.range?.file, "configs/c.py");
  });

  void it("reports a missing base file with the path it looked for and the chain", () => {
    const files = { "configs/a.py": "_base_ = ['./b.py']\n" + schedule, "configs/b.py": "_base_ = ['../_base_/gone.py']\n" };
    const p = mm(files, "configs/a.py").problems.find((x) => x.code === "base-missing");
    assert.match(p?.message ?? "", /\.\.\/_base_\/gone\.py \(_base_\/gone\.py\) does not exist.*Chain: configs\/a\.py → configs\/b\.py → _base_\/gone\.py/);
  });

  void it(`reads at most ${maxBaseLoads} base files for one config (a lattice of shared bases)`, () => {
    // Level i has two files, each inheriting both files of level i + 1: 2^20 reads if nothing stopped it.
    const files: Record<string, string> = {};
    const levels = 20;
    for (let i = 0; i < levels; i++) for (const s of ["a", "b"]) files[`l${i}${s}.py`] = i === levels - 1 ? schedule.replace("MultiStepLR", s === "a" ? "MultiStepLR" : "StepLR") : `_base_ = ['./l${i + 1}a.py', './l${i + 1}b.py']\n`;
    files["top.py"] = "_base_ = ['./l0a.py']\n";
    const start = cpuMs();
    const r = mm(files, "top.py");
    assert.ok(cpuMs() - start < 5000);
    assert.ok(r.problems.some((p) => p.code === "base-too-many"), JSON.stringify(r.problems.map((p) => p.code)));
  });
});

/** A chain of n files named name(i), each inheriting the next through line(i + 1); the last is `last`. */
function chainOf(n: number, name: (i: number) => string, line: (next: string) => string, last: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < n - 1; i++) files[name(i)] = line(name(i + 1).slice(name(i + 1).lastIndexOf("/") + 1));
  files[name(n - 1)] = last;
  return files;
}

void describe("_BASE_ chains (detectron2 yacs YAML)", () => {
  const solver = "SOLVER:\n  BASE_LR: 0.02\n  STEPS: (60, 80)\n  MAX_ITER: 90\n";
  const d2 = (n: number) => chainOf(n, (i) => `configs/d${i}.yaml`, (next) => `_BASE_: "./${next}"\n`, solver);

  void it(`follows a chain of ${maxBaseDepth} files`, () => {
    const r = mm(d2(maxBaseDepth), "configs/d0.yaml");
    assert.equal(r.schedules, 1);
    assert.ok(!r.problems.some((p) => p.code.startsWith("base-")), JSON.stringify(r.problems));
  });

  void it("stops a longer chain (2,000 files: fvcore would end in RecursionError) with an error that shows it", () => {
    const r = mm(d2(2000), "configs/d0.yaml");
    const p = r.problems.find((x) => x.code === "base-too-deep");
    assert.ok(p, JSON.stringify(r.problems.map((x) => x.code)));
    assert.match(p.message, new RegExp(`longer than ${maxBaseDepth} files`));
    assert.match(p.message, /Chain: configs\/d0\.yaml → configs\/d1\.yaml → .* → configs\/d32\.yaml$/);
    assert.equal(p.message.split(" → ").length, maxBaseDepth + 1);
    // the range is the _BASE_ value of the last file read (d31), which names d32
    assert.deepEqual([p.range?.file, p.range?.startLine], ["configs/d31.yaml", 0]);
  });

  void it("reports a cycle with its chain and the range of the _BASE_ that closes it", () => {
    const files = { "configs/a.yaml": '_BASE_: "./b.yaml"\n' + solver, "configs/b.yaml": '_BASE_: "./c.yaml"\n', "configs/c.yaml": '_BASE_: "./a.yaml"\n' };
    const p = mm(files, "configs/a.yaml").problems.find((x) => x.code === "base-cycle");
    assert.equal(p?.message, "_BASE_ files include each other: configs/a.yaml → configs/b.yaml → configs/c.yaml → configs/a.yaml");
    assert.deepEqual([p?.range?.file, p?.range?.startLine, p?.range?.startColumn], ["configs/c.yaml", 0, 8]);
  });

  void it("reports a missing base file with the path it looked for, the chain and the range", () => {
    const files = { "configs/a.yaml": '_BASE_: "./b.yaml"\n' + solver, "configs/b.yaml": '_BASE_: "../gone.yaml"\n' };
    const p = mm(files, "configs/a.yaml").problems.find((x) => x.code === "base-missing");
    assert.equal(p?.severity, "error");
    assert.match(p?.message ?? "", /\.\.\/gone\.yaml \(gone\.yaml\) does not exist.*Chain: configs\/a\.yaml → configs\/b\.yaml → gone\.yaml$/);
    assert.deepEqual([p?.range?.file, p?.range?.startLine], ["configs/b.yaml", 0]);
  });
});

void describe("imports of detectron2 LazyConfig files", () => {
  const entry = "from detectron2.config import LazyCall as L\nfrom .l1 import lr_multiplier\ntrain = dict(max_iter=100)\n";
  const lazy = (n: number) => ({ ...chainOf(n, (i) => `configs/l${i}.py`, (next) => `from .${next.replace(".py", "")} import lr_multiplier\n`, "lr_multiplier = 1\n"), "configs/l0.py": entry });

  void it("stops a chain of imports deeper than the limit with an error that shows it", () => {
    const r = mm(lazy(500), "configs/l0.py");
    const p = r.problems.find((x) => x.code === "import-too-deep");
    assert.ok(p, JSON.stringify(r.problems.map((x) => x.code)));
    assert.match(p.message, /Chain: configs\/l0\.py → configs\/l1\.py → .* → configs\/l32\.py$/);
    assert.ok(!mm(lazy(maxBaseDepth), "configs/l0.py").problems.some((x) => x.code === "import-too-deep"));
  });

  void it(`imports at most ${maxBaseLoads} files for one config (each import statement loads afresh)`, () => {
    const files: Record<string, string> = { "configs/top.py": entry.replace(".l1", ".m0a") };
    for (let i = 0; i < 20; i++) for (const s of ["a", "b"]) files[`configs/m${i}${s}.py`] = i === 19 ? "lr_multiplier = 1\n" : `from .m${i + 1}a import lr_multiplier\nfrom .m${i + 1}b import lr_multiplier\n`;
    const start = cpuMs();
    const r = mm(files, "configs/top.py");
    assert.ok(cpuMs() - start < 5000);
    assert.ok(r.problems.some((p) => p.code === "import-too-many"), JSON.stringify(r.problems.map((p) => p.code)));
  });
});

void describe("_BASE_ lists (PaddleDetection) and _base_ (PaddleSeg)", () => {
  const det = "epoch: 12\narchitecture: YOLOv3\nLearningRate:\n  base_lr: 0.01\n  schedulers:\n  - !PiecewiseDecay\n    milestones: [8, 11]\n    use_warmup: false\n";
  const seg = "iters: 100\nmodel:\n  type: OCRNet\nlr_scheduler:\n  type: PolynomialDecay\n  learning_rate: 0.1\n";
  const pdet = (n: number) => chainOf(n, (i) => `configs/p${i}.yml`, (next) => `_BASE_: [./${next}]\n`, det);
  const pseg = (n: number) => chainOf(n, (i) => `configs/s${i}.yml`, (next) => `_base_: ./${next}\nmodel:\n  type: OCRNet\n`, seg);

  void it(`follows a chain of ${maxBaseDepth} files`, () => {
    for (const [files, entry] of [[pdet(maxBaseDepth), "configs/p0.yml"], [pseg(maxBaseDepth), "configs/s0.yml"]] as const) {
      const r = mm(files, entry);
      assert.equal(r.schedules, 1, entry);
      assert.ok(!r.problems.some((p) => p.code.startsWith("base-")), JSON.stringify(r.problems));
    }
  });

  void it("stops a longer chain with base-too-deep and the chain (not a cycle)", () => {
    for (const [files, entry, key, prefix] of [[pdet(300), "configs/p0.yml", "_BASE_", "p"], [pseg(300), "configs/s0.yml", "_base_", "s"]] as const) {
      const r = mm(files, entry);
      assert.ok(!r.problems.some((p) => p.code === "base-cycle"), JSON.stringify(r.problems.map((x) => x.code)));
      const p = r.problems.find((x) => x.code === "base-too-deep");
      assert.ok(p, JSON.stringify(r.problems.map((x) => x.code)));
      assert.match(p.message, new RegExp(`^The ${key} chain is longer than ${maxBaseDepth} files; the rest is not read\\. Chain: configs/${prefix}0\\.yml → configs/${prefix}1\\.yml → .* → configs/${prefix}32\\.yml$`));
      assert.equal(p.range?.file, `configs/${prefix}31.yml`);
    }
  });

  void it("reports a cycle with its chain and the range of the entry that closes it", () => {
    const files = { "configs/a.yml": "_BASE_: [./b.yml]\n" + det, "configs/b.yml": "_BASE_: [./c.yml]\n", "configs/c.yml": "_BASE_: [./a.yml]\n" };
    const p = mm(files, "configs/a.yml").problems.find((x) => x.code === "base-cycle");
    assert.equal(p?.message, "_BASE_ files include each other: configs/a.yml → configs/b.yml → configs/c.yml → configs/a.yml");
    assert.deepEqual([p?.range?.file, p?.range?.startLine, p?.range?.startColumn], ["configs/c.yml", 0, 9]);
    const self = mm({ "s.yml": "_base_: s.yml\n" + seg }, "s.yml").problems.find((x) => x.code === "base-cycle");
    assert.equal(self?.message, "_base_ files include each other: s.yml → s.yml");
  });

  void it("reports a missing base file as an error with the path, the chain and the range", () => {
    const files = { "configs/a.yml": "_BASE_: [./b.yml]\n" + det, "configs/b.yml": "_BASE_: [../runtime.yml]\n" };
    const p = mm(files, "configs/a.yml").problems.find((x) => x.code === "base-missing");
    assert.equal(p?.severity, "error");
    assert.equal(p?.message, "The base config ../runtime.yml (runtime.yml) does not exist; PaddleDetection raises FileNotFoundError here. Its keys are missing below. Chain: configs/a.yml → configs/b.yml → runtime.yml");
    assert.deepEqual([p?.range?.file, p?.range?.startLine, p?.range?.startColumn], ["configs/b.yml", 0, 9]);
  });

  void it("a config whose bases are all missing still reports them (what would show the suite is in them)", () => {
    const text = "_BASE_: [\n  '../datasets/coco_detection.yml',\n  '_base_/optimizer_1x.yml',\n]\nweights: output/faster_rcnn/model_final\n";
    const r = readSchedules("configs/faster_rcnn/a.yml", text, {}, { read: () => undefined });
    assert.equal(r.schedules.length, 0);
    assert.deepEqual(r.problems.map((p) => [p.code, p.severity, p.range?.startLine, p.range?.startColumn]), [["base-missing", "error", 1, 2], ["base-missing", "error", 2, 2]]);
    assert.match(r.problems[1]!.message, /_base_\/optimizer_1x\.yml \(configs\/faster_rcnn\/_base_\/optimizer_1x\.yml\) does not exist; PaddleDetection raises FileNotFoundError/);
    // YAML of other tools with a `_base_` key that names no YAML file is still left alone
    assert.deepEqual(readSchedules("x.yml", "_base_: defaults\nlr: 0.1\n", {}, { read: () => undefined }).problems, []);
  });

  void it(`reads at most ${maxBaseLoads} base files for one config (ppdet re-reads a shared base each time)`, () => {
    const files: Record<string, string> = { "top.yml": "_BASE_: [./l0a.yml]\n" };
    for (let i = 0; i < 20; i++) for (const s of ["a", "b"]) files[`l${i}${s}.yml`] = i === 19 ? det : `_BASE_: [./l${i + 1}a.yml, ./l${i + 1}b.yml]\n`;
    const start = cpuMs();
    const r = mm(files, "top.yml");
    assert.ok(cpuMs() - start < 5000);
    assert.ok(r.problems.some((p) => p.code === "base-too-many"), JSON.stringify(r.problems.map((p) => p.code)));
  });
});

void describe("nesting", () => {
  const deep = (n: number): string => "[".repeat(n) + "1" + "]".repeat(n);

  void it(`blanks bracket groups deeper than ${maxNesting}, keeping every offset`, () => {
    const text = `a = ${deep(maxNesting + 5)}\nb = 2\n`;
    const limited = limitNesting(text);
    assert.equal(limited.text.length, text.length);
    assert.equal(limited.text.split("\n").length, text.split("\n").length);
    assert.deepEqual(limited.blanked, [{ from: 4 + maxNesting, to: 4 + maxNesting + 11 }]);
    assert.equal(limitNesting(`a = ${deep(maxNesting)}`).blanked.length, 0);
  });

  void it("YAML and JSON: too deep is an error at the place, never a crash", () => {
    for (const doc of [parseYamlConfig("a.yaml", `lr: ${deep(3000)}\nsched: cosine\n`), parseJsonConfig("a.json", `{"lr": ${deep(3000)}, "x": 1}`)]) {
      const p = doc.problems.find((x) => x.code === "nesting-too-deep");
      assert.ok(p, JSON.stringify(doc.problems));
      assert.equal(p.range?.startLine, 0);
      assert.equal(p.range?.startColumn, doc.file.endsWith(".json") ? 6 + maxNesting : 4 + maxNesting);
    }
  });

  void it("YAML block nesting past 256 columns is not parsed; complex keys nested 1,000 deep read in linear time", () => {
    const block = "lr:" + Array.from({ length: 400 }, (_, i) => "\n" + " ".repeat(i + 1) + "a:").join("") + " 1\nsched: cosine\n";
    assert.ok(parseYamlConfig("a.yaml", block).problems.some((p) => p.code === "nesting-too-deep"));
    const start = cpuMs();
    parseYamlConfig("a.yaml", "lr: " + "? ".repeat(1000) + "1\n");
    assert.ok(cpuMs() - start < 3000);
  });

  void it("Python: too deep is a syntax error at the place (CPython refuses it too)", () => {
    const file = new PythonFile("t.py", `import torch\nx = ${deep(500)}\n`);
    assert.ok(file.errors().some((r) => r.startLine === 1 && r.startColumn === 4 + maxNesting));
    const r = readSchedules("t.py", `import torch\nopt = torch.optim.SGD(p, lr=0.1)\n${"(".repeat(3000)}a${")".repeat(3000)} = 1\nsched = torch.optim.lr_scheduler.StepLR(opt, 30)\n`, {});
    assert.ok(!r.problems.some((p) => p.code === "reader-failed"));
  });

  void it("ranges past the end of the text (a parser's 'one past the end') are clamped to it", () => {
    const lines = new LineIndex("f", "ab\ncd");
    assert.deepEqual(lines.range(5, 6), { file: "f", startLine: 1, startColumn: 2, endLine: 1, endColumn: 2 });
    assert.deepEqual(lines.range(-3, NaN), { file: "f", startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 });
  });
});

void describe("ticks and values", () => {
  const script = (epochs: string, lr = "0.1"): string => `import torch\nopt = torch.optim.SGD(params, lr=${lr})\nsched = torch.optim.lr_scheduler.StepLR(opt, 30)\nfor epoch in range(${epochs}):\n    train()\n    sched.step()\n`;

  void it(`refuses more than ${MAX_TICKS.toLocaleString("en-US")} ticks unless asked`, () => {
    const [s] = readSchedules("train.py", script("10**12")).schedules;
    assert.equal(s?.total?.value, 1e12);
    const c = evaluate(s);
    assert.equal(c.total, 0);
    assert.equal(c.problems[0]?.code, "too-many-ticks");
    assert.match(c.problems[0].message, /1,000,000,000,000 epochs is more than the 10,000,000 evaluated by default/);
  });

  void it("maxTicks (the extension's lrscope.maxTicks) moves the limit both ways; allowHuge lifts it", () => {
    const [s] = readSchedules("train.py", script("100")).schedules;
    assert.equal(s?.total?.value, 100);
    assert.equal(tickLimit(), MAX_TICKS);
    // 100 epochs: refused under a limit of 99, drawn under 100 (the limit is inclusive)
    const refused = evaluate(s, undefined, { maxTicks: 99 });
    assert.equal(refused.total, 0);
    assert.equal(refused.problems[0]?.message, "sched: 100 epochs is more than the 99 evaluated at most.");
    assert.equal(evaluate(s, undefined, { maxTicks: 100 }).total, 100);
    assert.equal(evaluate(s, undefined, { maxTicks: 99, allowHuge: true }).total, 100);
    // not a usable limit (0, negative, NaN): the default applies
    for (const maxTicks of [0, -1, Number.NaN]) assert.equal(tickLimit({ maxTicks }), MAX_TICKS);
    assert.equal(tickLimit({ maxTicks: 2.9e7 }), 29_000_000);
    // raised above the default, a longer curve is drawn (StepLR(step_size=30, gamma=0.1): 0.1 × 0.1^⌊t/30⌋)
    const [big] = readSchedules("train.py", script("10_000_001")).schedules;
    assert.equal(evaluate(big!).problems[0]?.code, "too-many-ticks");
    const c = evaluate(big!, undefined, { maxTicks: 2e7 });
    assert.equal(c.total, 10_000_001);
    assert.equal(c.groups[0]![29], 0.1);
    assert.ok(Math.abs(c.groups[0]![30]! - 0.01) < 1e-17);
  });

  void it("a NaN or infinite learning rate is drawn with an error, never silently", () => {
    for (const lr of ["float('nan')", "1e309"]) {
      const [s] = readSchedules("train.py", script("5", lr)).schedules;
      const c = evaluate(s!);
      const p = c.problems.find((x) => x.code === "not-finite");
      assert.ok(p, `${lr}: ${JSON.stringify(c.problems)}`);
      assert.match(p.message, /learning rate .*is (NaN|Infinity)/);
    }
  });

  void it("a momentum that is not finite is an error too (the families check the learning rate themselves)", () => {
    const ds = `{"optimizer": {"type": "SGD", "params": {"lr": 0.001, "momentum": 1e309}}, "scheduler": {"type": "OneCycle", "params": {"cycle_min_lr": 0.0001, "cycle_max_lr": 0.001}}}`;
    const [s] = readSchedules("ds_config.json", ds, { totalSteps: 10 }).schedules;
    const c = evaluate(s!);
    assert.ok(c.momentum?.[0]?.some((m) => !Number.isFinite(m)));
    assert.match(c.problems.find((p) => p.code === "not-finite")?.message ?? "", /the momentum is Infinity at step 0/);
  });

  void it("a scheduler whose constructor raises gives an empty curve and its error", () => {
    const ds = `{"optimizer": {"type": "AdamW", "params": {"lr": 3e-4}}, "scheduler": {"type": "WarmupDecayLR", "params": {"total_num_steps": 100, "warmup_min_lr": []}}}`;
    const [s] = readSchedules("ds_config.json", ds, { totalSteps: 100 }).schedules;
    const c = evaluate(s!);
    assert.equal(c.total, 0);
    assert.ok(c.groups.every((g) => g.length === 0));
    assert.ok(c.problems.some((p) => p.severity === "error"));
  });
});
