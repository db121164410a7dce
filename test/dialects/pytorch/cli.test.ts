// The CLI on reader fixtures: a missing input is one line `file:line: ... pass --option N`, exit code 2.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, it } from "node:test";

const root = [resolve(__dirname, "../../../.."), process.cwd()].find((d) => existsSync(join(d, "dist/cli.js")) && existsSync(join(d, "test/dialects/pytorch/fixtures")));

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  assert.ok(root, "dist/cli.js not built");
  const r = spawnSync(process.execPath, [join(root, "dist/cli.js"), ...args], { cwd: join(root, "test/dialects/pytorch/fixtures"), encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

void describe("lrscope curve on PyTorch scripts", { skip: root === undefined ? "dist/cli.js not built" : false }, () => {
  void it("missing steps per epoch: one line naming --steps-per-epoch, exit 2", () => {
    const r = cli("curve", "helper_batch.py", "--json");
    assert.equal(r.status, 2);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /^lrscope: helper_batch\.py:21: .*len\(train_loader\).*; pass --steps-per-epoch N\n$/);
  });

  void it("missing devices: names --devices; given, the curve is printed", () => {
    const r = cli("curve", "world.py", "--json");
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^lrscope: world\.py:5: .*; pass --devices N\n$/);
    const ok = cli("curve", "world.py", "--json", "--devices", "8");
    assert.equal(ok.status, 0, ok.stderr);
    const json = JSON.parse(ok.stdout) as { schedules: { total: number; lr: number[]; assumptions: { message: string }[] }[] };
    assert.equal(json.schedules[0]!.total, 100);
    assert.equal(json.schedules[0]!.lr[0], 0.4);
    assert.deepEqual(json.schedules[0]!.assumptions.map((a) => a.message), ["--devices 8 (given)"]);
  });

  void it("an unreadable lambda: one line with file:line, no stack trace", () => {
    const r = cli("curve", "opaque.py");
    assert.equal(r.status, 2);
    assert.equal(r.stderr.split("\n").length, 2);
    assert.match(r.stderr, /^lrscope: opaque\.py:6: /);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });
});
