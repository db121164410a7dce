// Lezer's incremental parse (a file's previous parse reused after an edit, src/parse/python/syntax.ts) must
// give the tree a full parse gives: the readers walk named nodes, so both trees' named nodes (name, from, to),
// in order, are compared after many edits of real scripts — typing, deleting, pasting lines, breaking brackets
// and indentation, and edits that cross the reused parts.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { PythonFile } from "../../../src/parse/python/syntax";

function dump(file: PythonFile): string {
  const out: string[] = [];
  file.tree.iterate({ enter: (n) => void out.push(`${n.name}:${n.from}-${n.to}`) });
  return out.join(" ");
}

function pyFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...pyFiles(p));
    else if (e.name.endsWith(".py")) out.push(p);
  }
  return out;
}

/** mulberry32: deterministic edits. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const snippets = ["x", "1", "(", ")", "[", "]", ":", "\n", "    ", " ", "#", "'", '"', '"""', "=", ",", "\\\n", "lr=0.1", "def f(a):\n    return a\n", "if x:\n", "\t", "elif", "else:\n  pass\n"];

function edit(text: string, r: () => number): string {
  const at = Math.floor(r() * (text.length + 1));
  const kind = r();
  if (kind < 0.45) return text.slice(0, at) + snippets[Math.floor(r() * snippets.length)]! + text.slice(at);
  if (kind < 0.8) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(r() * 40)));
  // Copy a line elsewhere (paste).
  const lines = text.split("\n");
  const line = lines[Math.floor(r() * lines.length)]!;
  lines.splice(Math.floor(r() * lines.length), 0, line);
  return lines.join("\n");
}

void test("incremental parses after edits give the same named nodes as full parses", () => {
  const files = [...pyFiles("test/fixtures"), ...pyFiles("test/dialects")];
  assert.ok(files.length >= 5, `fixtures: ${files.length}`);
  let compared = 0;
  for (const [i, path] of files.entries()) {
    const r = rng(1000 + i);
    let text = readFileSync(path, "utf8");
    let previous = new PythonFile(path, text);
    for (let k = 0; k < 25; k++) {
      text = edit(text, r);
      const incremental = new PythonFile(path, text, previous);
      const full = new PythonFile(path, text);
      assert.equal(dump(incremental), dump(full), `${path}, edit ${k}`);
      assert.deepEqual(incremental.errors(), full.errors());
      previous = incremental;
      compared++;
    }
  }
  assert.ok(compared >= 125);
});

void test("an incremental parse from a different text (not an edit of it) is still a full parse's tree", () => {
  const a = "import torch\nopt = torch.optim.SGD(p, lr=0.1)\n";
  const b = "class A:\n    def f(self):\n        return [1, 2,\n";
  assert.equal(dump(new PythonFile("x.py", b, new PythonFile("x.py", a))), dump(new PythonFile("x.py", b)));
  assert.equal(dump(new PythonFile("x.py", "", new PythonFile("x.py", a))), dump(new PythonFile("x.py", "")));
});
