import type { Curve } from "../curve";
import { formatLr } from "../explain";
import type { LintFinding, LintRule } from "./rule";
import { arg, torchWindows, totalTicks } from "./rule";

/**
 * `OneCycleLR` must be stepped exactly `total_steps` times (or `epochs × steps_per_epoch`): fewer and the
 * cycle never finishes its annealing, more and PyTorch raises `ValueError: Tried to step ... times`
 * (torch/optim/lr_scheduler.py `OneCycleLR.get_lr`).
 */
export const oneCycleTotalSteps: LintRule = {
  code: "onecycle-total-steps",
  description: "OneCycleLR's total_steps differs from the number of times the loop steps it.",
  check(desc, curve) {
    const total = totalTicks(desc, curve);
    if (desc.program.family !== "torch" || total === undefined) return [];
    const out: LintFinding[] = [];
    for (const w of torchWindows(desc.program, total)) {
      const s = w.spec;
      if (s.kind !== "OneCycleLR" || s.totalSteps === w.ticks) continue;
      const given = arg(s, "total_steps");
      const spe = arg(s, "steps_per_epoch");
      const how = given?.range ? `total_steps=${s.totalSteps}` : spe ? `epochs × steps_per_epoch = ${s.totalSteps}` : `total_steps=${s.totalSteps}`;
      const loop = desc.unit === "step" && desc.epochs && desc.stepsPerEpoch ? `${desc.epochs.value} epochs × ${desc.stepsPerEpoch.value} steps = ${w.ticks}` : `${w.ticks} ${desc.unit}s`;
      out.push({
        severity: s.totalSteps < w.ticks ? "error" : "warning",
        code: this.code,
        message:
          s.totalSteps < w.ticks
            ? `OneCycleLR ${how}, but the loop steps it ${loop} times: PyTorch raises ValueError at step ${s.totalSteps + 1}`
            : `OneCycleLR ${how}, but the loop steps it only ${loop} times: the cycle stops before its final annealing (the LR ends at ${lastLr(curve)}, not max_lr / (div_factor × final_div_factor))`,
        range: given?.range ?? spe?.range ?? s.range,
        fix: given?.range ? { title: `Set total_steps to ${w.ticks}`, range: given.range, newText: String(w.ticks) } : undefined,
      });
    }
    return out;
  },
};

function lastLr(curve: Curve): string {
  const v = curve.groups[0]?.[curve.total - 1];
  return v === undefined ? "?" : formatLr(v);
}
