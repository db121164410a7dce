// Truncated and garbled scripts (as an editor sees them while the user types): readSchedules never throws,
// never fails as a whole, and every range it reports lies inside the file.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { SourceRange } from "../../../src/core/range";
import { evaluate } from "../../../src/core/evaluate";
import { readSchedules } from "../../../src/dialects";
import { fixture, golden } from "./helpers";

function inside(range: SourceRange | undefined, text: string, what: string): void {
  if (!range) return;
  const lines = text.split("\n");
  const ok =
    range.startLine >= 0 &&
    range.endLine < lines.length &&
    (range.startLine < range.endLine || (range.startLine === range.endLine && range.startColumn <= range.endColumn)) &&
    range.startColumn >= 0 &&
    range.startColumn <= lines[range.startLine]!.length &&
    range.endColumn >= 0 &&
    range.endColumn <= lines[range.endLine]!.length;
  assert.ok(ok, `${what}: range ${JSON.stringify(range)} outside the ${text.length}-char file`);
}

function check(text: string, what: string): void {
  let result: ReturnType<typeof readSchedules>;
  try {
    result = readSchedules("train.py", text, {});
  } catch (e) {
    assert.fail(`${what}: readSchedules threw ${String(e)}`);
  }
  assert.ok(!result.problems.some((p) => p.code === "reader-failed"), `${what}: ${result.problems.map((p) => p.message).join("; ")}`);
  for (const p of result.problems) inside(p.range, text, `${what} ${p.code}`);
  for (const s of result.schedules) {
    inside(s.source, text, `${what} source`);
    for (const p of s.problems) inside(p.range, text, `${what} ${p.code}`);
    for (const a of s.assumptions) inside(a.range, text, `${what} assumption`);
    if (s.total !== undefined && s.total.value <= 100_000) {
      const c = evaluate(s);
      for (const p of c.problems) inside(p.range, text, `${what} curve ${p.code}`);
    }
  }
}

/** A small deterministic generator, so a failure names a reproducible case. */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

void describe("readSchedules on truncated and garbled scripts", () => {
  void it("every prefix (step 7) of every golden torch script", () => {
    for (const id of ["torch-multistep-argparse", "torch-sequential-warmup-cosine", "torch-onecycle-per-batch", "torch-lambda-exponential", "torch-param-groups-steplr", "torch-cyclic-triangular2"]) {
      const g = golden(id);
      const text = g.files[g.entry]!;
      for (let n = 0; n <= text.length; n += 7) check(text.slice(0, n), `${id}[:${n}]`);
    }
  });

  void it("every prefix (step 7) of the realistic scripts", () => {
    for (const name of ["imagenet.py", "lambda_def.py", "seq_argparse.py", "helper_batch.py", "world.py", "while_loop.py"]) {
      const text = fixture(name);
      for (let n = 0; n <= text.length; n += 7) check(text.slice(0, n), `${name}[:${n}]`);
    }
  });

  void it("random deletions, duplications and stray brackets", () => {
    const sources = [fixture("imagenet.py"), fixture("lambda_def.py"), fixture("gan.py"), golden("torch-sequential-warmup-cosine").files["train.py"]!];
    const junk = ["(", ")", "[", "]", ":", "lambda", " if ", "**", "=", "\n    ", ",", "'", '"""', "def ", "\\", "*", "@", "global x\n"];
    for (const [k, source] of sources.entries()) {
      const rnd = lcg(k + 1);
      for (let trial = 0; trial < 150; trial++) {
        let text = source;
        const edits = 1 + Math.floor(rnd() * 4);
        for (let e = 0; e < edits; e++) {
          const at = Math.floor(rnd() * text.length);
          const kind = rnd();
          if (kind < 0.4) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(rnd() * 12));
          else if (kind < 0.8) text = text.slice(0, at) + junk[Math.floor(rnd() * junk.length)]! + text.slice(at);
          else text = text.slice(0, at) + text.slice(Math.max(0, at - 30), at) + text.slice(at);
        }
        check(text, `source ${k} trial ${trial}`);
      }
    }
  });

  void it("empty, whitespace-only and binary-ish input", () => {
    for (const text of ["", "\n\n", "\t", "\u0000\u0001", "lambda", "def", "for", "while", "import", "from . import", "x = (", "])}", "\r\n\r\n", "\uFEFFimport torch\n"]) check(text, JSON.stringify(text));
  });
});
