// The schedule checks: framework-accepted schedules that are very likely not what the user meant. Each rule
// is one file with a stable code; `lrscope.diagnostics.rules` turns a code off.
import type { Curve } from "../curve";
import type { ScheduleDescription } from "../schedule";
import { epochNumbersSteppedPerBatch } from "./epochNumbersSteppedPerBatch";
import { etaMinAboveBaseLr } from "./etaMinAboveBaseLr";
import { gammaOutOfRange } from "./gammaOutOfRange";
import { inputNeeded } from "./inputNeeded";
import { lrScaledTwice } from "./lrScaledTwice";
import { milestonesPastEnd } from "./milestonesPastEnd";
import { oneCycleTotalSteps } from "./oneCycleTotalSteps";
import type { LintFinding, LintRule } from "./rule";
import { sequentialMilestone } from "./sequentialMilestone";
import { stepNumbersSteppedPerEpoch } from "./stepNumbersSteppedPerEpoch";
import { tmaxShorterThanTraining } from "./tmaxShorterThanTraining";
import { warmupLongerThanTraining } from "./warmupLongerThanTraining";

export type { LintFinding, LintFix, LintRule } from "./rule";
export { deprecatedKeyReplacement } from "./deprecatedKeys";

export const lintRules: readonly LintRule[] = [
  tmaxShorterThanTraining,
  warmupLongerThanTraining,
  milestonesPastEnd,
  epochNumbersSteppedPerBatch,
  stepNumbersSteppedPerEpoch,
  oneCycleTotalSteps,
  sequentialMilestone,
  etaMinAboveBaseLr,
  gammaOutOfRange,
  lrScaledTwice,
  inputNeeded,
];

/**
 * Codes the readers report themselves (they know the keys as written); listed so the docs and the setting
 * name every code a user may turn off.
 */
export const readerCodes: readonly string[] = ["deprecated-key", "needs-input", "value-not-static"];

/** Every finding of the enabled rules on one schedule. A rule that throws is skipped, never fatal. */
export function lintSchedule(desc: ScheduleDescription, curve: Curve, disabled: ReadonlySet<string> = new Set()): LintFinding[] {
  const out: LintFinding[] = [];
  for (const rule of lintRules) {
    if (disabled.has(rule.code)) continue;
    try {
      out.push(...rule.check(desc, curve));
    } catch {
      // A rule is advice: a bug in one must not hide the others or the reader's own problems.
    }
  }
  return out;
}
