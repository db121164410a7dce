// `npm run fuzz -- --runs N [--seed S --path P] [--only NAME] [--trace FILE]`: builds the tests privately (a
// temporary folder, so parallel builds of out/ and dist/ are left alone) and runs the fuzz properties (test/fuzz) with
// N runs per property (default 1000). --seed and --path replay a failure fast-check printed (each property
// prints its seed first, for a run that hangs); --only runs the properties whose name contains NAME (a dialect,
// or "readSchedules"); --trace FILE writes each case to FILE before it is read (a hang leaves it there).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return undefined;
  return args[i].includes("=") ? args[i].slice(args[i].indexOf("=") + 1) : args[i + 1];
};
const runs = option("--runs") ?? "1000";
if (!/^[1-9]\d*$/.test(runs)) {
  console.error(`fuzz: --runs needs a positive integer, got ${runs}`);
  process.exit(2);
}

const out = mkdtempSync(join(tmpdir(), "lrscope-fuzz-"));
try {
  const build = spawnSync(process.execPath, ["build.mjs", "--tests", "--out", out], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const env = { ...process.env, LRSCOPE_FUZZ_RUNS: runs };
  for (const [flag, name] of [["--seed", "LRSCOPE_FUZZ_SEED"], ["--path", "LRSCOPE_FUZZ_PATH"], ["--only", "LRSCOPE_FUZZ_ONLY"], ["--trace", "LRSCOPE_FUZZ_TRACE"]]) {
    const value = option(flag);
    if (value !== undefined) env[name] = value;
  }
  console.log(`fuzz: ${runs} runs per property`);
  const test = spawnSync(process.execPath, ["--test", join(out, "test", "fuzz")], { cwd: root, stdio: "inherit", env });
  process.exitCode = test.status ?? 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
