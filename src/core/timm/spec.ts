import type { SourceRange } from "../range";
import type { Value } from "../value";

/**
 * timm's warmup, shared by every scheduler of `timm/scheduler/*_lr.py`: while `t < warmup_t` the LR is
 * `warmup_lr_init + t * (base - warmup_lr_init) / warmup_t`; with `warmup_prefix` the decay starts after it.
 */
export interface TimmWarmup {
  readonly warmupT: number;
  readonly warmupLrInit: number;
  /** Ignored by the plateau scheduler (the factory drops it). */
  readonly warmupPrefix: boolean;
}

/** Restarts of the cycle-based schedulers (cosine, tanh, poly): `cycle_mul`, `cycle_decay`, `cycle_limit`. */
export interface TimmCycles {
  readonly cycleMul: number;
  readonly cycleDecay: number;
  readonly cycleLimit: number;
}

/** One scheduler of `timm.scheduler` as `create_scheduler_v2` constructs it, times already in ticks. */
export type TimmSchedulerKind =
  | ({ readonly kind: "cosine"; readonly tInitial: number; readonly lrMin: number; readonly kDecay: number } & TimmCycles)
  | ({ readonly kind: "tanh"; readonly tInitial: number; readonly lrMin: number; readonly lb: number; readonly ub: number } & TimmCycles)
  | ({ readonly kind: "poly"; readonly tInitial: number; readonly lrMin: number; readonly power: number; readonly kDecay: number } & TimmCycles)
  | { readonly kind: "step"; readonly decayT: number; readonly decayRate: number }
  | { readonly kind: "multistep"; readonly decayT: readonly number[]; readonly decayRate: number }
  /** Decays on the validation metric, which no file says: held after warmup, and said so. */
  | { readonly kind: "plateau"; readonly decayRate: number; readonly patienceT: number; readonly lrMin: number; readonly mode: "min" | "max" }
  /** `--sched none` (or a name the factory does not know): no scheduler, the optimizer's LR throughout. */
  | { readonly kind: "none" };

/**
 * `Scheduler._add_noise`: during `rangeT` (a start tick, or [start, end)) each step multiplies the LR by
 * `1 + n`, n drawn by a torch generator seeded with `seed + t`, |n| < `pct`. Random: not simulated.
 */
export interface TimmNoise {
  readonly rangeT: number | readonly [number, number];
  readonly pct: number;
  readonly std: number;
  readonly seed: number;
}

/**
 * A timm train.py run: the scheduler `create_scheduler_v2` builds, stepped as train.py steps it — `step(epoch
 * + 1)` after each epoch, `step_update(num_updates)` after each optimizer update; `tInEpochs` says which of the
 * two moves the LR (the other is a no-op). Construction sets the LR of tick 0.
 */
export interface TimmProgram {
  readonly family: "timm";
  readonly scheduler: TimmSchedulerKind;
  readonly warmup: TimmWarmup;
  readonly tInEpochs: boolean;
  readonly noise?: TimmNoise;
  /** Provenance of every scheduler argument (`t_initial`, `warmup_lr_init`...) for hovers. */
  readonly args: Readonly<Record<string, Value>>;
  readonly range?: SourceRange;
}
