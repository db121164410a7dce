// The CLI on the launch example (examples/launch-torchrun): `lrscope curve run.sh` reads train.py with the
// line's arguments and torchrun's world size. Expected values from train.py's own arithmetic:
// lr = --lr × --batch-size × world size / 256 = 0.1 × 128 × (2 × 8) / 256 = 0.8; ChainedScheduler of
// LinearLR(start_factor=0.1, total_iters=5) and MultiStepLR(milestones=[30, 60, 90], gamma=0.1), per epoch.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, it } from "node:test";

const cli = [resolve(__dirname, "../../../../dist/cli.js"), resolve(__dirname, "../../../dist/cli.js"), resolve(process.cwd(), "dist/cli.js")].find((p) => existsSync(p));
const example = [resolve(__dirname, "../../../../examples/launch-torchrun"), resolve(process.cwd(), "examples/launch-torchrun")].find((d) => existsSync(join(d, "run.sh")));

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli!, ...args], { cwd: example, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Json {
  schedules: { name: string; unit: string; total: number; lr: number[]; warnings: { code: string; message: string }[] }[];
}

void describe("lrscope curve on launch scripts", { skip: !cli || !example ? "dist/cli.js or examples/launch-torchrun not found" : false }, () => {
  void it("run.sh: torchrun --nnodes 2 --nproc_per_node 8 train.py --lr 0.1 --batch-size 128 --epochs 100 --milestones 30 60 90", () => {
    const r = run("curve", "run.sh", "--json");
    assert.equal(r.status, 0, r.stderr);
    const [s, ...rest] = (JSON.parse(r.stdout) as Json).schedules;
    assert.equal(rest.length, 0);
    assert.equal(s!.name, "train.py scheduler");
    assert.equal(s!.unit, "epoch");
    assert.equal(s!.total, 100);
    const near = (a: number, b: number): boolean => Math.abs(a - b) < 1e-12;
    // Warmup: 0.8 × (0.1 + 0.9 × e / 5) for e < 5; then 0.8 until 30, × 0.1 at 30, 60, 90.
    assert.ok(near(s!.lr[0]!, 0.08) && near(s!.lr[2]!, 0.8 * (0.1 + 0.9 * 2 / 5)) && near(s!.lr[5]!, 0.8));
    assert.ok(near(s!.lr[29]!, 0.8) && near(s!.lr[30]!, 0.08) && near(s!.lr[60]!, 0.008) && near(s!.lr[99]!, 0.0008));
    const overrides = s!.warnings.find((p) => p.code === "launch-overrides");
    assert.match(overrides?.message ?? "", /--batch-size 128 \(default 256 at train\.py:15\)/);
  });

  void it("the Makefile: one schedule per recipe that runs train.py, $(LR) and $(EPOCHS) from the same file", () => {
    const r = run("curve", "Makefile", "--json");
    assert.equal(r.status, 0, r.stderr);
    const [smoke, finetune] = (JSON.parse(r.stdout) as Json).schedules;
    // smoke: python (one process), -b 32: 0.1 × 32 / 256 = 0.0125, 2 epochs, warmup 1 epoch from 0.1×.
    assert.equal(smoke!.total, 2);
    assert.ok(Math.abs(smoke!.lr[0]! - 0.00125) < 1e-15 && Math.abs(smoke!.lr[1]! - 0.0125) < 1e-15);
    // finetune: --lr=$(LR) with LR := 0.01, batch 256 → 0.01; --epochs $(EPOCHS) = 30; milestones 10 20.
    assert.equal(finetune!.total, 30);
    assert.ok(Math.abs(finetune!.lr[5]! - 0.01) < 1e-15 && Math.abs(finetune!.lr[10]! - 0.001) < 1e-15 && Math.abs(finetune!.lr[20]! - 1e-4) < 1e-15);
  });

  void it("the text output names the launch line and both values", () => {
    const r = run("curve", "run.sh");
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^run\.sh:7 {2}train\.py scheduler/);
    assert.match(r.stdout, /length {4}100 = --epochs 100 on the launch line, over the argparse default 90, train\.py:14 \(run\.sh:8\)/);
  });
});
