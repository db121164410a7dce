// The limits of issue 9, each with its message: `_base_` chains (depth, cycles, missing files, how many),
// nesting (brackets and YAML indentation), ticks (MAX_TICKS), values that are not finite, ranges past the end.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluate, MAX_TICKS } from "../../src/core/evaluate";
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
