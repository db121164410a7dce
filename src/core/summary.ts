import type { Curve } from "./curve";
import { formatLr } from "./explain";
import type { ScheduleDescription } from "./schedule";
import type { TorchSchedulerSpec } from "./torch/spec";

/**
 * A schedule in a few words, for CodeLens titles, tree items and the status bar: where the LR starts its
 * run and where it ends, the warmup, the shape and the length.
 */
export interface ScheduleSummary {
  /** The highest LR of group 0 (the value warmup climbs to); absent when the curve cannot be drawn. */
  readonly peakLr?: number;
  /** LR of group 0 during the last tick. */
  readonly finalLr?: number;
  /** Ticks of the initial climb to the peak (0 when the schedule starts at its peak). */
  readonly warmupTicks: number;
  /** `cosine`, `step ×0.1 every 30`, `one-cycle`... as the program says, or `decay`/`constant` from the curve. */
  readonly shape: string;
  readonly unit: ScheduleDescription["unit"];
  readonly totalTicks?: number;
  readonly ticksPerEpoch?: number;
  /** What is missing when the curve cannot be drawn (`steps per epoch`). */
  readonly needs: readonly string[];
}

const inputWords: Readonly<Record<string, string>> = {
  stepsPerEpoch: "steps per epoch",
  devices: "devices",
  totalSteps: "total steps",
  datasetSize: "dataset size",
  gradientAccumulation: "gradient accumulation",
  epochs: "epochs",
  metric: "metric",
  commandLine: "command line",
};

/** Reads the summary off the curve (framework-neutral) and the program (the shape's name). */
export function summarize(desc: ScheduleDescription, curve: Curve): ScheduleSummary {
  const lr = curve.groups[0];
  const drawn = lr !== undefined && curve.total > 0 && lr.length > 0;
  const ticksPerEpoch = desc.unit === "epoch" ? 1 : desc.stepsPerEpoch?.value;
  // One pass over the series for its maximum (a hover summarizes a 10^6-tick curve every time).
  const peak = drawn ? max(lr) : undefined;
  const shape = shapeOf(desc) ?? (peak !== undefined ? curveShape(lr!, peak) : "");
  const cyclic = /cycl|restart|one-cycle/.test(shape);
  return {
    peakLr: peak,
    finalLr: drawn ? lr[lr.length - 1] : undefined,
    warmupTicks: peak !== undefined && !cyclic ? warmupTicks(lr!, peak) : 0,
    shape,
    unit: desc.unit,
    totalTicks: drawn ? curve.total : undefined,
    ticksPerEpoch: ticksPerEpoch !== undefined && ticksPerEpoch > 0 ? ticksPerEpoch : undefined,
    needs: [...new Set(desc.assumptions.filter((a) => a.value === undefined).map((a) => inputWords[a.input] ?? a.input))],
  };
}

/** `0.4 → 0 · warmup 5 ep · cosine · 90 ep`; `? · cosine · needs steps per epoch` when it cannot be drawn. */
export function formatSummary(s: ScheduleSummary): string {
  const parts: string[] = [];
  if (s.peakLr === undefined || s.finalLr === undefined) parts.push("?");
  else if (s.peakLr === s.finalLr && s.shape === "constant") parts.push(formatLr(s.peakLr));
  else parts.push(`${formatLr(s.peakLr)} → ${formatLr(s.finalLr)}`);
  if (s.warmupTicks > 0) parts.push(`warmup ${formatLength(s.warmupTicks, s)}`);
  if (s.shape !== "") parts.push(s.shape);
  if (s.totalTicks !== undefined) parts.push(formatLength(s.totalTicks, s));
  if (s.needs.length > 0) parts.push(`needs ${s.needs.join(", ")}`);
  return parts.join(" · ");
}

/** `5 ep` when the length is a whole number of epochs (or epochs are the unit), else `500 steps`. */
export function formatLength(ticks: number, s: Pick<ScheduleSummary, "unit" | "ticksPerEpoch">): string {
  if (s.unit === "epoch") return `${ticks} ep`;
  const spe = s.ticksPerEpoch;
  if (spe !== undefined && ticks % spe === 0) return `${ticks / spe} ep`;
  if (spe !== undefined && ticks >= spe) return `${Number((ticks / spe).toFixed(2))} ep`;
  return `${ticks} ${ticks === 1 ? "step" : "steps"}`;
}

/** Where tick `t` lies: warmup, or after the last boundary before it, and the next boundary. */
export interface Phase {
  readonly name: string;
  /** The boundary that starts the phase (absent: the start of training). */
  readonly since?: number;
  /** The next boundary's tick and label. */
  readonly next?: { readonly tick: number; readonly label: string };
}

export function phaseAt(curve: Curve, summary: ScheduleSummary, t: number): Phase {
  const before = curve.boundaries.filter((b) => b.tick <= t && b.tick > 0).sort((a, b) => a.tick - b.tick);
  const after = curve.boundaries.filter((b) => b.tick > t).sort((a, b) => a.tick - b.tick)[0];
  const next = after ? { tick: after.tick, label: after.label } : undefined;
  if (t < summary.warmupTicks) return { name: "warmup", next: next && next.tick <= summary.warmupTicks ? next : { tick: summary.warmupTicks, label: "warmup ends" } };
  if (curve.total > 0 && t >= curve.total) return { name: "after the end of training", since: curve.total };
  const last = before.at(-1);
  if (last) return { name: `after ${last.label}`, since: last.tick, next };
  return { name: summary.shape, next };
}

// Indexed loops: `for...of` over a Float64Array is about 10× slower in Node 20.
function max(xs: Float64Array): number {
  let m = -Infinity;
  for (let i = 0; i < xs.length; i++) if (xs[i]! > m) m = xs[i]!;
  return m;
}

/** Length of the initial non-decreasing climb to the global maximum `peak` (0 when tick 0 is already the peak). */
function warmupTicks(lr: Float64Array, peak: number): number {
  if (!(lr[0]! < peak)) return 0;
  for (let t = 1; t < lr.length; t++) {
    if (lr[t]! < lr[t - 1]!) return 0;
    if (lr[t]! >= peak) return t;
  }
  return 0;
}

function curveShape(lr: Float64Array, peak: number): string {
  const first = lr[0]!;
  const last = lr[lr.length - 1]!;
  let constant = true;
  for (let i = 0; i < lr.length && constant; i++) if (lr[i] !== first) constant = false;
  if (constant) return "constant";
  return last < peak ? "decay" : "rise";
}

/** The program's own name for its shape; `undefined` for families this module does not know (yet). */
function shapeOf(desc: ScheduleDescription): string | undefined {
  if (desc.program.family === "torch") {
    const { schedulers, stepped } = desc.program;
    const tops = stepped.length > 0 ? stepped : schedulers.length > 0 ? [schedulers.length - 1] : [];
    const shapes = tops.map((i) => torchShape(i, schedulers)).filter((s) => s !== "");
    return shapes.length > 0 ? shapes.join(" + ") : undefined;
  }
  if (desc.program.family === "deepspeed") {
    const s = desc.program.scheduler;
    switch (s.kind) {
      case "WarmupLR":
        return "constant";
      case "WarmupDecayLR":
        return "linear decay";
      case "WarmupCosineLR":
        return "cosine";
      case "OneCycle":
        return "one-cycle";
      case "LRRangeTest":
        return "LR range test";
    }
  }
  if (desc.program.family === "mmengine") {
    const { schedulers, legacy } = desc.program;
    if (legacy) return mmcvShapes[legacy.policy] ?? legacy.policy;
    const lr = schedulers.filter((s) => s.param === "lr");
    // A Linear/Constant/QuadraticWarmup at the start followed by something else is the warmup.
    const body = lr.length > 1 && ["Linear", "QuadraticWarmup", "Constant"].includes(lr[0]!.kind) && lr[0]!.begin === 0 ? lr.slice(1) : lr;
    const names = body.map((s) => mmShapes[s.kind] ?? s.name);
    return names.length > 0 ? [...new Set(names)].join(" + ") : undefined;
  }
  return undefined;
}

const mmShapes: Readonly<Record<string, string>> = {
  Linear: "linear",
  Constant: "constant",
  Step: "step",
  MultiStep: "multi-step",
  Exponential: "exponential",
  CosineAnnealing: "cosine",
  Poly: "poly",
  OneCycle: "one-cycle",
  CosineRestart: "cosine restarts",
  QuadraticWarmup: "quadratic warmup",
  ReduceOnPlateau: "on plateau (flat)",
};

const mmcvShapes: Readonly<Record<string, string>> = {
  Fixed: "constant",
  Step: "step",
  Exp: "exponential",
  Poly: "poly",
  Inv: "inverse",
  CosineAnnealing: "cosine",
  FlatCosineAnnealing: "flat + cosine",
  CosineRestart: "cosine restarts",
};

function torchShape(i: number, all: readonly TorchSchedulerSpec[], inside = false): string {
  const s = all[i];
  if (!s) return "";
  switch (s.kind) {
    case "StepLR":
      return `step ×${formatLr(s.gamma)} every ${s.stepSize}`;
    case "MultiStepLR":
      return `×${formatLr(s.gamma)} at ${s.milestones.join(", ")}`;
    case "ConstantLR":
      return inside ? "" : `×${formatLr(s.factor)} for ${s.totalIters}`;
    case "LinearLR":
      return inside ? "" : "linear";
    case "ExponentialLR":
      return `exponential ×${formatLr(s.gamma)}`;
    case "PolynomialLR":
      return s.power === 1 ? "linear decay" : `poly ${formatLr(s.power)}`;
    case "CosineAnnealingLR":
      return "cosine";
    case "CosineAnnealingWarmRestarts":
      return `cosine restarts T_0=${s.t0}${s.tMult !== 1 ? ` ×${s.tMult}` : ""}`;
    case "CyclicLR":
      return `cyclic ${s.mode}`;
    case "OneCycleLR":
      return "one-cycle";
    case "LambdaLR":
      return "lambda";
    case "MultiplicativeLR":
      return "multiplicative";
    case "ReduceLROnPlateau":
      return "on plateau (flat)";
    case "SequentialLR": {
      // A warmup child (LinearLR/ConstantLR first) is said by the warmup part of the summary.
      const parts = s.schedulers.map((c, k) => torchShape(c, all, k === 0 && s.schedulers.length > 1)).filter((p) => p !== "");
      return parts.join(" → ");
    }
    case "ChainedScheduler":
      return s.schedulers.map((c) => torchShape(c, all)).filter((p) => p !== "").join(" + ");
  }
}
