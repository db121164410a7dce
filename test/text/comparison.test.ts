// `lrscope compare`: the planted mistakes of the fixture workspace's logs are named, with the step where the
// run parts from the plan, and the exit code says whether it did.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { describe, it } from "node:test";

const cliPath = [resolve(__dirname, "../../dist/cli.js"), resolve(__dirname, "../../../dist/cli.js"), resolve(process.cwd(), "dist/cli.js")].find((p) => existsSync(p));
const fixtures = [resolve(__dirname, "../fixtures/workspace"), resolve(process.cwd(), "test/fixtures/workspace")].find((p) => existsSync(p))!;

function compare(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cliPath!, "compare", ...args], { cwd: fixtures, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

void describe("lrscope compare", { skip: cliPath === undefined ? "dist/cli.js not built" : false }, () => {
  void it("a per-step cosine that ran stepped once per epoch (TensorBoard log): parts at step 10, cause named, exit 1", () => {
    const r = compare("pytorch/cifar_cosine_per_step.py", "logs/cifar-cosine-stepped-per-epoch/events.out.tfevents.1732550400.trainer.4242.0");
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /matched {3}1 of 100 logged points/);
    assert.match(r.stdout, /differs {3}from step 10 \(planned step 10\): logged 0\.1, planned 0\.0999753/);
    assert.match(r.stdout, /stepped once per epoch, not per step .* 50 steps per epoch/);
  });

  void it("a StepLR run whose scheduler never stepped (timm summary.csv): parts at epoch 30", () => {
    const r = compare("pytorch/steplr_imagenet.py", "logs/steplr-never-stepped/summary.csv", "--json");
    assert.equal(r.status, 1, r.stderr);
    const json = JSON.parse(r.stdout) as { schedules: { firstDifference?: { x: number }; cause?: { kind: string } }[] };
    assert.equal(json.schedules[0]!.firstDifference?.x, 30);
    assert.equal(json.schedules[0]!.cause?.kind, "never-stepped");
  });

  void it("a file that is not a log: a usage error, exit 2", () => {
    const r = compare("pytorch/steplr_imagenet.py", "pytorch/cosine_per_batch.py");
    assert.equal(r.status, 2);
    assert.match(r.stderr, /not a run log/);
  });
});
