import assert from "node:assert/strict";
import { test } from "node:test";
import { pinnedVersion } from "../../src/dialects/versions";

const workspace: Record<string, string> = {
  "/w/requirements.txt": "torch==1.13.1\nultralytics>=8.0.100,<9\n# keras==2.0 is a comment here but still a pin line\n",
  "/w/sub/pyproject.toml": '[project]\ndependencies = ["transformers==4.41.2", "timm>=0.9"]\n[tool.poetry.dependencies]\nmmengine = "^0.10.3"\n',
  "/w/other/environment.yml": "dependencies:\n  - paddlepaddle-gpu=2.6.1\n",
};
const files = { read: (p: string) => workspace[p] };

void test("the nearest pin file wins, with the specifier and its range", () => {
  const torch = pinnedVersion(files, "/w/sub/train.py", "torch");
  assert.equal(torch?.version, "1.13.1");
  assert.equal(torch?.spec, "==1.13.1");
  assert.equal(torch?.range.file, "/w/requirements.txt");
  assert.equal(torch?.range.startLine, 0);
  assert.equal(pinnedVersion(files, "/w/sub/train.py", "transformers")?.version, "4.41.2");
  assert.equal(pinnedVersion(files, "/w/sub/train.py", "mmengine")?.spec, "^0.10.3");
  assert.equal(pinnedVersion(files, "/w/sub/train.py", "ultralytics")?.spec, ">=8.0.100");
});

void test("PEP 503 names: dashes, dots and underscores are one", () => {
  assert.equal(pinnedVersion(files, "/w/other/cfg.yaml", "paddlepaddle_gpu")?.version, "2.6.1");
});

void test("no pin: undefined, and files outside the entry's folders are not read", () => {
  assert.equal(pinnedVersion(files, "/w/sub/train.py", "optax"), undefined);
  assert.equal(pinnedVersion(files, "/w/sub/train.py", "paddlepaddle-gpu"), undefined);
});
