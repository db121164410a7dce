import type { Problem } from "../../core/problem";
import type { SourceRange } from "../../core/range";
import type { ParamGroup, ScheduleDescription, Unit } from "../../core/schedule";
import type { TorchSchedulerSpec } from "../../core/torch/spec";
import type { Inputs } from "../index";
import type { ArgProblem } from "./torchArgs";
import { trainingLength, type TrainerLimits } from "./trainer";

export interface LightningSchedule {
  readonly name: string;
  readonly groups: readonly ParamGroup[];
  /** The schedulers in construction order; the last is the one Lightning steps (`undefined`: none). */
  readonly schedulers: readonly TorchSchedulerSpec[];
  readonly stepped?: number;
  /** `interval` of the lr_scheduler config ("epoch" unless it says otherwise). */
  readonly interval: Unit;
  /** `frequency`: stepped after every n-th epoch/step. */
  readonly frequency: number;
  readonly limits: TrainerLimits;
  readonly source: SourceRange;
  /** Problems of reading the optimizer and scheduler; an error or a `needs-input` stops the curve. */
  readonly problems: readonly ArgProblem[];
}

/**
 * A Lightning run as a TorchProgram: the schedulers PyTorch builds, stepped by Lightning's loop once per
 * `interval` every `frequency` (lightning/pytorch/loops/training_epoch_loop.py `_update_learning_rates`:
 * `(idx + 1) % frequency == 0`, with idx the epoch, or the batch index within the epoch).
 */
export function describeLightning(s: LightningSchedule, inputs: Inputs): ScheduleDescription {
  const length = trainingLength(s.limits, s.interval, inputs);
  const problems: Problem[] = [...s.problems.filter((p) => p.code !== "needs-input"), ...length.problems];
  const assumptions = [...length.assumptions];
  for (const p of s.problems) if (p.code === "needs-input") assumptions.push({ input: p.input ?? "stepsPerEpoch", message: p.message, range: p.range });
  if (s.frequency !== 1 && s.interval === "step" && length.stepsPerEpoch && length.stepsPerEpoch.value % s.frequency !== 0) {
    problems.push({ severity: "warning", code: "frequency-epoch-reset", message: `Lightning counts frequency ${s.frequency} by the batch index within each epoch, and ${length.stepsPerEpoch.value} steps per epoch is not a multiple of it: the curve counts steps across epochs`, range: s.source });
  }
  const fatal = problems.some((p) => p.severity === "error");
  return {
    name: s.name,
    dialect: "lightning",
    unit: s.interval,
    total: fatal ? undefined : length.total,
    epochs: length.epochs,
    stepsPerEpoch: s.interval === "step" ? length.stepsPerEpoch : undefined,
    groups: s.groups,
    program: { family: "torch", schedulers: s.schedulers, stepped: s.stepped === undefined || fatal ? [] : [s.stepped], ...(s.frequency !== 1 ? { stepEvery: s.frequency } : {}) },
    source: s.source,
    assumptions,
    problems,
  };
}
