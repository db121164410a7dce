// The README's first command: `npm run demo` (the CLI's demo over examples/) draws every example and exits 0;
// a file that needs an input the demo does not pass is shown with the option to pass, not counted as a failure.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, it } from "node:test";

const cliPath = [resolve(__dirname, "../../dist/cli.js"), resolve(__dirname, "../../../dist/cli.js"), resolve(process.cwd(), "dist/cli.js")].find((p) => existsSync(p));
const root = [resolve(__dirname, "../.."), resolve(__dirname, "../../.."), process.cwd()].find((p) => existsSync(resolve(p, "examples")) && existsSync(resolve(p, "package.json")))!;

void describe("lrscope demo", { skip: cliPath === undefined ? "dist/cli.js not built" : false }, () => {
  void it("runs over examples/ with the options package.json's demo script passes, and exits 0", () => {
    const script = (JSON.parse(readFileSync(resolve(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.demo!;
    const args = script.slice(script.indexOf("demo examples")).split(" ").filter((a) => a !== "--html" && a !== "out/demo");
    const r = spawnSync(process.execPath, [cliPath!, ...args], { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    assert.equal(r.status, 0, r.stdout.split("\n").filter((l) => /^\S/.test(l)).join("\n") + r.stderr);
    assert.match(r.stdout, /examples\/goyal-linear-scaling\/train\.py:\d+ {2}scheduler \(pytorch\)/);
    assert.match(r.stdout, /examples\/launch-torchrun\/run\.sh:\d+ {2}train\.py scheduler \(pytorch\)/);
    // The launched script alone: world size is set at launch, so the demo says which option gives it.
    assert.match(r.stdout, /launch-torchrun\/train\.py:\d+: .*pass --devices N/);
  });
});
