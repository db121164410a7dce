// Counterexamples the fuzz suite (test/fuzz, `npm run fuzz -- --runs 100000`) found, kept as unit tests.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readSchedules } from "../../src/dialects";
import { literalNumber } from "../../src/dialects/paddle/args";
import { pyFloat } from "../../src/dialects/timm/pyvalue";
import { pinnedVersion } from "../../src/dialects/versions";
import { makefileShell } from "../../src/dialects/launch/makefile";
import { buildPreviewData } from "../../src/extension/preview/previewModel";
import { evaluate } from "../../src/core/evaluate";
import { niceTicks } from "../../src/text/svgChart";
import { resolvePlainScalar } from "../../src/parse/config";
import { run } from "../parse/python/helpers";

void describe("fuzz regressions", () => {
  // pytorch reader, seed 1009660970 (100,000 runs): `best_acc1 = float('nan')` in the ImageNet example made
  // `best_acc1 = max(acc1, best_acc1)` throw (Math.max gave NaN, whose index in the arguments is -1).
  void it("max/min with a NaN follow CPython's min_max: the first item, replaced only when strictly beyond", () => {
    const { get } = run("nan = float('nan')\na = max(1.0, nan)\nb = max(nan, 1.0)\nc = min(nan, 2.0, 1.0)\nd = min(3.0, nan, 1.0)\ne = max([2, 5, 5.0])\n");
    const v = (name: string): number => {
      const x = get(name);
      assert.equal(x.kind, "num", name);
      return x.value;
    };
    // max(1.0, nan): nan > 1.0 is False → 1.0; max(nan, 1.0): 1.0 > nan is False → nan
    assert.equal(v("a"), 1);
    assert.ok(Number.isNaN(v("b")));
    assert.ok(Number.isNaN(v("c")));
    // min(3.0, nan, 1.0): nan < 3.0 False, 1.0 < 3.0 True → 1.0
    assert.equal(v("d"), 1);
    // ties keep the first: max([2, 5, 5.0]) is the int 5
    assert.equal(v("e"), 5);
  });

  void it("the ImageNet script with best_acc1 = float('nan') reads without throwing", () => {
    const text = `import torch
from torch.optim.lr_scheduler import StepLR
best_acc1 = float('nan')

def validate():
    return 0.0

def main():
    optimizer = torch.optim.SGD(model.parameters(), 0.1, momentum=0.9)
    scheduler = StepLR(optimizer, step_size=30, gamma=0.1)
    for epoch in range(0, 90):
        acc1 = validate()
        scheduler.step()
        best_acc1 = max(acc1, best_acc1)

if __name__ == '__main__':
    main()
`;
    const r = readSchedules("train.py", text, {});
    assert.ok(!r.problems.some((p) => p.code === "reader-failed"), JSON.stringify(r.problems));
    assert.equal(r.schedules[0]?.total?.value, 90);
  });

  // ultralytics reader (fuzz stall under 100,000 runs: over 3 CPU-minutes on one case): number patterns with two
  // ways to split a digit run (`\d[\d_]*\.?[\d_]*`) backtrack quadratically when the run is not a number; a
  // long run of digits in a config took minutes. The bound below is a hang guard, not a timing: linear takes ms.
  void it("a 1,000,000-digit scalar that is not a number is read at once by the YAML layer and the readers", { timeout: 20_000 }, () => {
    const digits = "1".repeat(1_000_000);
    assert.deepEqual(resolvePlainScalar(`${digits}x`), { value: `${digits}x` });
    assert.equal(literalNumber(`${digits}x`), undefined);
    assert.equal(literalNumber("1.5e-4")?.v, 1.5e-4);
    const yolo = readSchedules("runs/detect/train/args.yaml", `task: detect\nmode: train\nepochs: 3\nlr0: 0.01\nname: ${digits}x\n`);
    assert.ok(yolo.dialects.includes("ultralytics"), JSON.stringify(yolo.problems.slice(0, 2)));
  });

  // Found by the same search over every regular expression of src/ (long runs of one character): timm's float()
  // check and the requirement-line pattern were quadratic too.
  void it("long runs in a timm value and in a requirements file are read at once", { timeout: 20_000 }, () => {
    const digits = "1".repeat(1_000_000);
    assert.equal(pyFloat(`${digits}x`), undefined);
    assert.equal(pyFloat("1_000.5e-3"), 1.0005);
    const requirements = `${"a".repeat(1_000_000)}\ntorch==1.13.1\n`;
    assert.equal(pinnedVersion({ read: (p) => (p === "requirements.txt" ? requirements : undefined) }, "train.py", "torch")?.version, "1.13.1");
  });

  // Found by reading this session's change (review): each hung or mangled on a small input.
  void it("a Makefile whose := lines double a variable stops expanding at 1,000,000 characters", { timeout: 20_000 }, () => {
    const doubling = Array.from({ length: 40 }, (_, i) => `A${i + 1} := $(A${i}) $(A${i})`).join("\n");
    const make = makefileShell("Makefile", `A0 := 0.1\n${doubling}\ntrain:\n\tpython train.py --lr $(A40)\n`);
    assert.ok(make.text.length < 3_000_000, `expanded to ${make.text.length} characters`);
    assert.match(JSON.stringify([...make.options.vars.values()]), /expands to more than 1,000,000 characters/);
  });

  void it("a NeMo YAML alias on a line with a long blank run is read at once", { timeout: 20_000 }, () => {
    const yaml = `trainer:\n  max_steps: &steps 1000${" ".repeat(200_000)}x\nmodel:\n  optim:\n    name: adamw\n    lr: 1.0e-4\n    sched:\n      name: CosineAnnealing\n      max_steps: *steps\n      warmup_steps: 10\n`;
    const r = readSchedules("conf/nemo.yaml", yaml);
    assert.ok(r.problems.length + r.schedules.length >= 0);
  });

  void it("SVG ticks past 2^53 (a zoom the page may send) are the ends, not an endless loop", () => {
    assert.deepEqual(niceTicks(1e20, 1e20 + 1e5), [1e20, 1e20 + 1e5]);
    assert.deepEqual(niceTicks(0, 90, 8), [0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
  });

  void it("a file at the root: the panel strips no slashes from derivations", () => {
    const text = "import torch\nopt = torch.optim.SGD(params, lr=0.1 / 2)\nsched = torch.optim.lr_scheduler.StepLR(opt, 30)\nfor epoch in range(90):\n    sched.step()\n";
    const read = readSchedules("/train.py", text);
    const entries = read.schedules.map((schedule) => ({ schedule, curve: evaluate(schedule) }));
    const data = buildPreviewData({ source: "s", label: "/train.py", folder: "/", version: 1, entries, problems: [], inputs: {}, epoch: 0 });
    assert.match(data.schedules[0]!.baseLr[0]!, /0\.1 \/ 2/);
  });
});
