// The pure pieces of the editor features: epoch and input boxes, the inputs offered, the status bar text,
// and the workspace tree's grouping and exclude globs.
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseEpoch, parsePositive } from "../../../src/extension/format/epochInput";
import { commentName, inputChoices, mergeInputs } from "../../../src/extension/format/inputs";
import { lrAtEpoch, statusText, statusTooltipLines } from "../../../src/extension/format/status";
import { excludeGlob, expandBraces, globToRegExp, groupByFolder, isExcluded } from "../../../src/extension/format/tree";
import { read, script } from "../../core/lint/helpers";

void test("parseEpoch accepts numbers ≥ 0 and explains the rest", () => {
  assert.deepEqual(parseEpoch(" 30 "), { epoch: 30 });
  assert.deepEqual(parseEpoch("2.5"), { epoch: 2.5 });
  assert.deepEqual(parseEpoch("-1"), { error: "The epoch is counted from 0: it cannot be negative" });
  assert.deepEqual(parseEpoch("ten"), { error: "ten is not a number" });
  assert.ok("error" in parseEpoch(""));
});

void test("parsePositive: a number, empty clears, the rest is an error", () => {
  assert.deepEqual(parsePositive("1_251"), { value: 1251 });
  assert.deepEqual(parsePositive(""), { value: undefined });
  assert.ok("error" in parsePositive("0"));
  assert.ok("error" in parsePositive("x"));
});

void test("inputChoices puts the needed inputs first, with their reasons", () => {
  const choices = inputChoices([{ input: "stepsPerEpoch", message: "len(train_loader) depends on the dataset" }, { input: "devices", message: "world size", value: 1 }], { datasetSize: 5 }, { datasetSize: 5, devices: 8 });
  assert.deepEqual(
    choices.map((c) => [c.input, c.needed, c.used]),
    [
      ["stepsPerEpoch", true, true],
      ["datasetSize", false, false],
      ["devices", false, true],
      ["gradientAccumulation", false, false],
      ["totalSteps", false, false],
      ["epochs", false, false],
    ],
  );
  assert.deepEqual(choices[0]!.reasons, ["len(train_loader) depends on the dataset"]);
  assert.equal(choices[2]!.effective, 8);
  assert.equal(commentName("stepsPerEpoch"), "steps_per_epoch");
  assert.deepEqual(mergeInputs({ devices: 8, datasetSize: 5 }, { devices: undefined, stepsPerEpoch: 500 }), { datasetSize: 5, stepsPerEpoch: 500 });
});

void test("status bar text: LR at the chosen epoch, past the end, missing input", () => {
  const sgd = "optimizer = torch.optim.SGD(model.parameters(), lr=0.1)";
  const step = read(script(`${sgd}\nscheduler = StepLR(optimizer, step_size=30, gamma=0.1)`));
  assert.equal(statusText([step], 30), "$(graph-line) LR 0.01 @ ep 30");
  assert.equal(statusText([step, step], 0), "$(graph-line) LR 0.1 @ ep 0 (+1)");
  assert.equal(statusText([step], 90), "$(graph-line) LR: ep 90 is past the end");
  assert.equal(statusText([], 0), undefined);
  const unknown = read(script(`${sgd}\nscheduler = CosineAnnealingLR(optimizer, T_max=90 * len(train_loader))`, { perBatch: true }), {});
  assert.deepEqual(lrAtEpoch(unknown.schedule, unknown.curve, 3), { missing: "curve" });
  assert.equal(statusText([unknown], 3), "$(graph-line) LR: needs input");
  assert.deepEqual(statusTooltipLines([step], 60), ["scheduler (pytorch, line 6): 0.001"]);
});

void test("groupByFolder: folders sorted, files without schedules dropped", () => {
  const s = [{ name: "s", line: 0, summary: "x" }];
  const groups = groupByFolder([
    { relativePath: "configs/b.yaml", uri: "u2", schedules: s },
    { relativePath: "train.py", uri: "u1", schedules: s },
    { relativePath: "configs/a.json", uri: "u3", schedules: s },
    { relativePath: "configs/empty.py", uri: "u4", schedules: [] },
  ]);
  assert.deepEqual(
    groups.map((g) => [g.folder, g.files.map((f) => f.relativePath)]),
    [
      ["", ["train.py"]],
      ["configs", ["configs/a.json", "configs/b.yaml"]],
    ],
  );
});

void test("exclude globs: VS Code's ** and braces, files.exclude merged with lrscope.exclude", () => {
  assert.ok(globToRegExp("**/node_modules/**").test("a/node_modules/x/y.py"));
  assert.ok(globToRegExp("**/node_modules/**").test("node_modules/y.py"));
  assert.ok(!globToRegExp("**/node_modules/**").test("src/modules/y.py"));
  assert.ok(globToRegExp("**/*.{py,json}").test("a/b.json"));
  assert.ok(globToRegExp("**/.git").test(".git/config"));
  assert.ok(isExcluded("out/x.py", ["out/**"]));
  assert.ok(!isExcluded("src/x.py", ["out/**"]));
  assert.deepEqual(expandBraces("**/*.{a,b{c,d}}"), ["**/*.a", "**/*.bc", "**/*.bd"]);
  assert.equal(excludeGlob({ "**/.git": true, "**/*.{tmp,bak}": true, "**/x": false, "**/*.js": { when: "$(basename).ts" } }, ["**/.venv/**"]), "{**/.git,**/*.tmp,**/*.bak,**/.venv/**}");
  assert.equal(excludeGlob({}, []), undefined);
});
