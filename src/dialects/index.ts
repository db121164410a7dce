import type { Input, Problem } from "../core/problem";
import type { ScheduleDescription } from "../core/schedule";
import { readPyTorchScript } from "./pytorch/reader";

/** What the user supplies because the files cannot say it (CLI options, settings). */
export type Inputs = Partial<Record<Input, number>>;

/** Other files of the workspace, for readers that follow `_base_` chains or sibling configs. */
export interface WorkspaceFiles {
  /** The text of a file, by a path of the same form as the entry's; `undefined` when there is none. */
  read(path: string): string | undefined;
}

export interface ReaderContext {
  readonly inputs: Inputs;
  readonly files: WorkspaceFiles;
}

export interface ReadResult {
  readonly schedules: readonly ScheduleDescription[];
  readonly problems: readonly Problem[];
}

/**
 * A dialect reader. `read` returns `undefined` when the file is not one of its own (a Python file with no
 * optimizer, a YAML file of another tool), so several readers can look at the same kind of file.
 */
export interface DialectReader {
  readonly dialect: string;
  /** File names it may take (cheap test before reading). */
  readonly extensions: readonly string[];
  read(fileName: string, text: string, context: ReaderContext): ReadResult | undefined;
}

/** Every reader, in the order their schedules are listed when several take the same file. */
const readers: readonly DialectReader[] = [
  {
    dialect: "pytorch",
    extensions: [".py"],
    read: (f, t, c) => {
      const result = readPyTorchScript(f, t, c.inputs);
      return result.schedules.length > 0 ? result : undefined;
    },
  },
];

const noFiles: WorkspaceFiles = { read: () => undefined };

/** Whether some reader may take files of this name (the extension's activation and index use this). */
export function isSupportedFile(fileName: string): boolean {
  return readers.some((r) => r.extensions.some((e) => fileName.endsWith(e)));
}

/**
 * Reads the schedules of one file with every reader that takes it. Never throws: a reader failure
 * becomes a problem of the file, so one strange file cannot take down the extension host or the CLI.
 */
export function readSchedules(fileName: string, text: string, inputs: Inputs = {}, files: WorkspaceFiles = noFiles): ReadResult & { readonly dialects: readonly string[] } {
  const schedules: ScheduleDescription[] = [];
  const problems: Problem[] = [];
  const dialects: string[] = [];
  for (const reader of readers) {
    if (!reader.extensions.some((e) => fileName.endsWith(e))) continue;
    try {
      const result = reader.read(fileName, text, { inputs, files });
      if (!result) continue;
      dialects.push(reader.dialect);
      schedules.push(...result.schedules);
      problems.push(...result.problems);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      problems.push({ severity: "error", code: "reader-failed", message: `The ${reader.dialect} reader failed on this file: ${message}` });
    }
  }
  return { schedules, problems, dialects };
}
