// Starts the VS Code server bundled in code-server (its own server-main.js: the code-server CLI rejects the
// flags we need) on a free loopback port, with private data, home, temp and XDG directories.
import { createWriteStream, mkdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { startGroup } from "./processes.mjs";

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * @param {{ serverMain: string, runDir: string, workspace: string, logFile: string, env?: Record<string, string>, workspaceTrust?: boolean }} options
 *   workspaceTrust: keep workspace trust on (a fresh browser has trusted nothing: the folder opens in restricted mode)
 * @returns {Promise<{ port: number, origin: string }>}
 */
export async function startServer({ serverMain, runDir, workspace, logFile, env = {}, workspaceTrust = false }) {
  rmSync(runDir, { recursive: true, force: true });
  const dir = (name) => {
    const p = join(runDir, name);
    mkdirSync(p, { recursive: true });
    return p;
  };
  const port = await freePort();
  const args = [
    serverMain,
    "--host", "127.0.0.1",
    "--port", String(port),
    "--without-connection-token",
    "--accept-server-license-terms",
    "--enable-smoke-test-driver",
    "--disable-telemetry",
    ...(workspaceTrust ? [] : ["--disable-workspace-trust"]),
    "--server-data-dir", dir("server-data"),
    "--user-data-dir", dir("user-data"),
    "--extensions-dir", dir("extensions"),
    "--default-folder", workspace,
  ];
  const child = startGroup(process.execPath, args, {
    cwd: workspace,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      HOME: dir("home"),
      TMPDIR: dir("tmp"),
      XDG_CONFIG_HOME: dir("xdg/config"),
      XDG_DATA_HOME: dir("xdg/data"),
      XDG_CACHE_HOME: dir("xdg/cache"),
      XDG_RUNTIME_DIR: dir("xdg/runtime"),
      VSCODE_AGENT_FOLDER: dir("agent"),
      // No extension gallery: code-server would ask open-vsx.org, which these machines cannot resolve (a
      // DNS time-out of ~20 s that delays the start of the tests).
      EXTENSIONS_GALLERY: "{}",
      ...env,
    },
  });
  const logStream = createWriteStream(logFile);
  child.stdout.pipe(logStream, { end: false });
  child.stderr.pipe(logStream, { end: false });

  await new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`the VS Code server did not start within 60 s; see ${logFile}`)), 60_000);
    const onData = (chunk) => {
      seen = (seen + chunk.toString()).slice(-4000);
      if (seen.includes("Extension host agent listening on")) {
        clearTimeout(timer);
        child.stdout.off("data", onData);
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the VS Code server exited (${signal ?? code}) before listening; see ${logFile}`));
    });
  });
  return { port, origin: `http://127.0.0.1:${port}` };
}
