// Child processes of the harness. Each long-lived one is started in its own process group (detached) so that
// stopping it also stops everything it started (the server's extension host, file watchers, ptys...).
// `stopAll()` runs on normal exit, on SIGINT/SIGTERM and on the harness's own time-out.
import { spawn } from "node:child_process";

/** @type {Set<import("node:child_process").ChildProcess>} */
const groups = new Set();
/** @type {Array<() => Promise<void>>} */
const cleanups = [];

/** Runs a command to completion, inheriting stdio; rejects on a non-zero exit. */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", ...options, detached: true });
    groups.add(child);
    child.on("error", (e) => {
      groups.delete(child);
      reject(e);
    });
    child.on("exit", (code, signal) => {
      groups.delete(child);
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(" ")} exited with ${signal ?? code}`));
    });
  });
}

/** Starts a long-lived process in its own process group; `stopAll()` ends it. */
export function startGroup(command, args, options = {}) {
  const child = spawn(command, args, { ...options, detached: true });
  groups.add(child);
  child.on("exit", () => groups.delete(child));
  return child;
}

/** Something else to undo at the end (e.g. closing the browser), run before the process groups are killed. */
export function onCleanup(fn) {
  cleanups.push(fn);
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** Ends every process group the harness started: SIGTERM, then SIGKILL for what is left after a grace period. */
export async function stopAll() {
  for (const fn of cleanups.splice(0).reverse()) {
    try {
      await Promise.race([fn(), new Promise((r) => setTimeout(r, 5000))]);
    } catch {
      // Cleanup is best effort; the process groups are killed below anyway.
    }
  }
  const alive = [...groups];
  for (const child of alive) killGroup(child, "SIGTERM");
  const deadline = Date.now() + 3000;
  while (Date.now() < deadline && alive.some((c) => c.exitCode === null && c.signalCode === null)) await new Promise((r) => setTimeout(r, 100));
  // The group leader may have exited while its children linger: kill the whole group regardless.
  for (const child of alive) killGroup(child, "SIGKILL");
  groups.clear();
}

let exiting = false;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    if (exiting) return;
    exiting = true;
    console.error(`\n[vscode-test] ${signal}: stopping every process the harness started`);
    void stopAll().finally(() => process.exit(130));
  });
}
