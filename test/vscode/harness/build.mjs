// Bundles the integration suites with esbuild into out/vscode-tests/<suite>/:
// - the Node extension host's suites (suite, suite-empty, suite-untrusted): each `index.ts` (the entry the host runs) and each
//   `*.test.ts` on its own, `vscode` and `mocha` left external (the host provides the first; the second must be
//   the very module the index runs, resolved from node_modules);
// - the web-worker host's suite (suite-web): one browser bundle, mocha's browser build and the tests inside.
import * as esbuild from "esbuild";
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

export const SUITES = ["suite", "suite-empty", "suite-untrusted"];
export const WEB_SUITE = "suite-web";

export async function buildSuites(root) {
  const outdir = join(root, "out/vscode-tests");
  rmSync(outdir, { recursive: true, force: true });
  const entryPoints = [];
  for (const suite of SUITES) {
    const dir = join(root, "test/vscode", suite);
    for (const f of readdirSync(dir)) if (f === "index.ts" || f.endsWith(".test.ts")) entryPoints.push(join(dir, f));
  }
  const common = {
    absWorkingDir: root,
    bundle: true,
    format: "cjs",
    sourcemap: "inline",
    // jsonc-parser's UMD build hides its requires from esbuild; its ESM build bundles cleanly (as in build.mjs).
    mainFields: ["module", "main"],
    logLevel: "warning",
  };
  await esbuild.build({ ...common, entryPoints, outdir, outbase: join(root, "test/vscode"), platform: "node", target: "node20", external: ["vscode", "mocha"] });
  await esbuild.build({
    ...common,
    entryPoints: [join(root, "test/vscode", WEB_SUITE, "index.ts")],
    outfile: join(outdir, WEB_SUITE, "index.js"),
    platform: "browser",
    target: "es2022",
    mainFields: ["browser", "module", "main"],
    external: ["vscode"],
    sourcemap: false,
    // mocha's browser build reads these; a worker has neither.
    define: { global: "globalThis" },
  });
  return outdir;
}
