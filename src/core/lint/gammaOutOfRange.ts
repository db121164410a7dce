import { formatLr } from "../explain";
import type { Value } from "../value";
import type { LintFinding, LintRule } from "./rule";
import { arg } from "./rule";

/** A decay factor above 1 makes the LR grow without bound; zero or below makes it 0 or flip sign. */
export const gammaOutOfRange: LintRule = {
  code: "gamma-out-of-range",
  description: "A decay factor gamma is above 1 or not positive.",
  check(desc) {
    const out: LintFinding[] = [];
    const report = (name: string, gamma: number, v: Value | undefined, fallback: LintFinding["range"]): void => {
      if (gamma > 0 && gamma <= 1) return;
      out.push({
        severity: "warning",
        code: this.code,
        message: gamma > 1 ? `${name}: gamma=${formatLr(gamma)} is above 1, so every decay multiplies the LR up` : `${name}: gamma=${formatLr(gamma)} is not positive, so the first decay sets the LR to ${gamma === 0 ? "0" : "a negative value"}`,
        range: v?.range ?? fallback,
      });
    };
    const p = desc.program;
    if (p.family === "torch") {
      for (const s of p.schedulers) {
        if (s.kind === "StepLR" || s.kind === "MultiStepLR" || s.kind === "ExponentialLR" || (s.kind === "CyclicLR" && s.mode === "exp_range")) report(s.name, s.gamma, arg(s, "gamma"), s.range);
      }
    } else if (p.family === "mmengine") {
      for (const s of p.schedulers) if (s.kind === "Step" || s.kind === "MultiStep" || s.kind === "Exponential") report(s.name, s.gamma, arg(s, "gamma"), s.range);
      if (p.legacy && (p.legacy.policy === "Step" || p.legacy.policy === "Exp")) report(`lr_config(policy=${p.legacy.policy})`, p.legacy.gamma, arg(p.legacy, "gamma"), p.legacy.range);
    }
    return out;
  },
};
