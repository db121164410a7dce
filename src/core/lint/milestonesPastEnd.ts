import type { LintFinding, LintRule } from "./rule";
import { arg, torchWindows, totalTicks, unitWord } from "./rule";

/**
 * Milestones the training never reaches: a `MultiStepLR` milestone (or a `StepLR` step size) at or after the
 * last tick its scheduler is stepped for, a `SequentialLR` hand-over after the end, an MMEngine `MultiStep`
 * milestone past its `end`.
 */
export const milestonesPastEnd: LintRule = {
  code: "milestone-past-end",
  description: "A milestone lies at or after the end of the training, so that decay never happens.",
  check(desc, curve) {
    const total = totalTicks(desc, curve);
    if (total === undefined) return [];
    const out: LintFinding[] = [];
    const report = (what: string, at: number, ticks: number, range: LintFinding["range"]): void => {
      out.push({ severity: "warning", code: this.code, message: `${what} is at ${desc.unit} ${at}, but ${ticks === total ? "the training" : "it"} runs only ${unitWord(desc, ticks)}: it is never reached`, range });
    };
    const p = desc.program;
    if (p.family === "torch") {
      for (const w of torchWindows(p, total)) {
        const s = w.spec;
        if (s.kind === "MultiStepLR") s.milestones.forEach((m, i) => m >= w.ticks && report(`${s.name}'s milestone ${m}`, m, w.ticks, arg(s, `milestones[${i}]`)?.range ?? s.range));
        if (s.kind === "StepLR" && s.stepSize >= w.ticks) report(`${s.name}'s first decay (step_size=${s.stepSize})`, s.stepSize, w.ticks, arg(s, "step_size")?.range ?? s.range);
        if (s.kind === "SequentialLR") s.milestones.forEach((m, i) => m >= w.ticks && report(`${s.name}'s hand-over to its scheduler ${i + 2}`, m, w.ticks, arg(s, `milestones[${i}]`)?.range ?? s.range));
      }
    } else if (p.family === "mmengine" && !p.legacy) {
      for (const s of p.schedulers) {
        if (s.kind !== "MultiStep") continue;
        const end = s.end ?? (s.byEpoch ? p.maxEpochs : p.maxIters);
        if (!Number.isFinite(end)) continue;
        s.milestones.forEach((m, i) => {
          if (s.begin + m >= end) out.push({ severity: "warning", code: this.code, message: `${s.name}'s milestone ${m} is at or after its end (${end} ${s.byEpoch ? "epochs" : "iterations"}): it is never reached`, range: arg(s, `milestones[${i}]`, "milestones")?.range ?? s.range });
        });
      }
    }
    return out;
  },
};
