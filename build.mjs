// Bundles everything in dist/ with esbuild: the extension host entry (node, cjs, `vscode` external) and the
// CLI. `--tests` also bundles every test file to out/test/ for node's test runner. `--out DIR` puts both
// under DIR instead (DIR/dist, DIR/test), so parallel builds do not overwrite each other.
import * as esbuild from "esbuild";
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

const watch = process.argv.includes("--watch");
const tests = process.argv.includes("--tests");
const production = process.argv.includes("--production");
const outIndex = process.argv.indexOf("--out");
const root = outIndex >= 0 ? process.argv[outIndex + 1] : undefined;
const dist = root ? join(root, "dist") : "dist";
const testOut = root ? join(root, "test") : join("out", "test");

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: "warning",
  target: "node20",
  platform: "node",
  // jsonc-parser's UMD build hides its requires from esbuild; its ESM build bundles cleanly.
  mainFields: ["module", "main"],
  format: "cjs",
};

/** Test files anywhere under test/ (not fixtures or the VS Code suite, which its own harness builds). */
function testEntries(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!["fixtures", "golden", "vscode"].includes(entry.name)) out.push(...testEntries(p));
    } else if (entry.name.endsWith(".test.ts")) out.push(p);
  }
  return out;
}

const builds = [
  { ...common, entryPoints: ["src/extension/extension.ts"], outfile: join(dist, "extension.js"), external: ["vscode"] },
  { ...common, entryPoints: ["src/cli.ts"], outfile: join(dist, "cli.js"), banner: { js: "#!/usr/bin/env node" } },
  // The web extension (vscode.dev, github.dev): the same entry for a browser extension host, no Node APIs.
  { ...common, entryPoints: ["src/extension/extension.ts"], outfile: join(dist, "web", "extension.js"), external: ["vscode"], platform: "browser", format: "cjs", target: "es2022", mainFields: ["browser", "module", "main"] },
  // The preview page: a browser bundle (chart.js and its plugins inside, nothing loaded from the network).
  { ...common, entryPoints: ["src/webview/main.ts"], outfile: join(dist, "webview", "preview.js"), platform: "browser", format: "iife", target: "es2022", mainFields: ["browser", "module", "main"] },
];
if (tests) {
  rmSync(testOut, { recursive: true, force: true });
  builds.push({ ...common, entryPoints: testEntries("test"), outdir: testOut, outbase: "test", external: ["vscode"] });
}

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
