// No execution (issue 9): LR Scope reads scripts and configs statically. No code path under src/ may spawn a
// process or evaluate text as code: no eval, no Function constructor, no child_process / vm / worker_threads,
// no require() or import() of a name computed at run time, no string timers. The CLI reads and writes files
// with node:fs (its own I/O), which is not what this forbids; the bench and test harnesses are not in src/.
// eslint.config.mjs forbids the same at lint time (no-eval, no-new-func, no-restricted-imports).
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, it } from "node:test";

function sourceRoot(): string {
  const found = [resolve(__dirname, "../../../src"), resolve(__dirname, "../../src"), resolve(process.cwd(), "src")].find((d) => existsSync(join(d, "dialects", "index.ts")));
  assert.ok(found, "src/ not found (run from the repository root)");
  return found;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : /\.(ts|tsx|js|mjs|cjs)$/.test(name) ? [p] : [];
  });
}

/** Comments blanked (line breaks kept), so a comment that names a forbidden call does not count. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|(?<![:"'`\\])\/\/[^\n]*/g, (m) => m.replace(/[^\n]/g, " "));
}

const forbidden: readonly (readonly [RegExp, string])[] = [
  [/(?<![\w.$])eval\s*\(/, "eval("],
  [/\bnew\s+Function\b/, "new Function"],
  [/(?<![\w.$])Function\s*\(/, "Function("],
  [/\bchild_process\b/, "child_process"],
  [/\bworker_threads\b/, "worker_threads"],
  [/["'](?:node:)?vm["']/, "the vm module"],
  [/(?<![\w.$])vm\.\w/, "vm."],
  [/(?<![\w.$])require\s*\(\s*(?!["'][^"'\n]*["']\s*\))/, "require( of a computed name"],
  [/(?<![\w.$])import\s*\(\s*(?!["'][^"'\n]*["']\s*\))/, "import( of a computed specifier"],
  [/(?<![\w.$])(?:setTimeout|setInterval)\s*\(\s*["'`]/, "a timer with a string body"],
  [/\b(?:execSync|execFile|spawnSync|fork)\s*\(/, "a process spawn"],
  [/\bprocess\.binding\b/, "process.binding"],
];

void describe("no execution of user text, no processes", () => {
  const root = sourceRoot();
  const files = sources(root);

  void it("scans every source file", () => {
    assert.ok(files.length > 20, `only ${files.length} files under ${root}`);
  });

  void it("no eval, Function, child_process, vm, computed require/import, string timers under src/", () => {
    const hits: string[] = [];
    for (const file of files) {
      const lines = withoutComments(readFileSync(file, "utf8")).split("\n");
      lines.forEach((line, i) => {
        for (const [pattern, what] of forbidden) if (pattern.test(line)) hits.push(`${relative(root, file)}:${i + 1}: ${what}: ${line.trim().slice(0, 120)}`);
      });
    }
    assert.deepEqual(hits, [], `forbidden constructs:\n${hits.join("\n")}`);
  });

  void it("the patterns catch what they are for (a self-check on a planted sample)", () => {
    const sample = ['eval("1")', "new Function('x')", "Function('return 1')()", 'import { spawn } from "node:child_process"', 'import * as vm from "node:vm"', "vm.runInThisContext(code)", "require(name)", "import(specifier)", 'setTimeout("x()", 1)'];
    for (const line of sample) assert.ok(forbidden.some(([p]) => p.test(withoutComments(line))), line);
    const allowed = ['import { readFileSync } from "node:fs"', 'const x = require("yaml")', 'type T = import("./x").T', "this.callFunction(fn)", "re.exec(text)", "// eval( in a comment", "retrieval(x)"];
    for (const line of allowed) assert.ok(!forbidden.some(([p]) => p.test(withoutComments(line))), line);
  });

  void it("the extension declares untrusted workspaces supported (it runs nothing from them)", () => {
    const manifest = JSON.parse(readFileSync(join(root, "..", "package.json"), "utf8")) as { capabilities?: { untrustedWorkspaces?: { supported?: unknown } } };
    assert.equal(manifest.capabilities?.untrustedWorkspaces?.supported, true);
  });
});
