// Jupyter notebooks: the code cells in order as one Python program (IPython syntax blanked line for line), and
// every range mapped back to its cell.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, it } from "node:test";
import { evaluate } from "../../../src/core/evaluate";
import { lintSchedule } from "../../../src/core/lint";
import { usedAt, usedRanges } from "../../../src/core/locate";
import { formatLocation, type SourceRange } from "../../../src/core/range";
import { isSupportedFile, readSchedules } from "../../../src/dialects";
import { ipythonToPython, notebookProgram, parseIpynb, type Notebook } from "../../../src/parse/notebook";

const root = [resolve(__dirname, "../../.."), resolve(__dirname, "../../../.."), process.cwd()].find((d) => existsSync(join(d, "test/dialects/notebook/fixtures/finetune.ipynb"))) ?? process.cwd();
const fixtures = join(root, "test/dialects/notebook/fixtures");
const text = readFileSync(join(fixtures, "finetune.ipynb"), "utf8");
const notebook = (() => {
  const parsed = parseIpynb(text);
  assert.ok("notebook" in parsed);
  return parsed.notebook;
})();

/** The text a range covers in its cell, from the notebook's own cell source. */
function cellText(nb: Notebook, r: SourceRange): string {
  assert.ok(r.cell !== undefined, `${JSON.stringify(r)} has a cell`);
  const lines = nb.cells[r.cell]!.source.split("\n");
  if (r.startLine === r.endLine) return lines[r.startLine]!.slice(r.startColumn, r.endColumn);
  return [lines[r.startLine]!.slice(r.startColumn), ...lines.slice(r.startLine + 1, r.endLine), lines[r.endLine]!.slice(0, r.endColumn)].join("\n");
}

const round = (xs: Float64Array): number[] => Array.from(xs, (x) => Number(x.toPrecision(12)));

void describe("IPython syntax, line for line (IPython/core/inputtransformer2.py)", () => {
  void it("blanks escaped lines, magic and shell assignments and help, never inside strings or brackets", () => {
    const { lines } = ipythonToPython(
      [
        "!pip install -q timm",
        "%matplotlib inline",
        "files = !ls data/ \\",
        "   -la",
        "t = %timeit -o f()",
        "doc = '''",
        "%not a magic, a line of a string",
        "'''",
        "ok = (a",
        "      != b)",
        "x = 100 % 7",
        "model.fit?",
        "if True:",
        "    %time g()",
        "y = {'k': 1}  # is it? a comment",
      ].join("\n"),
    );
    assert.deepEqual(lines, [
      "pass",
      "pass",
      "files = get_ipython()",
      "",
      "t = get_ipython()",
      "doc = '''",
      "%not a magic, a line of a string",
      "'''",
      "ok = (a",
      "      != b)",
      "x = 100 % 7",
      "pass",
      "if True:",
      "    pass",
      "y = {'k': 1}  # is it? a comment",
    ]);
  });

  void it("cell magics: the whole cell is a call, but %%time and %%capture run their body as Python", () => {
    assert.deepEqual(ipythonToPython("%%bash\npython train.py --lr 0.3\n").lines, ["", "", ""]);
    assert.deepEqual(ipythonToPython("%%writefile cfg.py\nlr = 3\n").lines, ["", "", ""]);
    assert.deepEqual(ipythonToPython("%%time\nlr = 3\n!nvidia-smi").lines, ["", "lr = 3", "pass"]);
  });

  void it("leading_indent: the first line's indentation is removed from every line that has it, and remembered as a shift", () => {
    assert.deepEqual(ipythonToPython("  a = 1\n  b = 2\nc = 3"), { lines: ["a = 1", "b = 2", "c = 3"], shifts: [2, 2, 0] });
  });

  void it("joins the Python code cells in order, line for line, with the map back to the cells", () => {
    const program = notebookProgram(notebook);
    const programLines = program.text.split("\n");
    assert.equal(programLines.length, program.lines.length);
    // Markdown cells 0 and 3 are left out; every other line is its cell's line or blanked.
    assert.deepEqual([...new Set(program.lines.map((l) => l.cell))], [1, 2, 4, 5, 6, 7]);
    program.lines.forEach((l, i) => {
      const original = notebook.cells[l.cell]!.source.split("\n")[l.line]!;
      const line = programLines[i]!;
      assert.ok(line === original || line.trim() === "" || line.trim() === "pass" || line.endsWith("get_ipython()"), `${line} for ${original}`);
    });
  });
});

void describe("a notebook's schedules", () => {
  const result = readSchedules("finetune.ipynb", text, {});

  void it("are read by the Python readers from the cells in order: the optimizer in cell 4, MultiStepLR in cell 6, the loop in cell 7", () => {
    assert.ok(isSupportedFile("runs/finetune.ipynb"));
    assert.deepEqual(result.dialects, ["pytorch"]);
    assert.deepEqual(result.problems, []);
    assert.equal(result.schedules.length, 1);
    const s = result.schedules[0]!;
    assert.equal(s.name, "scheduler");
    // scheduler.step() once per epoch, after the inner loop over batches; epochs = 8 in cell 2.
    assert.equal(s.unit, "epoch");
    assert.equal(s.total?.value, 8);
    // torch.optim.lr_scheduler.MultiStepLR.get_lr (pytorch/pytorch torch/optim/lr_scheduler.py): the LR is
    // multiplied by gamma when last_epoch reaches a milestone: 0.1 for epochs 0-2, 0.1*0.1 for 3-5, *0.1 again
    // for 6-7 (milestone 12 never comes).
    assert.deepEqual(round(evaluate(s).groups[0]!), [0.1, 0.1, 0.1, 0.01, 0.01, 0.01, 0.001, 0.001]);
  });

  void it("carry ranges in the cells: file, cell index (markdown cells count), the cell's own lines and columns", () => {
    const s = result.schedules[0]!;
    assert.deepEqual(s.source, { file: "finetune.ipynb", cell: 6, startLine: 0, startColumn: 12, endLine: 0, endColumn: 93 });
    assert.equal(cellText(notebook, s.source), "torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones=[3, 6, 12], gamma=0.1)");
    // The base LR: `lr=lr` in cell 4, from `lr = 0.1` in cell 2.
    const ranges = usedRanges(s).map((u) => u.range);
    for (const r of ranges) assert.equal(r.file, "finetune.ipynb", "no range keeps the program's name");
    const texts = ranges.map((r) => `${r.cell}:${cellText(notebook, r)}`);
    assert.ok(texts.includes("4:0.1") || texts.includes("2:0.1"), texts.join(" | "));
    assert.ok(texts.includes("2:8"), texts.join(" | "));
    assert.ok(texts.includes("6:12"), texts.join(" | "));
    // Hover lookup: `gamma=0.1` in cell 6 is found in cell 6 only.
    const col = notebook.cells[6]!.source.indexOf("0.1");
    assert.equal(usedAt(s, "finetune.ipynb", 0, col + 1, 6)?.value?.value, 0.1);
    assert.equal(usedAt(s, "finetune.ipynb", 0, col + 1, 2), undefined);
    assert.equal(usedAt(s, "finetune.ipynb", 0, col + 1), undefined);
    assert.equal(formatLocation(s.source), "finetune.ipynb cell 7:1");
  });

  void it("the %%bash cell's launch line and the shell escapes are not read", () => {
    const cells = new Set(usedRanges(result.schedules[0]!).map((u) => u.range.cell));
    assert.ok(!cells.has(5) && !cells.has(1), [...cells].join(","));
  });

  void it("the schedule checks point into the cell: milestone 12 is past the 8 epochs", () => {
    const s = result.schedules[0]!;
    const [finding] = lintSchedule(s, evaluate(s), new Set()).filter((p) => p.code === "milestone-past-end");
    assert.ok(finding?.range);
    assert.equal(finding.range.cell, 6);
    assert.equal(cellText(notebook, finding.range), "12");
  });

  void it("not a Python notebook, not a notebook: nothing, or one problem", () => {
    const r = JSON.stringify({ cells: [{ cell_type: "code", source: ["opt <- optim_sgd(lr = 0.1)\n"], metadata: {} }], metadata: { kernelspec: { language: "R" } }, nbformat: 4, nbformat_minor: 5 });
    assert.deepEqual(readSchedules("r.ipynb", r), { schedules: [], problems: [], dialects: [] });
    const broken = readSchedules("broken.ipynb", '{"cells": [');
    assert.deepEqual(broken.problems.map((p) => [p.severity, p.code]), [["error", "notebook-unreadable"]]);
    const v3 = readSchedules("old.ipynb", JSON.stringify({ worksheets: [{ cells: [] }], nbformat: 3 }));
    assert.match(v3.problems[0]!.message, /nbformat 3/);
  });

  void it("a code cell of another language (VS Code's metadata.vscode.languageId) is left out, and cell indices stay", () => {
    const nb = JSON.parse(text) as { cells: { metadata: Record<string, unknown>; source: string[] }[] };
    nb.cells[2]!.metadata = { vscode: { languageId: "r" } };
    const r = readSchedules("finetune.ipynb", JSON.stringify(nb));
    // Without cell 2, `lr` and `epochs` are unknown, and say where they are used: `lr=lr` in cell 4, `range(epochs)` in cell 7.
    assert.equal(r.schedules.length, 1);
    const s = r.schedules[0]!;
    assert.equal(s.source.cell, 6);
    assert.equal(s.total, undefined);
    assert.ok(usedRanges(s).every((u) => u.range.cell !== 2));
    const lr = s.problems.find((p) => p.code === "value-not-static");
    assert.deepEqual([lr?.range?.cell, lr && cellText(notebook, lr.range!)], [4, "lr"]);
    const length = s.assumptions.find((a) => a.input === "totalSteps");
    assert.deepEqual([length?.range?.cell, length && cellText(notebook, length.range!)], [7, "range(epochs)"]);
  });
});

const cli = [resolve(__dirname, "../../../dist/cli.js"), resolve(__dirname, "../../../../dist/cli.js")].find((p) => existsSync(p));

void describe("lrscope curve on a notebook", { skip: cli === undefined ? "dist/cli.js not built" : false }, () => {
  void it("prints the curve of the notebook's schedule, its source with its cell; a missing input names its cell", () => {
    const r = spawnSync(process.execPath, [cli!, "curve", "finetune.ipynb", "--json"], { cwd: fixtures, encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout) as { schedules: { name: string; total: number; lr: number[]; source: { file: string; line: number; cell?: number } }[] };
    assert.equal(json.schedules.length, 1);
    // 1-based, as `line`: the seventh cell.
    assert.deepEqual(json.schedules[0]!.source, { file: "finetune.ipynb", line: 1, cell: 7 });
    assert.equal(json.schedules[0]!.total, 8);
    assert.deepEqual(json.schedules[0]!.lr.map((x) => Number(x.toPrecision(12))), [0.1, 0.1, 0.1, 0.01, 0.01, 0.01, 0.001, 0.001]);
  });

  void it("a missing input: one line with the notebook, the cell (1-based) and the line in it", () => {
    const dir = mkdtempSync(join(tmpdir(), "lrscope-nb-"));
    writeFileSync(join(dir, "nb.ipynb"), text.replace("epochs = 8", "epochs = len(train_loader)"));
    const r = spawnSync(process.execPath, [cli!, "curve", "nb.ipynb"], { cwd: dir, encoding: "utf8" });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^lrscope: nb\.ipynb cell 3:6: .*len\(train_loader\).*; pass --steps-per-epoch N\n$/);
  });
});
