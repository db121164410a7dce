// What readPyTorchScript reports for each golden torch script: name, unit, total, source line, assumptions
// and problems; and that the curve it describes matches the recorded PyTorch values.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluate } from "../../../src/core/evaluate";
import { readPyTorchScript } from "../../../src/dialects/pytorch/reader";
import { close, golden, line, messages } from "./helpers";

interface Expected {
  name: string;
  unit: "epoch" | "step";
  total: number;
  line: number;
  assumptions: string[];
}

const cases: Record<string, Expected> = {
  "torch-cosine-tmax-epochs": { name: "scheduler", unit: "epoch", total: 200, line: 9, assumptions: [] },
  "torch-cyclic-triangular2": { name: "scheduler", unit: "step", total: 4000, line: 7, assumptions: [] },
  "torch-lambda-exponential": { name: "scheduler", unit: "epoch", total: 50, line: 9, assumptions: [] },
  "torch-multistep-argparse": {
    name: "scheduler",
    unit: "epoch",
    total: 200,
    line: 15,
    assumptions: ["--lr not given on the command line: default 0.1", "--milestones not given on the command line: default 60, 120, 160", "--epochs not given on the command line: default 200"],
  },
  "torch-onecycle-per-batch": { name: "scheduler", unit: "step", total: 2000, line: 10, assumptions: ["--steps-per-epoch 200 (given)"] },
  "torch-param-groups-steplr": { name: "scheduler", unit: "epoch", total: 25, line: 15, assumptions: [] },
  "torch-polynomial-power2": { name: "scheduler", unit: "epoch", total: 100, line: 7, assumptions: [] },
  "torch-sequential-warmup-cosine": { name: "scheduler", unit: "epoch", total: 100, line: 13, assumptions: [] },
  "torch-sgdr-warm-restarts": { name: "scheduler", unit: "epoch", total: 150, line: 9, assumptions: [] },
  "torch-steplr-imagenet": { name: "scheduler", unit: "epoch", total: 90, line: 9, assumptions: [] },
};

void describe("golden torch scripts", () => {
  for (const [id, expected] of Object.entries(cases)) {
    void it(id, () => {
      const g = golden(id);
      assert.equal(g.unit, expected.unit);
      assert.equal(g.total, expected.total);
      const r = readPyTorchScript(g.entry, g.files[g.entry]!, g.options);
      assert.deepEqual(r.problems, []);
      assert.equal(r.schedules.length, 1);
      const s = r.schedules[0]!;
      assert.equal(s.name, expected.name);
      assert.equal(s.dialect, "pytorch");
      assert.equal(s.unit, expected.unit);
      assert.equal(s.total?.value, expected.total);
      assert.equal(s.source.file, g.entry);
      assert.equal(s.source.startLine + 1, expected.line);
      assert.deepEqual(messages(s.assumptions), expected.assumptions);
      assert.ok(s.assumptions.every((a) => a.value !== undefined));
      assert.deepEqual(s.problems, []);
      const c = evaluate(s);
      assert.deepEqual(c.problems.filter((p) => p.severity !== "info"), []);
      for (const [t, lr] of g.lr) close(c.groups[0]![t], lr, `${id} lr[${t}]`);
    });
  }

  void it("torch-multistep-argparse: each assumption points at its argparse default", () => {
    const g = golden("torch-multistep-argparse");
    const s = readPyTorchScript(g.entry, g.files[g.entry]!).schedules[0]!;
    assert.deepEqual(
      s.assumptions.map((a) => [a.input, a.value, line(a)]),
      [
        ["commandLine", 0.1, 8],
        ["commandLine", 60, 10],
        ["commandLine", 200, 9],
      ],
    );
  });

  void it("torch-onecycle-per-batch without inputs: asks for the steps per epoch, no total", () => {
    const g = golden("torch-onecycle-per-batch");
    const r = readPyTorchScript(g.entry, g.files[g.entry]!);
    assert.deepEqual(r.problems, []);
    const s = r.schedules[0]!;
    assert.equal(s.unit, "step");
    assert.equal(s.total, undefined);
    assert.equal(s.assumptions.length, 1);
    const a = s.assumptions[0]!;
    assert.equal(a.input, "stepsPerEpoch");
    assert.equal(a.value, undefined);
    assert.equal(line(a), 10);
    assert.match(a.message, /len\(train_loader\)/);
    // Asked for as an input, not reported as a broken file.
    assert.ok(s.problems.every((p) => p.severity !== "error"));
    assert.deepEqual(
      s.problems.map((p) => p.code),
      ["needs-input"],
    );
  });

  void it("torch-onecycle-per-batch with {stepsPerEpoch: 200}", () => {
    const g = golden("torch-onecycle-per-batch");
    const s = readPyTorchScript(g.entry, g.files[g.entry]!, { stepsPerEpoch: 200 }).schedules[0]!;
    assert.equal(s.total?.value, 2000);
    assert.equal(s.epochs?.value, 10);
    assert.equal(s.stepsPerEpoch?.value, 200);
    assert.deepEqual(s.assumptions, [{ input: "stepsPerEpoch", message: "--steps-per-epoch 200 (given)", value: 200 }]);
  });

  void it("torch-param-groups-steplr: two groups, the second with the optimizer's lr", () => {
    const g = golden("torch-param-groups-steplr");
    const s = readPyTorchScript(g.entry, g.files[g.entry]!).schedules[0]!;
    assert.deepEqual(s.groups.map((x) => [x.lr.value, x.momentum?.value]), [
      [0.001, 0.9],
      [0.01, 0.9],
    ]);
    const c = evaluate(s);
    close(c.groups[1]![7], 0.001, "group1[7]");
  });
});
