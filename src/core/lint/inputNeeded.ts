import type { LintRule } from "./rule";

const inputWords: Readonly<Record<string, string>> = {
  stepsPerEpoch: "the steps per epoch",
  devices: "the number of devices",
  totalSteps: "the total number of steps",
  datasetSize: "the dataset size",
  gradientAccumulation: "the gradient accumulation",
  epochs: "the number of epochs",
};

/**
 * What the files cannot say and the curve needs (an assumption with no value): an information with the
 * input that supplies it; the editor offers to set it for the file. Inputs a reader already reported as a
 * `needs-input` problem at the same place are not repeated.
 */
export const inputNeeded: LintRule = {
  code: "input-needed",
  description: "The curve needs a value the files cannot say (steps per epoch, devices...): supply it.",
  check(desc) {
    const reported = new Set(desc.problems.filter((p) => p.code === "needs-input").map((p) => p.range?.startLine));
    return desc.assumptions
      .filter((a) => a.value === undefined && inputWords[a.input] !== undefined && !reported.has(a.range?.startLine))
      .map((a) => ({
        severity: "info" as const,
        code: this.code,
        message: `${desc.name} needs ${inputWords[a.input]}, which the files do not say: ${a.message}`,
        range: a.range ?? desc.source,
        input: a.input,
      }));
  },
};
