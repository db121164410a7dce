// The CLI's limits: a curve over MAX_TICKS is refused with one line that says how to ask for it
// (`--allow-huge`), and a file over 20 MB is refused with one line, before it is read.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync, ftruncateSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, describe, it } from "node:test";

// The private build's own dist/ (build.mjs --out DIR), else the repository's.
const cliPath = [resolve(__dirname, "../../dist/cli.js"), resolve(__dirname, "../../../dist/cli.js"), resolve(process.cwd(), "dist/cli.js")].find((p) => existsSync(p));
const dir = mkdtempSync(join(tmpdir(), "lrscope-limits-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cliPath!, ...args], { cwd: dir, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const script = (epochs: string): string => `import torch\nopt = torch.optim.SGD(params, lr=0.1)\nsched = torch.optim.lr_scheduler.StepLR(opt, 30)\nfor epoch in range(${epochs}):\n    train()\n    sched.step()\n`;

void describe("lrscope limits", { skip: cliPath === undefined ? "dist/cli.js not built" : false }, () => {
  void it("more than 10,000,000 ticks: refused in one line naming --allow-huge; with it, evaluated", () => {
    writeFileSync(join(dir, "huge.py"), script("10**12"));
    const r = cli("curve", "huge.py");
    assert.equal(r.status, 2);
    assert.equal(r.stderr, "lrscope: huge.py:4: sched: 1,000,000,000,000 epochs is more than the 10,000,000 evaluated by default; pass --allow-huge to evaluate it anyway\n");
    writeFileSync(join(dir, "big.py"), script("10_000_001"));
    assert.equal(cli("curve", "big.py").status, 2);
    const ok = cli("curve", "big.py", "--allow-huge");
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /10000001 epochs|10,000,001/);
  });

  void it("a file over 20 MB: refused in one line, not read", () => {
    const fd = openSync(join(dir, "log.json"), "w");
    ftruncateSync(fd, 21 * 1024 * 1024);
    closeSync(fd);
    const r = cli("curve", "log.json");
    assert.equal(r.status, 2);
    assert.equal(r.stderr, "lrscope: log.json: 22,020,096 bytes is over the 20 MB limit; LR Scope reads configs and training scripts, not data files\n");
  });

  void it("the usage says both", () => {
    const r = cli("--help");
    assert.match(r.stdout, /--allow-huge/);
    assert.match(r.stdout, /files over 20 MB are not read/);
  });
});
