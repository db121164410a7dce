import type { Problem } from "../core/problem";
import type { ScheduleDescription } from "../core/schedule";
import { readPyTorchScript, type Inputs } from "./pytorch/reader";

export type { Inputs };

export interface ReadResult {
  readonly schedules: readonly ScheduleDescription[];
  readonly problems: readonly Problem[];
  /** The reader that took the file, or `undefined` when none recognises it. */
  readonly dialect?: string;
}

/** The dialects LR Scope reads, by what they recognise. One entry per reader; order matters. */
const readers: readonly { readonly dialect: string; readonly accepts: (fileName: string) => boolean; readonly read: (fileName: string, text: string, inputs: Inputs) => Omit<ReadResult, "dialect"> }[] = [
  { dialect: "pytorch", accepts: (f) => f.endsWith(".py"), read: readPyTorchScript },
];

/** Whether some reader takes files of this name (the extension's activation and index use this). */
export function isSupportedFile(fileName: string): boolean {
  return readers.some((r) => r.accepts(fileName));
}

/**
 * Reads the schedules of one file. Never throws: a reader failure becomes a problem of the file, so one
 * strange file cannot take down the extension host or the CLI.
 */
export function readSchedules(fileName: string, text: string, inputs: Inputs = {}): ReadResult {
  const reader = readers.find((r) => r.accepts(fileName));
  if (!reader) return { schedules: [], problems: [{ severity: "error", code: "unsupported-file", message: `No LR Scope reader takes ${fileName}` }] };
  try {
    return { ...reader.read(fileName, text, inputs), dialect: reader.dialect };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { schedules: [], problems: [{ severity: "error", code: "reader-failed", message: `The ${reader.dialect} reader failed on this file: ${message}` }], dialect: reader.dialect };
  }
}
