// `npm run bench`: builds the extension for production into a private temporary folder (so dist/ is left alone),
// bundles the benchmark suites with esbuild, runs each in its own Node process, prints a table and writes
// bench/results.json (issue #8's schema). Not part of `npm test`: timings are reported, never asserted.
//
// Options (passed to every suite): --quick (fewer repetitions, 1 torch run), --only <suite> (curve, decimate,
// hover, preview, workspace, activation), --wall (wall clock instead of CPU time), --torch-runs <n>.
// Environment: LRSCOPE_BENCH_PYTHON (default /usr/bin/python3, with Debian's python3-torch).
import * as esbuild from "esbuild";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;
const suites = ["curve", "decimate", "hover", "preview", "workspace", "activation"].filter((s) => !only || s === only);

const work = mkdtempSync(join(tmpdir(), "lrscope-bench-"));
try {
  const build = join(work, "build");
  execFileSync(process.execPath, ["build.mjs", "--production", "--out", build], { cwd: root, stdio: "inherit" });
  await esbuild.build({
    entryPoints: suites.map((s) => join(root, "bench", `${s}.ts`)),
    bundle: true,
    platform: "node",
    mainFields: ["module", "main"],
    format: "cjs",
    target: "node20",
    outdir: join(work, "bench"),
    logLevel: "warning",
  });

  const rowsFile = join(work, "rows.jsonl");
  writeFileSync(rowsFile, "");
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  const machine = `${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}, ${process.platform}`;
  console.log(`LR Scope benchmarks — ${machine}; times are ${args.includes("--wall") ? "wall clock" : "CPU time (user + system) of the measuring process"}`);
  for (const suite of suites) {
    console.log(`\n[${suite}]`);
    execFileSync(process.execPath, [join(work, "bench", `${suite}.js`), ...args.filter((a, i) => a !== "--only" && args[i - 1] !== "--only")], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, LRSCOPE_BENCH_OUT: rowsFile, LRSCOPE_BENCH_DIST: join(build, "dist"), LRSCOPE_BENCH_ROOT: root },
    });
  }

  const rows = readFileSync(rowsFile, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
  const fmt = (x) => (x === undefined ? "" : x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));
  console.log(`\n${"name".padEnd(44)} ${"ours ms".padStart(9)} ${"torch ms".padStart(9)} ${"ratio".padStart(7)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"bytes".padStart(10)}  target`);
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(44)} ${fmt(r.ours_ms).padStart(9)} ${fmt(r.baseline_ms).padStart(9)} ${(r.ratio === undefined ? "" : `${r.ratio.toFixed(0)}×`).padStart(7)} ${fmt(r.p50_ms).padStart(8)} ${fmt(r.p95_ms).padStart(8)} ${(r.bytes === undefined ? "" : r.bytes.toLocaleString("en-US")).padStart(10)}  ${r.target ? `${r.met ? "met" : "MISSED"} (${r.target})` : ""}`,
    );
  }
  const missed = rows.filter((r) => r.met === false).map((r) => r.name);
  console.log(missed.length === 0 ? "\nEvery target met." : `\nTargets missed: ${missed.join(", ")}`);

  // results.json: the issue's schema only (name, ours_ms, baseline_ms, baseline, ratio, p50_ms, p95_ms, bytes).
  if (!only) {
    const round = (x) => (x === undefined ? undefined : Math.round(x * 1000) / 1000);
    const results = rows.map((r) => ({ name: r.name, ours_ms: round(r.ours_ms), baseline_ms: round(r.baseline_ms), baseline: r.baseline, ratio: round(r.ratio), p50_ms: round(r.p50_ms), p95_ms: round(r.p95_ms), bytes: r.bytes }));
    writeFileSync(join(root, "bench", "results.json"), JSON.stringify(results, null, 1) + "\n");
    console.log("Wrote bench/results.json");
  } else console.log("(--only: bench/results.json left as it was)");
} finally {
  rmSync(work, { recursive: true, force: true });
}
