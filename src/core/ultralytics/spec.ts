import type { SourceRange } from "../range";
import type { Value } from "../value";

/**
 * What a param group is to the Ultralytics trainer (`build_optimizer` in ultralytics/engine/trainer.py):
 * the warmup treats the bias group apart (its LR falls from `warmup_bias_lr`, the others rise from 0).
 */
export type UltralyticsGroupRole = "weight" | "bn" | "bias" | "muon";

/**
 * How the trainer's loop behaves in the release followed; it changed between releases
 * (ultralytics/engine/trainer.py `_do_train`).
 */
export interface UltralyticsLoop {
  /**
   * `min100`: `nw = max(round(warmup_epochs * nb), 100) if warmup_epochs > 0 else -1`, warmup while `ni <= nw`
   * (8.0 – 8.4.102; the earliest 8.0 releases had no `else -1`: `always100`).
   * `capped`: `nw = round(min(warmup_epochs, max(epochs - 1, 0)) * nb)` (0 when not > 0), warmup while `ni < nw`
   * (8.4.103 on, `_get_warmup_iterations`).
   */
  readonly warmupRule: "always100" | "min100" | "capped";
  /**
   * When `scheduler.step()` runs: at the start of each epoch (8.1.x on, after `scheduler.last_epoch =
   * start_epoch - 1`), or after each epoch (8.0.x, so epoch e ≥ 1 runs with `lf(e - 1)`).
   */
  readonly schedulerStep: "epoch-start" | "epoch-end";
}

/**
 * An Ultralytics training run: `LambdaLR(optimizer, lf)` with `lf` linear or `one_cycle` cosine over `epochs`,
 * stepped once per epoch, and the per-iteration warmup of the batch loop that sets every group's LR (and
 * momentum) by `np.interp` for the first `nw` iterations. Ticks are iterations (`ni = i + nb * epoch`).
 */
export interface UltralyticsProgram {
  readonly family: "ultralytics";
  readonly epochs: number;
  /** Iterations per epoch, `nb = len(train_loader)`. */
  readonly stepsPerEpoch: number;
  readonly lrf: number;
  readonly cosLr: boolean;
  readonly warmupEpochs: number;
  readonly warmupBiasLr: number;
  readonly warmupMomentum: number;
  /** `args.momentum`: the warmup's momentum target (not the optimizer's own, which `auto` sets to 0.9). */
  readonly momentumTarget: number;
  /** Role of each param group, in the optimizer's order; the group LRs are `groups[g].lr`. */
  readonly roles: readonly UltralyticsGroupRole[];
  /** Whether the groups have a `momentum` key (SGD, MuSGD, RMSprop) that the warmup moves; Adam's β1 stays. */
  readonly warmupMovesMomentum: boolean;
  readonly loop: UltralyticsLoop;
  /** Provenance of every argument, for hovers. */
  readonly args: Readonly<Record<string, Value>>;
  readonly range?: SourceRange;
}
