import { evaluate } from "../../../src/core/evaluate";
import type { ScheduleDescription } from "../../../src/core/schedule";
import { readSchedules, type Inputs } from "../../../src/dialects/index";

/** Reads `entry` among `files` as the CLI does (every reader, first schedule first). */
export function read(entry: string, files: Record<string, string>, inputs: Inputs = {}): { schedules: readonly ScheduleDescription[]; dialects: readonly string[] } {
  return readSchedules(entry, files[entry]!, inputs, { read: (p) => files[p] });
}

export function curve(s: ScheduleDescription): Float64Array {
  return evaluate(s).groups[0]!;
}
