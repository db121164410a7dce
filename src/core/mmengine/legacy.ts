import type { MmcvLrUpdater } from "./spec";

/** `annealing_cos` of mmcv/runner/hooks/lr_updater.py. */
function annealingCos(start: number, end: number, factor: number, weight = 1): number {
  const cosOut = Math.cos(Math.PI * factor) + 1;
  return end + 0.5 * weight * (start - end) * cosOut;
}

export interface LegacyRun {
  readonly maxEpochs: number;
  readonly maxIters: number;
  readonly epochLength: number;
}

/**
 * `get_lr(runner, base_lr)` of mmcv 1.x's `<Policy>LrUpdaterHook` (mmcv/runner/hooks/lr_updater.py) at
 * `progress` (the epoch when `by_epoch`, else the iteration). Throws where mmcv raises.
 */
export function mmcvRegularLr(spec: MmcvLrUpdater, baseLr: number, progress: number, run: LegacyRun): number {
  const maxProgress = spec.byEpoch ? run.maxEpochs : run.maxIters;
  switch (spec.policy) {
    case "Fixed":
      return baseLr;
    case "Step": {
      let exp: number;
      if (typeof spec.step === "number") exp = Math.floor(progress / spec.step);
      else {
        exp = spec.step.length;
        for (let i = 0; i < spec.step.length; i++) {
          if (progress < spec.step[i]!) {
            exp = i;
            break;
          }
        }
      }
      const lr = baseLr * spec.gamma ** exp;
      return spec.minLr !== null ? Math.max(lr, spec.minLr) : lr;
    }
    case "Exp":
      return baseLr * spec.gamma ** progress;
    case "Poly": {
      const coeff = (1 - progress / maxProgress) ** spec.power;
      return (baseLr - spec.minLr) * coeff + spec.minLr;
    }
    case "Inv":
      return baseLr * (1 + spec.gamma * progress) ** -spec.power;
    case "CosineAnnealing": {
      const target = spec.minLrRatio !== null ? baseLr * spec.minLrRatio : spec.minLr!;
      return annealingCos(baseLr, target, progress / maxProgress);
    }
    case "FlatCosineAnnealing": {
      // FlatCosineAnnealingLrUpdaterHook: flat until start_percent of the run, then cosine.
      const start = spec.byEpoch ? Math.round(run.maxEpochs * spec.startPercent) : Math.round(run.maxIters * spec.startPercent);
      const max = spec.byEpoch ? run.maxEpochs - start : run.maxIters - start;
      const target = spec.minLrRatio !== null ? baseLr * spec.minLrRatio : spec.minLr!;
      if (progress - start < 0) return baseLr;
      return annealingCos(baseLr, target, (progress - start) / max);
    }
    case "CosineRestart": {
      const target = spec.minLrRatio !== null ? baseLr * spec.minLrRatio : spec.minLr!;
      let sum = 0;
      const cumulative = spec.periods.map((p) => (sum += p));
      const idx = cumulative.findIndex((p) => progress < p);
      if (idx < 0) throw new Error(`Current iteration ${progress} exceeds cumulative_periods ${JSON.stringify(cumulative)}`);
      const weight = spec.restartWeights[idx]!;
      const nearest = idx === 0 ? 0 : cumulative[idx - 1]!;
      const alpha = Math.min((progress - nearest) / spec.periods[idx]!, 1);
      return annealingCos(baseLr, target, alpha, weight);
    }
  }
}

/** `get_warmup_lr(cur_iters)` of `LrUpdaterHook`, for one group. */
function warmupLr(kind: "constant" | "linear" | "exp", ratio: number, warmupIters: number, curIters: number, regular: number): number {
  if (kind === "constant") return regular * ratio;
  if (kind === "linear") {
    const k = (1 - curIters / warmupIters) * (1 - ratio);
    return regular * (1 - k);
  }
  return regular * ratio ** (1 - curIters / warmupIters);
}

/**
 * The LR of each iteration under mmcv 1.x's `LrUpdaterHook`: `before_train_epoch` sets the regular LR
 * (by-epoch policies), `before_train_iter` sets the warmup LR while `iter < warmup_iters` (by-iteration
 * policies recompute the regular LR first). Group by group: every formula reads only its own base LR.
 */
export function evaluateMmcv(spec: MmcvLrUpdater, baseLrs: readonly number[], total: number, run: LegacyRun): Float64Array[] {
  const out = baseLrs.map(() => new Float64Array(total));
  const warmup = spec.warmup;
  const warmupIters = warmup ? (warmup.byEpoch ? warmup.iters * run.epochLength : warmup.iters) : 0;
  baseLrs.forEach((base, g) => {
    const xs = out[g]!;
    let lr = base;
    let regular = base;
    for (let it = 0; it < total; it++) {
      if (spec.byEpoch && it % run.epochLength === 0) {
        regular = mmcvRegularLr(spec, base, Math.floor(it / run.epochLength), run);
        lr = regular;
      }
      if (!spec.byEpoch) {
        regular = mmcvRegularLr(spec, base, it, run);
        lr = !warmup || it >= warmupIters ? regular : warmupLr(warmup.kind, warmup.ratio, warmupIters, it, regular);
      } else if (warmup && it <= warmupIters) {
        lr = it === warmupIters ? regular : warmupLr(warmup.kind, warmup.ratio, warmupIters, it, regular);
      }
      xs[it] = lr;
    }
  });
  return out;
}
