// The project's own golden-style cases for detectron2 (test/golden-own/detectron2-*.json): numbers from
// detectron2's build_lr_scheduler / LRMultiplier / WarmupParamScheduler and fvcore's param_scheduler.py run
// in Python (with a stand-in for torch's LRScheduler step protocol), never from this code. Same check as
// the CLI conformance tool: unit, total, every point (lr, momentum, extra groups) within 1e-6 relative.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, it } from "node:test";
import { evaluate } from "../../../src/core/evaluate";
import { readSchedules } from "../../../src/dialects/index";

function dir(): string {
  const candidates = [resolve(__dirname, "../../../../test/golden-own"), resolve(__dirname, "../../golden-own"), resolve(process.cwd(), "test/golden-own")];
  const found = candidates.find((d) => existsSync(join(d, "detectron2-yaml-base-multistep.json")));
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
  momentum?: [number, number][];
  extra?: Record<string, [number, number][]>;
}

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b)) + 1e-15;

void describe("own golden cases (detectron2)", () => {
  const d = dir();
  for (const file of readdirSync(d).filter((f) => /^detectron2-.*\.json$/.test(f))) {
    const g = JSON.parse(readFileSync(join(d, file), "utf8")) as Golden;
    void it(g.id, () => {
      const { schedules } = readSchedules(g.entry, g.files[g.entry]!, g.options, { read: (p) => g.files[p] });
      const s = schedules[0]!;
      assert.equal(s.dialect, g.dialect);
      assert.equal(s.unit, g.unit);
      assert.equal(s.total?.value, g.total);
      const c = evaluate(s);
      const check = (name: string, got: Float64Array | undefined, points: [number, number][]): void => {
        assert.ok(got, `${g.id}: ${name} missing`);
        for (const [t, v] of points) assert.ok(close(got[t]!, v), `${g.id} ${name} tick ${t}: ${got[t]} vs ${v}`);
      };
      check("lr", c.groups[0], g.lr);
      if (g.momentum) check("momentum", c.momentum?.[0], g.momentum);
      for (const [k, points] of Object.entries(g.extra ?? {})) check(k, c.groups[Number(k.replace("group", ""))], points);
    });
  }
});
