import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Assumption, Problem } from "../../../src/core/problem";
import type { ScheduleDescription } from "../../../src/core/schedule";
import { evaluate } from "../../../src/core/evaluate";
import { readSchedules, type Inputs, type ReadResult } from "../../../src/dialects";

/** A folder of the source tree, found from the bundled test (out/test/...) or the working directory. */
function sourceDir(relative: string, marker: string): string {
  const candidates = [resolve(__dirname, "../../../..", relative), resolve(__dirname, "../..", relative.replace(/^test\//, "")), resolve(process.cwd(), relative)];
  const found = candidates.find((dir) => existsSync(join(dir, marker)));
  assert.ok(found, `${relative} not found in ${candidates.join(", ")}`);
  return found;
}

export function goldenDir(): string {
  return sourceDir("test/golden", "torch-steplr-imagenet.json");
}

export function fixture(name: string): string {
  return readFileSync(join(sourceDir("test/dialects/pytorch/fixtures", "imagenet.py"), name), "utf8");
}

export interface Golden {
  id: string;
  entry: string;
  files: Record<string, string>;
  options: Inputs;
  unit: string;
  total: number;
  lr: [number, number][];
}

export function golden(id: string): Golden {
  return JSON.parse(readFileSync(join(goldenDir(), `${id}.json`), "utf8")) as Golden;
}

export function read(text: string, inputs: Inputs = {}, file = "train.py"): ReadResult {
  return readSchedules(file, text, inputs);
}

/** The only schedule of a file. */
export function only(text: string, inputs: Inputs = {}): ScheduleDescription {
  const r = read(text, inputs);
  assert.deepEqual(r.problems, [], "file problems");
  assert.equal(r.schedules.length, 1, "one schedule");
  return r.schedules[0]!;
}

/** Group `g`'s learning rate per tick. */
export function curve(s: ScheduleDescription, g = 0): Float64Array {
  const c = evaluate(s);
  assert.deepEqual(c.problems.filter((p) => p.severity === "error"), []);
  return c.groups[g]!;
}

export function close(actual: number | undefined, expected: number, what = ""): void {
  assert.ok(actual !== undefined && Math.abs(actual - expected) <= 1e-12 + 1e-9 * Math.abs(expected), `${what}: ${actual} ≠ ${expected}`);
}

export function messages(list: readonly (Assumption | Problem)[]): string[] {
  return list.map((a) => a.message);
}

export function line(p: { range?: { startLine: number } }): number | undefined {
  return p.range ? p.range.startLine + 1 : undefined;
}
