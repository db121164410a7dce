import type { SourceRange } from "./range";

/**
 * Something a reader or evaluator wants the user to know. Errors are values: a reader never throws at
 * its caller, it returns problems with a range and a message.
 */
export interface Problem {
  readonly severity: "error" | "warning" | "info";
  /** Stable id for diagnostics and settings (`lambda-not-static`, `onecycle-overrun`...). */
  readonly code: string;
  readonly message: string;
  readonly range?: SourceRange;
}

/**
 * A value the files do not say, which the curve depends on. `option` names the input that supplies it
 * (CLI `--steps-per-epoch`, setting `lrscope.stepsPerEpoch`...).
 */
export interface Assumption {
  readonly input: Input;
  readonly message: string;
  /** The value used, when one could be used; absent when the curve cannot be computed without it. */
  readonly value?: number;
  readonly range?: SourceRange;
}

/**
 * Inputs a user can supply because the files cannot say them. `commandLine` stands for the arguments a
 * script is launched with (its argparse defaults are assumed until a launch line says otherwise).
 */
export type Input = "stepsPerEpoch" | "devices" | "totalSteps" | "datasetSize" | "gradientAccumulation" | "epochs" | "metric" | "commandLine";

/** The CLI option for each input, kebab-cased. */
export function inputOption(input: Input): string {
  return "--" + input.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase());
}
