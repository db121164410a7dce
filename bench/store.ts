// What the extension's ScheduleStore does on a cache miss (src/extension/scheduleStore.ts `readFrom`), without
// vscode: inputs from the file's magic comments, then the readers in rounds — a reader asks for the files it
// needs (`_base_` configs), they are loaded, and the file is read again until nothing new is asked — then
// every schedule evaluated. `load` stands for `workspace.fs.readFile` (in memory or from disk here).
import type { Curve } from "../src/core/curve";
import { evaluate } from "../src/core/evaluate";
import type { ScheduleDescription } from "../src/core/schedule";
import { readSchedules, type Inputs, type LoadingRounds } from "../src/dialects";
import { magicCommentInputs } from "../src/extension/magicComments";

export interface StoreDocument {
  readonly entries: readonly { readonly schedule: ScheduleDescription; readonly curve: Curve }[];
  /** Files read besides the document (its `_base_` chain): what it depends on. */
  readonly dependencies: readonly string[];
  /** How many times the readers ran (1 + the depth of the `_base_` chain). */
  readonly rounds: number;
}

const maxDependencyRounds = 16;

export function storeRead(path: string, text: string, load: (path: string) => string | undefined, settings: Inputs = {}): StoreDocument {
  const inputs = { ...settings, ...magicCommentInputs(text) };
  const loaded = new Map<string, string | undefined>();
  let result: ReturnType<typeof readSchedules> | undefined;
  // Readers whose files did not change between rounds are not run again (dialects/index.ts `LoadingRounds`).
  const readerRounds: LoadingRounds = new Map();
  let rounds = 0;
  for (let round = 0; round < maxDependencyRounds; round++) {
    const asked: string[] = [];
    rounds++;
    result = readSchedules(path, text, inputs, {
      read: (p) => {
        if (loaded.has(p)) return loaded.get(p);
        asked.push(p);
        return undefined;
      },
    }, readerRounds);
    if (asked.length === 0) break;
    for (const p of asked) loaded.set(p, load(p));
  }
  result ??= readSchedules(path, text, inputs);
  const entries = result.schedules.map((schedule) => ({ schedule, curve: evaluate(schedule) }));
  return { entries, dependencies: [...loaded.keys()], rounds };
}
