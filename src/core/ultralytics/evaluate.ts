import type { Boundary } from "../curve";
import type { Problem } from "../problem";
import type { ParamGroup } from "../schedule";
import { ultralyticsLf } from "./lambda";
import type { UltralyticsProgram } from "./spec";
import { inWarmup, npInterp, warmupIterations } from "./warmup";

export interface UltralyticsEvaluation {
  groups: Float64Array[];
  momentum: Float64Array[];
  boundaries: Boundary[];
  problems: Problem[];
}

/**
 * Runs the LR state of an Ultralytics training loop (ultralytics/engine/trainer.py `_do_train`) over `total`
 * iterations and records each group's LR and momentum during iteration `ni` (after the warmup has set them,
 * before the forward pass):
 *
 * - construction: `LambdaLR` sets `lr = initial_lr * lf(0)`; the trainer then sets `last_epoch = -1`;
 * - `scheduler.step()` at the start of each epoch (8.1.x on) → `initial_lr * lf(epoch)` for the epoch, or after
 *   each epoch (8.0.x) → epoch e ≥ 1 starts with `lf(e - 1)`;
 * - warmup iterations overwrite every group: `np.interp(ni, [0, nw], [warmup_bias_lr if bias else 0.0,
 *   initial_lr * lf(epoch)])`, and momentum `np.interp(ni, [0, nw], [warmup_momentum, momentum])` where the
 *   group has one; what the last warmup iteration set stays until the next scheduler step.
 */
export function evaluateUltralytics(program: UltralyticsProgram, groups: readonly ParamGroup[], total: number): UltralyticsEvaluation {
  const { epochs, stepsPerEpoch: nb, loop, roles } = program;
  const problems: Problem[] = [];
  const n = groups.length;
  const initial = groups.map((g) => g.lr.value);
  const lrs = Array.from({ length: n }, () => new Float64Array(total));
  const moms = Array.from({ length: n }, () => new Float64Array(total));
  if (!(nb > 0) || !Number.isInteger(nb)) {
    problems.push({ severity: "error", code: "invalid-steps-per-epoch", message: `The trainer needs a positive whole number of batches per epoch (nb = len(train_loader)), not ${nb}.`, range: program.range });
    return { groups: lrs, momentum: moms, boundaries: [], problems };
  }
  const lf = ultralyticsLf(program.cosLr, program.lrf, epochs);
  const nw = warmupIterations(loop, program.warmupEpochs, nb, epochs);
  // LambdaLR(optimizer, lf) at construction: lr = initial_lr * lf(0).
  const lr = initial.map((base) => base * lf(0));
  const mom = groups.map((g) => g.momentum?.value ?? NaN);
  const roleOf = (g: number): string => roles[g] ?? "weight";
  let epoch = -1;
  for (let ni = 0; ni < total; ni++) {
    const e = Math.floor(ni / nb);
    if (e !== epoch) {
      // Epoch boundaries passed since the last iteration (one, or the first).
      for (let k = epoch + 1; k <= e; k++) {
        if (loop.schedulerStep === "epoch-start") for (let g = 0; g < n; g++) lr[g] = initial[g]! * lf(k);
        else if (k >= 1) for (let g = 0; g < n; g++) lr[g] = initial[g]! * lf(k - 1);
      }
      epoch = e;
    }
    if (inWarmup(loop, ni, nw)) {
      const target = lf(epoch);
      for (let g = 0; g < n; g++) {
        lr[g] = npInterp(ni, nw, roleOf(g) === "bias" ? program.warmupBiasLr : 0.0, initial[g]! * target);
        if (program.warmupMovesMomentum) mom[g] = npInterp(ni, nw, program.warmupMomentum, program.momentumTarget);
      }
    }
    for (let g = 0; g < n; g++) {
      lrs[g]![ni] = lr[g]!;
      moms[g]![ni] = mom[g]!;
    }
  }
  const boundaries: Boundary[] = [];
  const warmupEnd = loop.warmupRule === "capped" ? nw : nw + 1;
  if (nw > 0 && warmupEnd < total) boundaries.push({ tick: warmupEnd, label: `warmup ends (${nw} iterations)` });
  if (epochs > 1 && nb * epochs <= total + nb) {
    // Each epoch's scheduler step; drawn only for short runs.
    if (epochs <= 20) for (let k = 1; k < epochs; k++) if (k * nb < total && k * nb !== warmupEnd) boundaries.push({ tick: k * nb, label: `epoch ${k}` });
  }
  boundaries.sort((a, b) => a.tick - b.tick);
  const hasMomentum = groups.some((g) => g.momentum !== undefined);
  return { groups: lrs, momentum: hasMomentum ? moms : [], boundaries, problems };
}
