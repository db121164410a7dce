// Lint: typescript-eslint with type information, and the boundary that keeps src/core pure.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const nodeBuiltins = ["fs", "path", "os", "child_process", "url", "util", "crypto", "process", "worker_threads", "stream", "events", "vm"];
// Nothing under src/ runs code or starts processes (issue 9; test/security/no-exec.test.ts checks the same).
const executing = ["child_process", "vm", "worker_threads"].flatMap((name) => [name, `node:${name}`]);

export default tseslint.config(
  { ignores: ["dist/**", "out/**", "node_modules/**", ".vscode-test*/**", "test/fixtures/**", "media/**", "**/*.js", "**/*.mjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-eval": "error",
      "no-new-func": "error",
      "no-restricted-syntax": [
        "error",
        { selector: "CallExpression[callee.name='eval']", message: "Never evaluate text as code." },
        { selector: "NewExpression[callee.name='Function']", message: "Never evaluate text as code." },
      ],
    },
  },
  {
    // Before the src/core block, which replaces this rule there with its stricter list.
    files: ["src/**/*.ts"],
    ignores: ["src/cli.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: executing.map((name) => ({ name, message: "LR Scope never runs code or starts processes." })) }],
    },
  },
  {
    // The core is shared by the extension host, the webview and the CLI: no editor, no Node, no DOM.
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "vscode", message: "src/core must not depend on VS Code." }, ...nodeBuiltins.map((name) => ({ name, message: "src/core must not depend on Node." }))],
          patterns: [{ group: ["node:*"], message: "src/core must not depend on Node." }],
        },
      ],
    },
  },
);
