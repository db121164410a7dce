import type { LintFinding, LintRule } from "./rule";
import { arg, torchWindows, totalTicks, unitWord } from "./rule";

/**
 * PyTorch's `CosineAnnealingLR` does not stop at `T_max`: its chainable form keeps following the cosine, so
 * after `T_max` ticks the LR climbs back towards the base LR (period 2·T_max; torch/optim/lr_scheduler.py
 * `CosineAnnealingLR.get_lr`). A `T_max` below the ticks it is stepped for is almost always a unit slip.
 */
export const tmaxShorterThanTraining: LintRule = {
  code: "tmax-shorter-than-training",
  description: "CosineAnnealingLR's T_max is shorter than the training loop: the LR climbs again after T_max.",
  check(desc, curve) {
    const total = totalTicks(desc, curve);
    if (desc.program.family !== "torch" || total === undefined) return [];
    const out: LintFinding[] = [];
    for (const w of torchWindows(desc.program, total)) {
      if (w.spec.kind !== "CosineAnnealingLR") continue;
      // The last tick the scheduler drives has epoch count ticks-1; beyond T_max the cosine rises again.
      if (!(w.spec.tMax < w.ticks - 1)) continue;
      const tMax = arg(w.spec, "T_max");
      const where = w.parent ? `between ${w.parent.spec.name}'s milestones` : "in the training loop";
      out.push({
        severity: "warning",
        code: this.code,
        message: `T_max=${w.spec.tMax} is shorter than the ${unitWord(desc, w.ticks)} ${w.spec.name} is stepped ${where}: after ${unitWord(desc, w.spec.tMax)} the LR climbs back up towards the base LR`,
        range: tMax?.range ?? w.spec.range,
        fix: tMax?.range ? { title: `Set T_max to ${w.ticks} (the ${desc.unit}s it runs)`, range: tMax.range, newText: String(w.ticks) } : undefined,
      });
    }
    return out;
  },
};
