// The project's own golden-style cases for Keras, optax, Megatron-LM and fairseq (test/golden-own/*.json):
// numbers transcribed from each framework's source by /tmp-style scripts in Python (numpy float32 where
// Keras and JAX compute in float32, correctly rounded cos), never from this code. Same check as the CLI
// conformance tool: unit, total and every point within 1e-6 relative.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, it } from "node:test";
import { curve, read } from "./helpers";

function dir(): string {
  const candidates = [resolve(__dirname, "../../../../test/golden-own"), resolve(__dirname, "../../golden-own"), resolve(process.cwd(), "test/golden-own")];
  const found = candidates.find((d) => existsSync(join(d, "keras-cosine-warmup.json")));
  assert.ok(found, "test/golden-own not found");
  return found;
}

interface Golden {
  id: string;
  dialect: string;
  entry: string;
  files: Record<string, string>;
  options: { stepsPerEpoch?: number; devices?: number; totalSteps?: number };
  unit: string;
  total: number;
  lr: [number, number][];
}

void describe("own golden cases (keras, optax, megatron, fairseq)", () => {
  const d = dir();
  for (const file of readdirSync(d).filter((f) => /^(keras|optax|megatron|fairseq)-/.test(f))) {
    const g = JSON.parse(readFileSync(join(d, file), "utf8")) as Golden;
    void it(g.id, () => {
      const { schedules } = read(g.entry, g.files, g.options);
      const s = schedules[0]!;
      assert.equal(s.dialect, g.dialect);
      assert.equal(s.unit, g.unit);
      assert.equal(s.total?.value, g.total);
      const lr = curve(s);
      for (const [t, v] of g.lr) assert.ok(Math.abs(lr[t]! - v) <= 1e-6 * Math.max(Math.abs(v), Math.abs(lr[t]!)) + 1e-15, `${g.id} tick ${t}: ${lr[t]} vs ${v}`);
    });
  }
});
