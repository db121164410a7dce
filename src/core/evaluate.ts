import type { Curve } from "./curve";
import type { ScheduleDescription } from "./schedule";
import { evaluateDeepSpeed } from "./deepspeed/evaluate";
import { evaluateFairseq } from "./fairseq/evaluate";
import { evaluateKeras } from "./keras/evaluate";
import { evaluateMegatron } from "./megatron/evaluate";
import { evaluateNemo } from "./nemo/evaluate";
import { evaluateOptax } from "./optax/evaluate";
import { evaluateDetectron2 } from "./detectron2/evaluate";
import { evaluateMmengine } from "./mmengine/evaluate";
import { evaluatePaddle } from "./paddle/evaluate";
import { evaluateTimm } from "./timm/evaluate";
import { evaluateTorch } from "./torch/evaluate";
import { evaluateUltralytics } from "./ultralytics/evaluate";

/** Above this many ticks a curve is refused unless the caller asks for it (80 MB per series). */
export const MAX_TICKS = 10_000_000;

export interface EvaluateOptions {
  /** Evaluate beyond any limit (the CLI's `--allow-huge`). */
  readonly allowHuge?: boolean;
  /** Refuse curves longer than this many ticks (default `MAX_TICKS`; the extension's `lrscope.maxTicks`). */
  readonly maxTicks?: number;
}

/** The limit `evaluate` applies with these options: `maxTicks` when it is a positive number, else `MAX_TICKS`. */
export function tickLimit(options: EvaluateOptions = {}): number {
  if (options.allowHuge === true) return Number.POSITIVE_INFINITY;
  const m = options.maxTicks;
  return m !== undefined && m >= 1 ? Math.floor(m) : MAX_TICKS;
}

/**
 * The curve a schedule description produces over `total` ticks (default: the description's own total).
 * Only the evaluation's problems are returned; the description's own problems stay with it.
 */
export function evaluate(desc: ScheduleDescription, total: number | undefined = desc.total?.value, options: EvaluateOptions = {}): Curve {
  return withNonFiniteWarning(desc, evaluateFamily(desc, total, options));
}

/**
 * A NaN or infinite value (from `lr=float('nan')`, `momentum=1e309`, an overflow...) is drawn as the framework
 * would compute it, never silently: the curve says where it first appears.
 */
function withNonFiniteWarning(desc: ScheduleDescription, curve: Curve): Curve {
  // The families' evaluators say it themselves for the learning rate; this catches the rest (momentum...).
  if (curve.problems.some((p) => p.code === "not-finite")) return curve;
  for (const [kind, series] of [["learning rate", curve.groups], ["momentum", curve.momentum ?? []]] as const) {
    for (const [g, values] of series.entries()) {
      const t = firstNonFinite(values);
      if (t < 0) continue;
      const group = series.length > 1 ? ` of param group ${g}` : "";
      const message = `${desc.name}: the ${kind}${group} is ${values[t]} at ${desc.unit} ${t}: check the values it is computed from.`;
      return { ...curve, problems: [...curve.problems, { severity: "error", code: "not-finite", message, range: desc.source }] };
    }
  }
  return curve;
}

/** A plain loop: `findIndex` with a callback costs ~10× more on a 1M-tick series (bench/curve.ts). */
function firstNonFinite(values: Float64Array): number {
  for (let t = 0; t < values.length; t++) {
    const v = values[t]!;
    if (v - v !== 0) return t;
  }
  return -1;
}

function evaluateFamily(desc: ScheduleDescription, total: number | undefined, options: EvaluateOptions): Curve {
  const empty = (severity: "error", code: string, message: string): Curve => ({
    unit: desc.unit,
    total: 0,
    groups: desc.groups.map(() => new Float64Array(0)),
    boundaries: [],
    problems: [{ severity, code, message, range: desc.total?.range ?? desc.source }],
  });
  if (total === undefined || !Number.isFinite(total) || total < 0) {
    return empty(
      "error",
      "total-unknown",
      total === undefined
        ? `How long ${desc.name} trains is not known: give the number of ${desc.unit}s.`
        : `${desc.name}: the training length ${total} is not a number of ${desc.unit}s.`,
    );
  }
  const ticks = Math.floor(total);
  const limit = tickLimit(options);
  if (ticks > limit) {
    return empty("error", "too-many-ticks", `${desc.name}: ${ticks.toLocaleString("en-US")} ${desc.unit}s is more than the ${limit.toLocaleString("en-US")} evaluated ${limit === MAX_TICKS ? "by default" : "at most"}.`);
  }
  switch (desc.program.family) {
    case "keras": {
      const result = evaluateKeras(desc.program, ticks);
      return { unit: desc.unit, total: ticks, ...result };
    }
    case "optax": {
      const result = evaluateOptax(desc.program, ticks);
      return { unit: desc.unit, total: ticks, ...result };
    }
    case "megatron": {
      const result = evaluateMegatron(desc.program, ticks);
      return { unit: desc.unit, total: ticks, ...result };
    }
    case "fairseq": {
      const result = evaluateFairseq(desc.program, ticks);
      return { unit: desc.unit, total: ticks, ...result };
    }
    case "nemo": {
      const result = evaluateNemo(desc.program, desc.groups, ticks);
      // A scheduler that raises ends the curve there (at construction: no curve).
      return { unit: desc.unit, total: Math.min(ticks, ...result.groups.map((g) => g.length)), ...result };
    }
    case "timm": {
      const result = evaluateTimm(desc.program, desc.groups, ticks);
      return { unit: desc.unit, total: ticks, ...result };
    }
    case "torch": {
      const result = evaluateTorch(desc.program, desc.groups, ticks);
      return { unit: desc.unit, total: ticks, ...result };
    }
    case "detectron2": {
      const result = evaluateDetectron2(desc.program, desc.groups, ticks);
      return { unit: desc.unit, total: ticks, ...result };
    }
    case "deepspeed": {
      const result = evaluateDeepSpeed(desc.program, desc.groups, ticks);
      // A scheduler whose constructor raises yields no values: the curve is empty, not `ticks` long.
      return { unit: desc.unit, total: result.groups.some((g) => g.length < ticks) ? 0 : ticks, ...result };
    }
    case "ultralytics": {
      const result = evaluateUltralytics(desc.program, desc.groups, ticks);
      return { unit: desc.unit, total: ticks, ...result, momentum: result.momentum.length > 0 ? result.momentum : undefined };
    }
    case "paddle": {
      const result = evaluatePaddle(desc.program, desc.groups, ticks);
      return { unit: desc.unit, total: ticks, ...result };
    }
    case "mmengine": {
      const result = evaluateMmengine(desc.program, desc.groups, ticks);
      return { unit: desc.unit, total: ticks, ...result };
    }
  }
}
