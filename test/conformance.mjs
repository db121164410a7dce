#!/usr/bin/env node
// Runs the shared conformance tool over the golden cases of every dialect LR Scope supports.
//
//   node test/conformance.mjs            # run the CLI (node dist/cli.js) on every supported case
//   node test/conformance.mjs --list     # print the chosen case files and exit 0
//
// The supported dialects are the case-name prefixes in test/conformance-dialects.json (one list, one
// place). Cases come from ../shared/golden when that folder exists (override its location with
// LRSCOPE_SHARED_DIR), otherwise from the copies in test/golden with the copy of the tool in test/tools.
// Nothing is ever skipped: a listed dialect without cases is a failure, and so is a shared case that
// has no identical copy in test/golden (so a clone without ../shared checks the same cases).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const localGolden = join(root, "test", "golden");
const localTool = join(root, "test", "tools", "conformance.mjs");

const args = process.argv.slice(2);
const listOnly = args.includes("--list");
const passThrough = args.filter((a) => a === "--verbose");
const unknown = args.filter((a) => a !== "--list" && a !== "--verbose");
if (unknown.length > 0) fail(`unknown argument ${unknown.join(" ")} (use --list or --verbose)`);

function fail(message) {
  console.error(`conformance: ${message}`);
  process.exit(1);
}

function isDir(p) {
  return existsSync(p) && statSync(p).isDirectory();
}

const prefixes = JSON.parse(readFileSync(join(root, "test", "conformance-dialects.json"), "utf8"));
if (!Array.isArray(prefixes) || prefixes.length === 0 || !prefixes.every((p) => typeof p === "string" && p)) {
  fail("test/conformance-dialects.json must be a non-empty JSON array of case-name prefixes");
}

const casesIn = (dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".json") && prefixes.some((p) => f.startsWith(p)))
    .sort();

const sharedDir = resolve(root, process.env.LRSCOPE_SHARED_DIR ?? join("..", "shared"));
const useShared = isDir(join(sharedDir, "golden"));
const goldenDir = useShared ? join(sharedDir, "golden") : localGolden;
const tool = useShared ? join(sharedDir, "tools", "conformance.mjs") : localTool;
if (!existsSync(tool)) fail(`conformance tool not found at ${tool}`);
if (!isDir(goldenDir)) fail(`no golden folder at ${goldenDir}`);

const names = casesIn(goldenDir);
for (const prefix of prefixes) {
  if (!names.some((f) => f.startsWith(prefix))) {
    fail(`no golden cases for supported dialect "${prefix}*" in ${goldenDir}; refusing to skip it`);
  }
}

// Keep test/golden in step with the shared cases, so CI without ../shared checks the same set.
let missingCopies = [];
if (useShared) {
  const sameCopy = (f) => {
    const copy = join(localGolden, f);
    return existsSync(copy) && readFileSync(copy, "utf8") === readFileSync(join(goldenDir, f), "utf8");
  };
  missingCopies = names.filter((f) => !sameCopy(f));
  if (missingCopies.length > 0) {
    console.log(`warning: test/golden lacks up-to-date copies of ${missingCopies.join(", ")} (copy them from ${goldenDir})`);
  }
}

const cases = names.map((f) => join(goldenDir, f));
console.log(`conformance: ${cases.length} cases (${prefixes.join(" ")}) from ${goldenDir}`);
if (listOnly) {
  for (const c of cases) console.log(c);
  process.exit(0);
}

const run = spawnSync(process.execPath, [tool, "--cli", "node dist/cli.js", ...passThrough, ...cases], {
  cwd: root,
  stdio: "inherit",
});
if (run.error) fail(`could not run ${tool}: ${run.error.message}`);
const code = run.status ?? 1;
if (missingCopies.length > 0) fail(`${missingCopies.length} golden case(s) missing or out of date in test/golden`);

// The project's own cases for frameworks without published ones (numbers transcribed from each framework's
// code), through the same CLI contract.
const ownDir = join(root, "test", "golden-own");
const own = isDir(ownDir) ? readdirSync(ownDir).filter((f) => f.endsWith(".json")).sort().map((f) => join(ownDir, f)) : [];
let ownCode = 0;
if (own.length > 0) {
  console.log(`conformance: ${own.length} own cases from test/golden-own`);
  const ownRun = spawnSync(process.execPath, [tool, "--cli", "node dist/cli.js", ...passThrough, ...own], { cwd: root, stdio: "inherit" });
  ownCode = ownRun.status ?? 1;
}
process.exit(code || ownCode);
