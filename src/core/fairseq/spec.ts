/**
 * A fairseq LR scheduler (facebookresearch/fairseq fairseq/optim/lr_scheduler/*.py) with its config
 * resolved (defaults of its dataclass, `lr` and `max_update` from `optimization`). The trainer calls
 * `step_update(0)` when it builds the scheduler and `step_update(num_updates)` after every update (and at
 * each epoch's begin and end), so update n trains with the LR `step_update(n)` set.
 */
export type FairseqSchedulerKind =
  | { readonly kind: "inverse_sqrt"; readonly lr: number; readonly warmupUpdates: number; readonly warmupInitLr: number }
  | { readonly kind: "polynomial_decay"; readonly lr: number; readonly warmupUpdates: number; readonly endLearningRate: number; readonly power: number; readonly totalNumUpdate: number }
  | { readonly kind: "cosine"; readonly lr: number; readonly warmupUpdates: number; readonly warmupInitLr: number; readonly minLr: number; readonly tMult: number; readonly lrPeriodUpdates: number; readonly lrShrink: number; readonly maxUpdate: number }
  | { readonly kind: "tri_stage"; readonly lr: number; readonly warmupSteps: number; readonly holdSteps: number; readonly decaySteps: number; readonly phaseRatio: readonly number[] | null; readonly initLrScale: number; readonly finalLrScale: number; readonly maxUpdate: number }
  /** Per epoch (`lr` is the list of per-epoch values); needs the updates per epoch. */
  | { readonly kind: "fixed"; readonly lrs: readonly number[]; readonly forceAnneal: number | null; readonly lrShrink: number; readonly warmupUpdates: number; readonly updatesPerEpoch: number };

export interface FairseqProgram {
  readonly family: "fairseq";
  readonly scheduler: FairseqSchedulerKind;
  readonly summary: readonly string[];
}
