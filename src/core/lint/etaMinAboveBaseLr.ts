import { formatLr } from "../explain";
import type { Value } from "../value";
import type { LintFinding, LintRule } from "./rule";
import { arg } from "./rule";

/**
 * A cosine schedule's floor (`eta_min`) above the LR it anneals from: the "decay" raises the LR instead
 * (the cosine runs from the base LR to eta_min whichever is larger).
 */
export const etaMinAboveBaseLr: LintRule = {
  code: "eta-min-above-base-lr",
  description: "eta_min is above the base LR, so the cosine goes up instead of down.",
  check(desc) {
    const base = Math.min(...desc.groups.map((g) => g.lr.value));
    if (!Number.isFinite(base)) return [];
    const out: LintFinding[] = [];
    const report = (name: string, etaMin: number, v: Value | undefined, fallback: LintFinding["range"]): void => {
      if (!(etaMin > base)) return;
      out.push({ severity: "warning", code: this.code, message: `${name}: eta_min=${formatLr(etaMin)} is above the base LR ${formatLr(base)}: the LR rises towards eta_min instead of decaying`, range: v?.range ?? fallback });
    };
    const p = desc.program;
    if (p.family === "torch") {
      for (const s of p.schedulers) if (s.kind === "CosineAnnealingLR" || s.kind === "CosineAnnealingWarmRestarts") report(s.name, s.etaMin, arg(s, "eta_min"), s.range);
    } else if (p.family === "mmengine") {
      for (const s of p.schedulers) if (s.param === "lr" && (s.kind === "CosineAnnealing" || s.kind === "CosineRestart" || s.kind === "Poly") && s.etaMin !== null) report(s.name, s.etaMin, arg(s, "eta_min"), s.range);
      if (p.legacy && "minLr" in p.legacy && typeof p.legacy.minLr === "number") report(`lr_config(policy=${p.legacy.policy})`, p.legacy.minLr, arg(p.legacy, "min_lr"), p.legacy.range);
    }
    return out;
  },
};
