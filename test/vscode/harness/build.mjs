// Bundles the integration suites with esbuild into out/vscode-tests/<suite>/: each `index.ts` (the entry the
// extension host runs) and each `*.test.ts` on its own, `vscode` and `mocha` left external (the host provides
// the first; the second must be the very module the index runs, resolved from node_modules).
import * as esbuild from "esbuild";
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

export const SUITES = ["suite", "suite-empty"];

export async function buildSuites(root) {
  const outdir = join(root, "out/vscode-tests");
  rmSync(outdir, { recursive: true, force: true });
  const entryPoints = [];
  for (const suite of SUITES) {
    const dir = join(root, "test/vscode", suite);
    for (const f of readdirSync(dir)) if (f === "index.ts" || f.endsWith(".test.ts")) entryPoints.push(join(dir, f));
  }
  await esbuild.build({
    absWorkingDir: root,
    entryPoints,
    outdir,
    outbase: join(root, "test/vscode"),
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    sourcemap: "inline",
    // jsonc-parser's UMD build hides its requires from esbuild; its ESM build bundles cleanly (as in build.mjs).
    mainFields: ["module", "main"],
    external: ["vscode", "mocha"],
    logLevel: "warning",
  });
  return outdir;
}
