// The project's own Paddle cases (test/golden-own/paddle-*.json: numbers from a Python transcription of
// paddle/optimizer/lr.py and the suites' builders, not from this code), run the way the CLI runs them.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, it } from "node:test";
import { evaluate } from "../../../src/core/evaluate";
import { readSchedules } from "../../../src/dialects";

interface Golden {
  id: string;
  entry: string;
  files: Record<string, string>;
  options: { stepsPerEpoch?: number; devices?: number; totalSteps?: number };
  unit: string;
  total: number;
  lr: [number, number][];
  momentum?: [number, number][];
}

function goldenDir(): string {
  const candidates = [resolve(__dirname, "../../../../test/golden-own"), resolve(__dirname, "../../golden-own"), resolve(process.cwd(), "test/golden-own")];
  const found = candidates.find((d) => existsSync(join(d, "paddle-clas-cosine-warmup.json")));
  assert.ok(found, "test/golden-own not found");
  return found;
}

const close = (a: number | undefined, b: number): boolean => a !== undefined && Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b)) + 1e-15;

void describe("own paddle cases", () => {
  const dir = goldenDir();
  for (const file of readdirSync(dir).filter((f) => f.startsWith("paddle-"))) {
    const g = JSON.parse(readFileSync(join(dir, file), "utf8")) as Golden;
    void it(g.id, () => {
      const r = readSchedules(g.entry, g.files[g.entry]!, g.options, { read: (p) => g.files[p] });
      assert.ok(!r.problems.some((p) => p.severity === "error"), JSON.stringify(r.problems));
      const s = r.schedules[0]!;
      assert.equal(s.dialect, "paddle");
      const c = evaluate(s);
      assert.equal(c.unit, g.unit);
      assert.equal(c.total, g.total);
      for (const [t, v] of g.lr) assert.ok(close(c.groups[0]![t], v), `${g.id} lr[${t}]: ${c.groups[0]![t]} vs ${v}`);
      for (const [t, v] of g.momentum ?? []) assert.ok(close(c.momentum?.[0]![t], v), `${g.id} momentum[${t}]`);
    });
  }
});
