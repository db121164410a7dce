// Opens the workbench in headless Debian chromium (playwright-core, never a downloaded browser) with the
// extension under development and its tests handed over in the `payload` URL parameter, then waits for the
// tests' exit code (window.codeAutomationExit) while collecting the extension host's console
// (window.codeAutomationLog), the page's console, and screenshots the suite asks for.
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { format } from "node:util";
import { chromium } from "playwright-core";
import { onCleanup } from "./processes.mjs";
import { requestHandler } from "./requests.mjs";

const CHROMIUM = "/usr/bin/chromium";

/** The console call's arguments as the console would print them (mocha's reporter passes format strings). */
function formatArgs(args) {
  return Array.isArray(args) ? format(...args) : format(args);
}

/**
 * @param {{ origin: string, url?: string, workspace: string, extensionPath: string, testsPath: string, timeoutMs: number,
 *   hostLog: string, pageLog: string, screenshotDir: string, requestDir: string, label: string, echo: boolean }} o
 * @returns {Promise<number>} the tests' exit code (1 when they never reported one)
 */
export async function runInWorkbench(o) {
  const remote = (path) => `vscode-remote://${new URL(o.origin).host}${path}`;
  const payload = [
    ["extensionDevelopmentPath", remote(o.extensionPath)],
    ["extensionTestsPath", remote(o.testsPath)],
  ];
  // `url`: a workbench that already knows the extension and tests (the web host of @vscode/test-web).
  const url = o.url ?? `${o.origin}/?folder=${encodeURIComponent(o.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking"],
  });
  onCleanup(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();

  const started = Date.now();
  writeFileSync(o.hostLog, "");
  writeFileSync(o.pageLog, "");
  let resolveExit;
  const exited = new Promise((resolve) => (resolveExit = resolve));
  await page.exposeFunction("codeAutomationLog", (type, args) => {
    const line = `${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s [${type}] ${formatArgs(args)}`;
    appendFileSync(o.hostLog, line + "\n");
    if (o.echo) console.log(`  ${line}`);
  });
  await page.exposeFunction("codeAutomationExit", (code) => resolveExit(Number(code)));
  page.on("console", (m) => appendFileSync(o.pageLog, `[${m.type()}] ${m.text()}\n`));
  page.on("pageerror", (e) => appendFileSync(o.pageLog, `[pageerror] ${e.stack ?? e.message}\n`));

  // Requests of the suite (screenshots, reading the preview's chart, keys): harness/requests.mjs.
  rmSync(o.requestDir, { recursive: true, force: true });
  mkdirSync(o.requestDir, { recursive: true });
  const handle = requestHandler({ requestDir: o.requestDir, screenshotDir: o.screenshotDir, label: o.label, log: (m) => console.log(`[vscode-test] ${m}`) });
  let busy = false;
  const poll = setInterval(() => {
    if (busy) return;
    busy = true;
    void handle(page)
      .catch((e) => console.error(`[vscode-test] request handling failed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => (busy = false));
  }, 100);
  onCleanup(async () => clearInterval(poll));

  await page.goto(url);
  const timeout = new Promise((resolve) => setTimeout(() => resolve("timeout"), o.timeoutMs));
  const code = await Promise.race([exited, timeout]);
  clearInterval(poll);
  // A last picture of the workbench as the tests left it: useful when a run fails or times out.
  try {
    await page.screenshot({ path: join(o.screenshotDir, `${o.label}-end.png`) });
  } catch {
    // The page may be gone.
  }
  if (code === "timeout") {
    console.error(`[vscode-test] ${o.label}: the tests did not finish within ${o.timeoutMs / 1000} s`);
    return 1;
  }
  return code;
}
