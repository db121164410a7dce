import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import type { Problem } from "../../../src/core/problem";
import type { ScheduleEntry } from "../../../src/extension/scheduleStore";
import { api, closeAllEditors, coreSchedules, fixture, lrOf } from "../util";

/**
 * One realistic file per framework (test/fixtures/workspace/README.md). The extension must show exactly what
 * the core reads in each: same schedules, same curves, same problems. A file that no reader takes yet (its
 * reader has not landed) is pending, except the PyTorch ones. `drawn`: whether the file (with its
 * `# lrscope:` comment) says enough to draw the curve.
 */
const files: readonly { file: string; framework: string; drawn: boolean; required?: boolean }[] = [
  { file: "pytorch/steplr_imagenet.py", framework: "PyTorch", drawn: true, required: true },
  { file: "pytorch/cosine_per_batch.py", framework: "PyTorch", drawn: true, required: true },
  { file: "pytorch/warmup_stepped_twice.py", framework: "PyTorch", drawn: true, required: true },
  // Strict JSON has no comment to give the dataset size: the length stays unknown, and is reported.
  { file: "huggingface/training_args.json", framework: "Hugging Face TrainingArguments", drawn: false },
  { file: "huggingface/sft_llama.yaml", framework: "Hugging Face (HfArgumentParser YAML)", drawn: true },
  { file: "timm/args.yaml", framework: "timm", drawn: true },
  { file: "mmengine/faster-rcnn_r50_fpn_2x_coco_bs8.py", framework: "MMEngine (_base_)", drawn: true },
  { file: "deepspeed/ds_config.json", framework: "DeepSpeed", drawn: true },
  { file: "lightning/config.yaml", framework: "Lightning CLI", drawn: true },
];

const describe = (problems: readonly Problem[]): string[] => problems.map((p) => `${p.severity} ${p.code}: ${p.message}`).sort();

suite("one file per framework", () => {
  suiteTeardown(closeAllEditors);

  for (const { file, framework, drawn, required } of files) {
    test(`${framework}: ${file}`, async function () {
      const document = await vscode.workspace.openTextDocument(fixture(file));
      const core = coreSchedules(document.uri, document.getText());
      if (core.entries.length === 0 && !required) {
        this.skip(); // No reader takes it yet.
      }
      assert.ok(core.entries.length > 0, `the core reads no schedule in ${file}`);
      const shown = await (await api()).schedulesOf(document.uri);
      assert.deepEqual(shown.dialects, core.dialects);
      assert.deepEqual(
        shown.entries.map((e) => ({ name: e.schedule.name, unit: e.curve.unit, total: e.curve.total })),
        core.entries.map((e) => ({ name: e.schedule.name, unit: e.curve.unit, total: e.curve.total })),
      );
      shown.entries.forEach((e, i) => assert.deepEqual(lrOf(e), lrOf(core.entries[i]!), `curve of ${e.schedule.name}`));
      const problemsOf = (d: { problems: readonly Problem[]; entries: readonly ScheduleEntry[] }): Problem[] => [...d.problems, ...d.entries.flatMap((e) => [...e.schedule.problems, ...e.curve.problems])];
      assert.deepEqual(describe(problemsOf(shown)), describe(problemsOf(core)), "problems");
      assert.equal(
        shown.entries.every((e) => e.curve.total > 0),
        drawn,
        drawn ? `${file} should say enough to draw its curve: ${describe(problemsOf(shown)).join("; ")}` : `${file} cannot say how long it trains`,
      );
    });
  }
});
