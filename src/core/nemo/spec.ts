/**
 * A NeMo LR scheduler (NVIDIA/NeMo nemo/core/optim/lr_scheduler.py @ 8cfedd72) as `prepare_lr_scheduler`
 * builds it from `model.optim.sched`: the constructor keyword arguments as the config gives them (`null` where
 * it says `null` or leaves them out), with `max_steps` injected (`trainer.max_steps`, or `compute_max_steps`
 * from `max_epochs`). The constructor's own logic (ratios → steps, assertions) runs in the evaluator, as it
 * does in Python. Lightning steps it once per optimizer step (`interval: 'step'`).
 */
export const NEMO_SCHEDULERS = [
  "WarmupPolicy",
  "WarmupHoldPolicy",
  "SquareAnnealing",
  "CosineAnnealing",
  "NoamAnnealing",
  "NoamHoldAnnealing",
  "WarmupHoldAnnealOneMinusSquareRoot",
  "WarmupHoldAnnealLinear",
  "WarmupAnnealing",
  "InverseSquareRootAnnealing",
  "T5InverseSquareRootAnnealing",
  "SquareRootAnnealing",
  "PolynomialDecayAnnealing",
  "PolynomialHoldDecayAnnealing",
] as const;

export type NemoSchedulerName = (typeof NEMO_SCHEDULERS)[number];

export interface NemoSchedulerArgs {
  readonly name: NemoSchedulerName;
  readonly maxSteps: number;
  readonly warmupSteps: number | null;
  readonly warmupRatio: number | null;
  readonly holdSteps: number | null;
  readonly holdRatio: number | null;
  readonly constantSteps: number | null;
  readonly constantRatio: number | null;
  readonly minLr: number;
  /** PolynomialDecayAnnealing / PolynomialHoldDecayAnnealing. */
  readonly power: number;
  readonly cycle: boolean;
  /** NoamHoldAnnealing. */
  readonly decayRate: number;
  /** NoamAnnealing (required there). */
  readonly dModel: number | null;
  /**
   * NeMo before 1.6.0 (fd8ce344): WarmupAnnealing's `_get_lr` was `initial_lr * max((step / max_steps - 1) /
   * (warmup_steps / max_steps - 1), 0)` per group, without min_lr.
   */
  readonly legacyWarmupAnnealing?: boolean;
}

export interface NemoProgram {
  readonly family: "nemo";
  readonly scheduler: NemoSchedulerArgs;
  readonly summary: readonly string[];
}
