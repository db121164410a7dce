import { countsBatches, decayLengths } from "./lengths";
import type { LintFinding, LintRule } from "./rule";
import { torchWindows, totalTicks } from "./rule";

/**
 * The reverse slip: `scheduler.step()` runs once per epoch, but a length counts batches (it is computed from
 * `len(train_loader)`, or is at least ten times the number of epochs), so the schedule barely moves.
 */
export const stepNumbersSteppedPerEpoch: LintRule = {
  code: "step-numbers-stepped-per-epoch",
  description: "scheduler.step() runs once per epoch while the scheduler's numbers count batches.",
  check(desc, curve) {
    const total = totalTicks(desc, curve);
    if (desc.program.family !== "torch" || desc.unit !== "epoch" || total === undefined || total < 2) return [];
    const out: LintFinding[] = [];
    for (const w of torchWindows(desc.program, total)) {
      const l = decayLengths(w.spec).find((x) => x.ticks > w.ticks && (countsBatches(x.value) || x.ticks >= 10 * w.ticks));
      if (!l) continue;
      out.push({
        severity: "warning",
        code: this.code,
        message: `${w.spec.name}.step() runs once per epoch, but ${l.name}=${l.ticks.toLocaleString("en-US")} looks like a number of batches${countsBatches(l.value) ? " (it is computed from a per-batch count)" : ""}: only ${w.ticks} of those steps happen. Divide by the steps per epoch, or step after every batch`,
        range: l.value?.range ?? w.spec.range,
      });
    }
    return out;
  },
};
