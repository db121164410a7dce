/**
 * Megatron-LM's `OptimizerParamScheduler` (NVIDIA/Megatron-LM megatron/core/optimizer_param_scheduler.py) as
 * `get_optimizer_param_scheduler` (megatron/training/training.py) builds it. Its steps count samples:
 * warmup and decay lengths are iterations × global batch size, and after every successful iteration it is
 * stepped by the global batch size.
 */
/** `constant`, `linear`, `cosine`, `inverse-square-root` or `WSD`; anything else raises in `get_lr`, so it is kept as written. */
export type MegatronDecayStyle = string;

export interface MegatronScheduler {
  readonly initLr: number;
  readonly maxLr: number;
  readonly minLr: number;
  /** In samples (a fraction of the decay length may make it non-integer). */
  readonly warmupSteps: number;
  readonly decaySteps: number;
  readonly decayStyle: MegatronDecayStyle;
  readonly wsdDecaySteps: number | null;
  readonly wsdDecayStyle: string;
}

export interface MegatronProgram {
  readonly family: "megatron";
  readonly scheduler: MegatronScheduler;
  /** Samples per iteration (`step(increment=global_batch_size)`). */
  readonly increment: number;
  readonly summary: readonly string[];
}
