// The project's own golden cases (test/golden-own/*.json) for frameworks without published ones: numbers
// transcribed from each framework's own code, not from ours. Every case is read and evaluated in process here
// (the reader named by the case's `dialect` must take it, without errors); `npm run test:conformance` also runs
// them through the CLI contract.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, it } from "node:test";
import { evaluate } from "../../src/core/evaluate";
import { readSchedules } from "../../src/dialects";

interface Golden {
  id: string;
  dialect: string;
  entry: string;
  files: Record<string, string>;
  options?: { stepsPerEpoch?: number; devices?: number; totalSteps?: number };
  unit: string;
  total: number;
  lr: [number, number][];
  momentum?: [number, number][];
  extra?: Record<string, [number, number][]>;
}

/** The folder from the bundled test (out/test/dialects) or from the sources. */
function ownDir(): string {
  const candidates = [resolve(__dirname, "../../../test/golden-own"), resolve(__dirname, "../../../../test/golden-own"), resolve(process.cwd(), "test/golden-own")];
  const found = candidates.find((d) => existsSync(d) && readdirSync(d).some((f) => f.endsWith(".json")));
  assert.ok(found, "test/golden-own not found");
  return found;
}

const close = (a: number | undefined, b: number): boolean => a !== undefined && Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b)) + 1e-15;

void describe("own golden cases", () => {
  const dir = ownDir();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    const g = JSON.parse(readFileSync(join(dir, file), "utf8")) as Golden;
    void it(`${g.dialect}: ${g.id}`, () => {
      const r = readSchedules(g.entry, g.files[g.entry]!, g.options ?? {}, { read: (p) => g.files[p] });
      assert.ok(!r.problems.some((p) => p.severity === "error"), JSON.stringify(r.problems));
      const s = r.schedules[0];
      assert.ok(s, `${g.id}: no schedule`);
      assert.equal(s.dialect, g.dialect);
      const c = evaluate(s);
      assert.equal(c.unit, g.unit);
      assert.equal(c.total, g.total);
      for (const [t, v] of g.lr) assert.ok(close(c.groups[0]![t], v), `${g.id} lr[${t}]: ${c.groups[0]![t]} vs ${v}`);
      for (const [t, v] of g.momentum ?? []) assert.ok(close(c.momentum?.[0]?.[t], v), `${g.id} momentum[${t}]`);
      for (const [name, points] of Object.entries(g.extra ?? {})) {
        const k = Number(name.replace("group", ""));
        for (const [t, v] of points) assert.ok(close(c.groups[k]?.[t], v), `${g.id} ${name}[${t}]`);
      }
    });
  }
});
