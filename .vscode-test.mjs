// @vscode/test-cli configuration, for a machine that can download VS Code (a developer's own): the same
// integration suites as `npm run test:vscode` (which runs them offline in code-server; see test/vscode/run.mjs),
// in desktop VS Code through @vscode/test-electron. Not used in CI. Build the suites first, then run:
//
//   node test/vscode/run.mjs --build-only
//   npx --package @vscode/test-cli@0.0.11 --package @vscode/test-electron@2.5.2 vscode-test
//
// The versions above still run on Node 20; newer ones need Node 22. `vscode-test --label empty` runs one.
// The suites' own runner (test/vscode/mocha.ts) is not used here: test-cli loads the *.test.js files itself.
const common = { version: "stable", mocha: { ui: "tdd", timeout: 30000 }, launchArgs: ["--disable-extensions", "--disable-workspace-trust"] };

export default [
  { ...common, label: "workspace", files: "out/vscode-tests/suite/*.test.js", workspaceFolder: "test/fixtures/workspace" },
  { ...common, label: "empty", files: "out/vscode-tests/suite-empty/*.test.js", workspaceFolder: "test/fixtures/empty" },
];
