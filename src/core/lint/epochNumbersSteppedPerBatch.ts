import { decayLengths } from "./lengths";
import type { LintFinding, LintRule } from "./rule";
import { torchWindows, totalTicks } from "./rule";

/**
 * `scheduler.step()` runs after every batch, but the scheduler's lengths are at most the number of epochs
 * (`T_max=epochs`, `step_size=30` with 90 epochs): they count epochs, and the whole schedule is over within
 * the first few hundred batches.
 */
export const epochNumbersSteppedPerBatch: LintRule = {
  code: "epoch-numbers-stepped-per-batch",
  description: "scheduler.step() runs every batch while the scheduler's numbers look like epochs.",
  check(desc, curve) {
    const total = totalTicks(desc, curve);
    const epochs = desc.epochs?.value;
    const spe = desc.stepsPerEpoch?.value;
    if (desc.program.family !== "torch" || desc.unit !== "step" || total === undefined || epochs === undefined || spe === undefined || !(spe > 1)) return [];
    const out: LintFinding[] = [];
    for (const w of torchWindows(desc.program, total)) {
      const lengths = decayLengths(w.spec);
      if (lengths.length === 0 || !lengths.every((l) => l.ticks <= epochs && l.ticks * 2 < w.ticks)) continue;
      const l = lengths.at(-1)!;
      out.push({
        severity: "warning",
        code: this.code,
        message: `${w.spec.name}.step() runs after every batch, but ${l.name}=${l.ticks} looks like a number of epochs (the loop runs ${epochs} epochs of ${spe} steps): the schedule is over after ${l.ticks} of ${total.toLocaleString("en-US")} steps. Multiply by the steps per epoch, or step once per epoch`,
        range: l.value?.range ?? w.spec.range,
      });
    }
    return out;
  },
};
