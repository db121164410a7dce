// `npm run bench`: bundles the benchmark files with esbuild and runs them. Not part of `npm test`:
// timings are reported, never asserted.
import * as esbuild from "esbuild";
import { execFileSync } from "node:child_process";

const suites = ["bench/curve.ts"];
await esbuild.build({ entryPoints: suites, bundle: true, platform: "node", mainFields: ["module", "main"], format: "cjs", target: "node20", outdir: "out/bench", logLevel: "warning" });
for (const suite of suites) {
  const out = suite.replace(/^bench\//, "out/bench/").replace(/\.ts$/, ".js");
  execFileSync(process.execPath, [out, ...process.argv.slice(2)], { stdio: "inherit" });
}
