// The published timm golden cases (test/golden/timm-*.json, numbers from timm's own schedulers): the reader
// and evaluator reproduce every point, and say what the case relies on.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, it } from "node:test";
import { curve, only, timm } from "./helpers";

function goldenDir(): string {
  const candidates = [resolve(__dirname, "../../../../test/golden"), resolve(__dirname, "../../golden"), resolve(process.cwd(), "test/golden")];
  const found = candidates.find((d) => existsSync(join(d, "timm-deit-cosine-cooldown.json")));
  assert.ok(found, "test/golden not found");
  return found;
}

interface Golden {
  id: string;
  entry: string;
  files: Record<string, string>;
  options: { stepsPerEpoch?: number; devices?: number; totalSteps?: number };
  unit: string;
  total: number;
  lr: [number, number][];
}

void describe("golden timm cases", () => {
  const dir = goldenDir();
  for (const file of readdirSync(dir).filter((f) => f.startsWith("timm-"))) {
    const g = JSON.parse(readFileSync(join(dir, file), "utf8")) as Golden;
    void it(g.id, () => {
      const s = only(timm(g.entry, g.files[g.entry]!, g.options, g.files));
      assert.equal(s.unit, g.unit);
      assert.equal(s.total?.value, g.total);
      const lr = curve(s);
      for (const [t, v] of g.lr) assert.ok(Math.abs(lr[t]! - v) <= 1e-9 * Math.abs(v), `${g.id} tick ${t}: ${lr[t]} vs ${v}`);
    });
  }
});
