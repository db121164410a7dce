import type { Curve } from "./curve";
import type { ScheduleDescription } from "./schedule";
import { evaluateDeepSpeed } from "./deepspeed/evaluate";
import { evaluateMmengine } from "./mmengine/evaluate";
import { evaluateTimm } from "./timm/evaluate";
import { evaluateTorch } from "./torch/evaluate";

/** Above this many ticks a curve is refused unless the caller asks for it (80 MB per series). */
export const MAX_TICKS = 10_000_000;

export interface EvaluateOptions {
  /** Evaluate beyond `MAX_TICKS`. */
  readonly allowHuge?: boolean;
}

/**
 * The curve a schedule description produces over `total` ticks (default: the description's own total).
 * Only the evaluation's problems are returned; the description's own problems stay with it.
 */
export function evaluate(desc: ScheduleDescription, total: number | undefined = desc.total?.value, options: EvaluateOptions = {}): Curve {
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
  if (ticks > MAX_TICKS && options.allowHuge !== true) {
    return empty("error", "too-many-ticks", `${desc.name}: ${ticks.toLocaleString("en-US")} ${desc.unit}s is more than the ${MAX_TICKS.toLocaleString("en-US")} evaluated by default.`);
  }
  switch (desc.program.family) {
    case "timm": {
      const result = evaluateTimm(desc.program, desc.groups, ticks);
      return { unit: desc.unit, total: ticks, ...result };
    }
    case "torch": {
      const result = evaluateTorch(desc.program, desc.groups, ticks);
      return { unit: desc.unit, total: ticks, ...result };
    }
    case "deepspeed": {
      const result = evaluateDeepSpeed(desc.program, desc.groups, ticks);
      return { unit: desc.unit, total: ticks, ...result };
    }
    case "mmengine": {
      const result = evaluateMmengine(desc.program, desc.groups, ticks);
      return { unit: desc.unit, total: ticks, ...result };
    }
  }
}
