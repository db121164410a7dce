import assert from "node:assert/strict";
import type { ScheduleDescription } from "../../../src/core/schedule";
import { evaluate } from "../../../src/core/evaluate";
import { readSchedules, type Inputs, type ReadResult } from "../../../src/dialects";
import { readTimm } from "../../../src/dialects/timm/reader";

/** Reads `text` as `name` with the timm reader alone; `files` are the other workspace files. */
export function timm(name: string, text: string, inputs: Inputs = {}, files: Record<string, string> = {}): ReadResult | undefined {
  return readTimm(name, text, { inputs, files: { read: (p) => files[p] } });
}

export function only(result: ReadResult | undefined): ScheduleDescription {
  assert.ok(result, "the timm reader did not take the file");
  assert.equal(result.schedules.length, 1);
  return result.schedules[0]!;
}

/** The LR curve of a schedule, as a plain array. */
export function curve(s: ScheduleDescription): number[] {
  const c = evaluate(s);
  return Array.from(c.groups[0]!);
}

/** Which dialects the whole registry finds in a file. */
export function dialects(name: string, text: string): readonly string[] {
  return readSchedules(name, text).dialects;
}

export const codes = (s: ScheduleDescription): string[] => s.problems.map((p) => p.code);
