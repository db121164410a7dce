import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { formatSummary, summarize } from "../../../src/core/summary";
import { api, closeAllEditors, coreSchedules, fixture, lensTitles, waitFor } from "../util";

/** Every fixture with a drawn schedule: one lens per schedule written in the file, its title the core's summary. */
const files = ["pytorch/steplr_imagenet.py", "pytorch/cosine_per_batch.py", "pytorch/warmup_stepped_twice.py", "timm/args.yaml", "deepspeed/ds_config.json", "lightning/config.yaml", "huggingface/sft_llama.yaml", "mmengine/faster-rcnn_r50_fpn_2x_coco_bs8.py"];

suite("CodeLens", () => {
  suiteTeardown(closeAllEditors);

  for (const file of files) {
    test(`${file}: titles are the core's summaries, on the schedules' lines, opening the preview`, async function () {
      await api();
      const document = await vscode.workspace.openTextDocument(fixture(file));
      await vscode.window.showTextDocument(document);
      const core = coreSchedules(document.uri, document.getText());
      const here = core.entries.filter((e) => e.schedule.source.file === document.uri.path);
      if (here.length === 0 && !file.startsWith("pytorch/")) this.skip(); // its reader has not landed
      assert.ok(here.length > 0, `the core reads a schedule in ${file}`);
      const expected = here.map((e) => ({ title: `$(graph-line) ${formatSummary(summarize(e.schedule, e.curve))}`, line: e.schedule.source.startLine, command: "lrscope.openPreview" }));
      const lenses = await waitFor(async () => {
        const found = await lensTitles(document.uri);
        return found.length >= expected.length ? found : undefined;
      }, `${expected.length} lenses in ${file}`);
      assert.deepEqual(
        lenses.map(({ title, line, command }) => ({ title, line, command })),
        expected,
      );
      for (const lens of lenses) assert.equal(String(lens.args[0]), document.uri.toString(), "the lens opens this file's preview");
    });
  }
});
