import type { Assumption, Problem } from "../../core/problem";
import type { SourceRange } from "../../core/range";
import type { Unit } from "../../core/schedule";
import { derived, frameworkDefault, userInput, type Value } from "../../core/value";
import type { Inputs } from "../index";

/** `Trainer(max_epochs=..., max_steps=...)` as far as the files say; `null` = written as None / absent. */
export interface TrainerLimits {
  readonly maxEpochs?: Value | null;
  readonly maxSteps?: Value | null;
  /** Where the trainer is configured (the `trainer:` key, the `Trainer(...)` call). */
  readonly range?: SourceRange;
  /** Why the limits are unknown (the Trainer is built in another file). */
  readonly unknownReason?: string;
}

export interface TrainingLength {
  readonly total?: Value;
  readonly epochs?: Value;
  readonly stepsPerEpoch?: Value;
  readonly assumptions: Assumption[];
  readonly problems: Problem[];
}

const loopSource = "lightning/pytorch/loops/utilities.py _parse_loop_limits";

/**
 * How many ticks a Lightning run has: `max_epochs` (Lightning's default 1000 when neither limit is set;
 * -1, or None with `max_steps`, means no epoch limit) and `max_steps` (optimizer steps; -1 = none), whichever
 * ends training first. An epoch-interval scheduler ticks once per epoch, a step-interval one once per
 * optimizer step. Steps per epoch come only from `--steps-per-epoch`; `--total-steps` sets a per-step length.
 */
export function trainingLength(limits: TrainerLimits, interval: Unit, inputs: Inputs): TrainingLength {
  const assumptions: Assumption[] = [];
  const problems: Problem[] = [];
  const spe = inputs.stepsPerEpoch !== undefined ? userInput(inputs.stepsPerEpoch, "--steps-per-epoch") : undefined;
  if (spe) assumptions.push({ input: "stepsPerEpoch", message: `--steps-per-epoch ${spe.value} (given)`, value: spe.value });
  const steps = limits.maxSteps && limits.maxSteps.value !== -1 ? limits.maxSteps : undefined;
  let epochs: Value | undefined;
  if (limits.unknownReason && !limits.maxEpochs && !limits.maxSteps) {
    epochs = undefined;
  } else if (limits.maxEpochs && limits.maxEpochs.value !== -1) epochs = limits.maxEpochs;
  else if (!limits.maxEpochs && !steps) {
    epochs = frameworkDefault(1000, `${loopSource}: max_epochs 1000 when neither max_epochs nor max_steps is set`);
    problems.push({ severity: "warning", code: "default-max-epochs", message: "Neither max_epochs nor max_steps is set: Lightning trains for its default of 1000 epochs", range: limits.range });
  }

  if (interval === "step" && inputs.totalSteps !== undefined) {
    const total = userInput(inputs.totalSteps, "--total-steps");
    assumptions.push({ input: "totalSteps", message: `--total-steps ${total.value} (given)`, value: total.value });
    return { total, epochs, stepsPerEpoch: spe, assumptions, problems };
  }
  if (interval === "epoch" && inputs.totalSteps !== undefined) problems.push({ severity: "info", code: "total-steps-ignored", message: "--total-steps is ignored: this scheduler steps once per epoch" });

  if (!epochs && inputs.epochs !== undefined) {
    epochs = userInput(inputs.epochs, "--epochs");
    assumptions.push({ input: "epochs", message: `--epochs ${inputs.epochs} (given)`, value: inputs.epochs });
  }
  if (!epochs && !steps) {
    if (limits.unknownReason) {
      assumptions.push({ input: interval === "step" ? "totalSteps" : "epochs", message: `How long the run trains: ${limits.unknownReason}`, range: limits.range });
    } else problems.push({ severity: "error", code: "endless-training", message: "max_epochs is -1 and max_steps is not set: the Trainer runs until it is stopped, so the training length is unknown", range: limits.range });
    return { epochs, stepsPerEpoch: spe, assumptions, problems };
  }

  if (interval === "epoch") {
    if (epochs && !steps) return { total: epochs, epochs, stepsPerEpoch: spe, assumptions, problems };
    // max_steps ends the run inside epoch ceil(max_steps / steps per epoch) - 1.
    if (!spe) {
      if (epochs) {
        problems.push({ severity: "warning", code: "max-steps-unknown-epochs", message: `max_steps ${steps!.value} may end the run before max_epochs ${epochs.value}: pass --steps-per-epoch to know which comes first`, range: steps!.range ?? limits.range });
        return { total: epochs, epochs, assumptions, problems };
      }
      assumptions.push({ input: "stepsPerEpoch", message: `Epochs in max_steps ${steps!.value}: the optimizer steps per epoch depend on the dataset`, range: steps!.range ?? limits.range });
      return { assumptions, problems };
    }
    const byStepsCount = Math.ceil(steps!.value / spe.value);
    const bySteps = derived(byStepsCount, `ceil(max_steps ${steps!.value} / ${spe.value} steps per epoch)`, [steps!, spe], steps!.range);
    const total = epochs && epochs.value <= byStepsCount ? epochs : bySteps;
    return { total, epochs: total, stepsPerEpoch: spe, assumptions, problems };
  }
  // interval "step"
  if (steps && (!epochs || !spe)) {
    if (epochs) problems.push({ severity: "info", code: "max-epochs-unknown-steps", message: `max_epochs ${epochs.value} may end the run before max_steps ${steps.value}: pass --steps-per-epoch to know which comes first`, range: limits.range });
    return { total: steps, epochs, stepsPerEpoch: spe, assumptions, problems };
  }
  if (!spe) {
    assumptions.push({ input: "stepsPerEpoch", message: `Optimizer steps in ${epochs!.value} epochs: the steps per epoch depend on the dataset`, range: epochs!.range ?? limits.range });
    return { epochs, assumptions, problems };
  }
  const byEpochs = derived(epochs!.value * spe.value, `max_epochs ${epochs!.value} × ${spe.value} steps per epoch`, [epochs!, spe], epochs!.range);
  const total = steps && steps.value < byEpochs.value ? steps : byEpochs;
  return { total, epochs, stepsPerEpoch: spe, assumptions, problems };
}
