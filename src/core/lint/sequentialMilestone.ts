import type { TorchSchedulerSpec } from "../torch/spec";
import type { LintFinding, LintRule } from "./rule";
import { arg, totalTicks } from "./rule";

/** How many ticks a scheduler takes to finish, where it has a natural end. */
function naturalLength(s: TorchSchedulerSpec): { readonly ticks: number; readonly name: string } | undefined {
  if (s.kind === "LinearLR" || s.kind === "ConstantLR" || s.kind === "PolynomialLR") return { ticks: s.totalIters, name: "total_iters" };
  if (s.kind === "OneCycleLR") return { ticks: s.totalSteps, name: "total_steps" };
  return undefined;
}

/**
 * `SequentialLR` hands over at its milestones regardless of where its schedulers are: a warmup cut short
 * makes the LR jump, one that ends early holds its last factor until the hand-over
 * (torch/optim/lr_scheduler.py `SequentialLR.step`).
 */
export const sequentialMilestone: LintRule = {
  code: "sequential-milestone-mismatch",
  description: "A SequentialLR milestone differs from the length of the scheduler it ends.",
  check(desc, curve) {
    if (desc.program.family !== "torch") return [];
    const total = totalTicks(desc, curve);
    const all = desc.program.schedulers;
    const out: LintFinding[] = [];
    for (const seq of all) {
      if (seq.kind !== "SequentialLR") continue;
      seq.milestones.forEach((m, k) => {
        const child = all[seq.schedulers[k] ?? -1];
        const length = child && naturalLength(child);
        const start = k === 0 ? 0 : (seq.milestones[k - 1] ?? 0);
        const window = m - start;
        if (!child || !length || window === length.ticks || (total !== undefined && start >= total)) return;
        const at = arg(seq, `milestones[${k}]`);
        const cut = window < length.ticks;
        out.push({
          severity: cut ? "warning" : "info",
          code: this.code,
          message: cut
            ? `${seq.name} hands over at ${desc.unit} ${m}, after ${window} of the ${length.ticks} ${desc.unit}s of ${child.name} (${length.name}=${length.ticks}): it is cut short and the LR jumps`
            : `${seq.name} hands over at ${desc.unit} ${m}, but ${child.name} ends after ${length.ticks} (${length.name}=${length.ticks}): the LR holds ${child.name}'s last value for ${window - length.ticks} ${desc.unit}s`,
          range: at?.range ?? seq.range,
          fix: at?.range && k === 0 ? { title: `Set the milestone to ${length.ticks} (${child.name}'s ${length.name})`, range: at.range, newText: String(length.ticks) } : undefined,
        });
      });
    }
    return out;
  },
};
