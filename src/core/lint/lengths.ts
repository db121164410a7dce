import type { TorchSchedulerSpec } from "../torch/spec";
import type { Value } from "../value";
import { arg } from "./rule";

/** A length-like argument of a torch scheduler: how many of its ticks a decay takes (T_max, step_size...). */
export interface LengthArg {
  readonly name: string;
  readonly ticks: number;
  readonly value?: Value;
}

/**
 * The arguments of the schedulers that shape the main decay, as written (warmup helpers such as LinearLR and
 * ConstantLR, and OneCycleLR whose total_steps has its own rule, are left out).
 */
export function decayLengths(s: TorchSchedulerSpec): LengthArg[] {
  switch (s.kind) {
    case "CosineAnnealingLR":
      return [{ name: "T_max", ticks: s.tMax, value: arg(s, "T_max") }];
    case "CosineAnnealingWarmRestarts":
      return [{ name: "T_0", ticks: s.t0, value: arg(s, "T_0") }];
    case "StepLR":
      return [{ name: "step_size", ticks: s.stepSize, value: arg(s, "step_size") }];
    case "MultiStepLR":
      return s.milestones.map((m, i) => ({ name: `milestones[${i}]`, ticks: m, value: arg(s, `milestones[${i}]`) }));
    case "PolynomialLR":
      return [{ name: "total_iters", ticks: s.totalIters, value: arg(s, "total_iters") }];
    default:
      return [];
  }
}

/** Whether a value is computed from a per-batch quantity (`len(train_loader)`, steps per epoch). */
export function countsBatches(v: Value | undefined): boolean {
  if (!v) return false;
  const o = v.origin;
  if (o.kind === "user") return /steps.per.epoch|stepsPerEpoch|dataset.size|total.steps/i.test(o.option);
  if (o.kind === "expression") return /len\s*\(|steps_per_epoch|iters_per_epoch|num_batches|num_training_steps|total_steps|max_steps/i.test(o.text) || o.inputs.some(countsBatches);
  return false;
}
