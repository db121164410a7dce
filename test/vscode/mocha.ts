// The mocha runner both suites' `run()` use inside the extension host (the launcher-independent entry:
// test/vscode/run.mjs and @vscode/test-electron both call `run()` of the index they are given).
import Mocha from "mocha";
import { readdirSync } from "node:fs";
import { join } from "node:path";

/** Files run last whatever their name: they leave the workbench as the screenshots show it. */
const last = ["screenshots.test.js"];

/**
 * Runs every `*.test.js` beside the bundled index. `LRSCOPE_TEST_GREP` selects tests by title. Prints one
 * machine-readable summary line that test/vscode/run.mjs counts.
 */
export function runMocha(dir: string): Promise<void> {
  const mocha = new Mocha({ ui: "tdd", color: false, timeout: 30_000, reporter: "spec", grep: process.env.LRSCOPE_TEST_GREP });
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".test.js"))
    .sort((a, b) => Number(last.includes(a)) - Number(last.includes(b)) || a.localeCompare(b));
  for (const f of files) mocha.addFile(join(dir, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const { passes, failures: failed, pending } = runner.stats ?? { passes: 0, failures: failures, pending: 0 };
      console.log(`[lrscope-suite] ${JSON.stringify({ passed: passes, failed, skipped: pending })}`);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}
