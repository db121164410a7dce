import { Detectron2Error } from "../spec";
import { pySum, WHERE_EPSILON, type CompiledScheduler } from "./compiled";

/**
 * fvcore `CompositeParamScheduler`: the first scheduler whose running total of `lengths` reaches
 * `where + 1e-6`; a "rescaled" one sees `(where - start) / length`, a "fixed" one `where` itself. When the
 * lengths do not sum to exactly 1.0 the last becomes `1.0 - sum(lengths[:-1])`, as the constructor does.
 */
export function compositeScheduler(schedulers: readonly CompiledScheduler[], lengthsArg: readonly number[], intervalScaling: readonly string[], labels: readonly string[] = []): CompiledScheduler {
  if (schedulers.length !== lengthsArg.length) throw new Detectron2Error("invalid-argument", "CompositeParamScheduler raises ValueError: Schedulers and lengths must be same length");
  if (schedulers.length === 0) throw new Detectron2Error("invalid-argument", "CompositeParamScheduler raises ValueError: There must be at least one scheduler in the composite scheduler");
  const lengths = [...lengthsArg];
  if (Math.abs(pySum(lengths) - 1.0) >= 1e-3) throw new Detectron2Error("invalid-argument", "CompositeParamScheduler raises ValueError: The sum of all values in lengths must be 1");
  if (pySum(lengths) !== 1.0) lengths[lengths.length - 1] = 1.0 - pySum(lengths.slice(0, -1));
  for (const s of intervalScaling) if (s !== "rescaled" && s !== "fixed") throw new Detectron2Error("invalid-argument", `CompositeParamScheduler raises ValueError: Unsupported interval_scaling: ${s}`);
  const pick = (where: number): { i: number; runningTotal: number } => {
    let i = 0;
    let runningTotal = lengths[0]!;
    while (where + WHERE_EPSILON > runningTotal && i < schedulers.length - 1) {
      i += 1;
      runningTotal += lengths[i]!;
    }
    return { i, runningTotal };
  };
  const local = (where: number, i: number, runningTotal: number): number => {
    // zip() semantics do not apply: fvcore indexes interval_scaling[i], an IndexError when it is shorter.
    const scale = intervalScaling[i];
    if (scale === undefined) throw new Detectron2Error("index-error", "CompositeParamScheduler raises IndexError: interval_scaling has fewer entries than schedulers");
    if (scale !== "rescaled") return where;
    const start = runningTotal - lengths[i]!;
    if (lengths[i] === 0) throw new Detectron2Error("zero-division", "CompositeParamScheduler raises ZeroDivisionError: a rescaled scheduler has length 0");
    return (where - start) / lengths[i]!;
  };
  return {
    value(where) {
      const { i, runningTotal } = pick(where);
      return schedulers[i]!.value(local(where, i, runningTotal));
    },
    phase(where) {
      const { i, runningTotal } = pick(where);
      let inner: string;
      try {
        inner = schedulers[i]!.phase(local(where, i, runningTotal));
      } catch {
        inner = "";
      }
      const label = labels[i] ?? (i === 0 ? "" : `scheduler ${i + 1}`);
      return inner && label ? `${label}: ${inner}` : inner || label;
    },
  };
}
