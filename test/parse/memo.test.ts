// The parse memo shared by every reader: one parse per (file, text), least recently used out first, and the
// file's previous parse handed to the parser (for lezer's incremental parse after an edit).
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseJsonConfig, parseYamlConfig } from "../../src/parse/config";
import { ParseMemo } from "../../src/parse/memo";
import { parsePython } from "../../src/parse/python/syntax";

function counting(maxEntries?: number, maxChars?: number) {
  const calls: { file: string; text: string; previous: string | undefined }[] = [];
  const memo = new ParseMemo<string>(
    (file, text, previous) => {
      calls.push({ file, text, previous });
      return `${file}:${text}`;
    },
    maxEntries,
    maxChars,
  );
  return { memo, calls };
}

void test("one parse per (file, text): the same file with the same text is parsed once", () => {
  const { memo, calls } = counting();
  assert.equal(memo.get("a.py", "x = 1"), "a.py:x = 1");
  assert.equal(memo.get("a.py", "x = 1"), "a.py:x = 1");
  // A text built again (not the same string object) is the same key.
  assert.equal(memo.get("a.py", ["x", "=", "1"].join(" ")), "a.py:x = 1");
  // The same text under another name is another file (ranges carry the file name).
  assert.equal(memo.get("b.py", "x = 1"), "b.py:x = 1");
  assert.deepEqual(
    calls.map((c) => c.file),
    ["a.py", "b.py"],
  );
});

void test("the file's most recent parse is handed to the parser as `previous`", () => {
  const { memo, calls } = counting();
  memo.get("a.py", "v1");
  memo.get("b.py", "w1");
  memo.get("a.py", "v2");
  memo.get("a.py", "v1"); // a hit: v1 is now a.py's most recent parse
  memo.get("a.py", "v3");
  assert.deepEqual(
    calls.map((c) => [c.file, c.text, c.previous]),
    [
      ["a.py", "v1", undefined],
      ["b.py", "w1", undefined],
      ["a.py", "v2", "a.py:v1"],
      ["a.py", "v3", "a.py:v1"],
    ],
  );
});

void test("bounded: the least recently used entry goes first, by count and by characters", () => {
  const { memo, calls } = counting(2);
  memo.get("a", "1");
  memo.get("b", "1");
  memo.get("a", "1"); // a is now more recent than b
  memo.get("c", "1"); // evicts b
  assert.equal(memo.size, 2);
  memo.get("a", "1");
  memo.get("b", "1"); // parsed again
  assert.deepEqual(
    calls.map((c) => c.file),
    ["a", "b", "c", "b"],
  );
  // An evicted file has no previous parse left.
  assert.equal(calls[3]!.previous, undefined);

  const chars = counting(64, 10);
  chars.memo.get("a", "123456");
  chars.memo.get("b", "123456"); // 12 characters > 10: a goes
  assert.equal(chars.memo.size, 1);
  chars.memo.get("c", "x".repeat(11)); // longer than the bound: parsed, never kept
  chars.memo.get("c", "x".repeat(11));
  assert.equal(chars.memo.size, 1);
  assert.equal(chars.calls.filter((c) => c.file === "c").length, 2);
});

void test("parsePython, parseYamlConfig and parseJsonConfig share one parse per (file, text)", () => {
  const text = "import torch\noptimizer = torch.optim.SGD(params, lr=0.1)\n";
  const a = parsePython("/w/train.py", text);
  assert.equal(parsePython("/w/train.py", `${text}`), a);
  assert.notEqual(parsePython("/w/other.py", text), a);
  assert.equal(a.rangeOf(a.tree.topNode).file, "/w/train.py");
  const yaml = "lr: 0.1\nepochs: 90\n";
  assert.equal(parseYamlConfig("/w/a.yaml", yaml), parseYamlConfig("/w/a.yaml", yaml));
  assert.notEqual(parseYamlConfig("/w/b.yaml", yaml), parseYamlConfig("/w/a.yaml", yaml));
  const json = '{"lr": 0.1}';
  assert.equal(parseJsonConfig("/w/a.json", json), parseJsonConfig("/w/a.json", json));
});
