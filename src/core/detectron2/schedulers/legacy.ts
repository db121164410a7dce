import { Detectron2Error, type IterationSchedulerSpec } from "../spec";
import { bisectRight } from "./compiled";

/** An `_LRScheduler` whose `get_lr()` is a formula of `last_epoch` (the iteration) and each group's base LR. */
export interface IterationScheduler {
  lr(baseLr: number, iteration: number): number;
  phase(iteration: number): string;
}

/** `_get_warmup_factor_at_iter` (detectron2/solver/lr_scheduler.py). */
export function warmupFactorAtIter(method: string, iter: number, warmupIters: number, warmupFactor: number): number {
  if (iter >= warmupIters) return 1.0;
  if (method === "constant") return warmupFactor;
  if (method === "linear") {
    const alpha = iter / warmupIters;
    return warmupFactor * (1 - alpha) + alpha;
  }
  throw new Detectron2Error("invalid-argument", `ValueError: Unknown warmup method: ${method}`);
}

/**
 * detectron2 ≤ 0.3 `WarmupMultiStepLR` and `WarmupCosineLR` (detectron2/solver/lr_scheduler.py @ v0.3, still
 * in the file as deprecated classes), and the DeepLab project's `WarmupPolyLR`
 * (projects/DeepLab/deeplab/lr_scheduler.py), each in the operation order of its `get_lr()`.
 */
export function iterationScheduler(spec: IterationSchedulerSpec): IterationScheduler {
  const warmupPhase = (t: number, iters: number): string => (t < iters ? "warmup" : "after warmup");
  switch (spec.kind) {
    case "WarmupMultiStepLR": {
      const ms = spec.milestones;
      for (let i = 1; i < ms.length; i++) if (ms[i]! < ms[i - 1]!) throw new Detectron2Error("invalid-argument", `WarmupMultiStepLR raises ValueError: Milestones should be a list of increasing integers. Got [${ms.join(", ")}]`, spec.range);
      return {
        lr: (base, t) => base * warmupFactorAtIter(spec.warmupMethod, t, spec.warmupIters, spec.warmupFactor) * spec.gamma ** bisectRight(ms, t),
        phase: (t) => {
          const k = bisectRight(ms, t);
          return k > 0 ? `× ${spec.gamma}^${k} (step ${ms[k - 1]})` : warmupPhase(t, spec.warmupIters);
        },
      };
    }
    case "WarmupCosineLR":
      return {
        lr: (base, t) => base * warmupFactorAtIter(spec.warmupMethod, t, spec.warmupIters, spec.warmupFactor) * 0.5 * (1.0 + Math.cos((Math.PI * t) / spec.maxIters)),
        phase: (t) => warmupPhase(t, spec.warmupIters),
      };
    case "WarmupPolyLR":
      return {
        lr: (base, t) => {
          const wf = warmupFactorAtIter(spec.warmupMethod, t, spec.warmupIters, spec.warmupFactor);
          const x = 1.0 - t / spec.maxIters;
          if (x < 0 && !Number.isInteger(spec.power)) throw new Detectron2Error("math-domain", "WarmupPolyLR raises ValueError: math domain error (iteration past max_iters)", spec.range);
          const poly = Math.pow(x, spec.power);
          if (spec.constantEnding > 0 && wf === 1.0 && poly < spec.constantEnding) return base * spec.constantEnding;
          return base * wf * poly;
        },
        phase: (t) => {
          if (t < spec.warmupIters) return "warmup";
          return spec.constantEnding > 0 && Math.pow(1.0 - t / spec.maxIters, spec.power) < spec.constantEnding ? "constant ending" : "after warmup";
        },
      };
  }
}
