// Property-based fuzzing of every registered reader and the evaluators (issue 9): mutated golden cases and
// fixtures. Each reader is run on its own (so adding readers keeps the suite's time linear), then
// `readSchedules` on each file name ending. No reader throws, every range lies inside its file, every read
// and evaluation finishes within a time bound, curves above MAX_TICKS are refused, and no value is NaN or
// infinite silently.
import { describe, it } from "node:test";
import fc from "fast-check";
import { registeredReaders } from "../../src/dialects";
import { checkCase, fuzzCase, fuzzOnly, fuzzOptions, fuzzRuns, loadSeeds, randomSeed, readAll, readOne, seedsFor } from "./harness";

const seeds = loadSeeds();
const readers = registeredReaders();

void describe(`fuzz: every reader on its own (${fuzzRuns} runs each)`, () => {
  for (const [i, reader] of readers.entries()) {
    const all = seedsFor(reader.extensions, seeds);
    const own = all.filter((s) => s.dialect === reader.dialect);
    const others = all.filter((s) => s.dialect !== reader.dialect);
    const name = `#${i} ${reader.dialect} (${reader.extensions.join(" ")}; ${own.length} own seeds, ${others.length} others)`;
    void it(name, { skip: fuzzOnly !== undefined && !name.includes(fuzzOnly) }, () => {
      fc.assert(fc.property(fuzzCase(own, others, randomSeed(reader.extensions)), (c) => checkCase(c, readOne(reader))), fuzzOptions());
    });
  }
});

/** The entry point with every reader at once, on a fifth of the runs (each run reads with all of them). */
void describe(`fuzz: readSchedules on each file name ending (${Math.ceil(fuzzRuns / 5)} runs each)`, () => {
  for (const ext of [...new Set(readers.flatMap((r) => r.extensions))].sort()) {
    const name = `readSchedules *${ext}`;
    void it(name, { skip: fuzzOnly !== undefined && !name.includes(fuzzOnly) }, () => {
      fc.assert(fc.property(fuzzCase(seedsFor([ext], seeds), [], randomSeed([ext])), (c) => checkCase(c, readAll)), { ...fuzzOptions(), numRuns: Math.ceil(fuzzRuns / 5) });
    });
  }
});
