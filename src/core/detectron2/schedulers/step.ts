import { Detectron2Error } from "../spec";
import { WHERE_EPSILON, type CompiledScheduler } from "./compiled";

/**
 * fvcore `StepParamScheduler`: `values[int((where + 1e-6) * len(values))]`; `num_updates` is only checked.
 * At `where = 1` the index is one past the end: Python raises IndexError.
 */
export function stepScheduler(numUpdates: number, values: readonly number[]): CompiledScheduler {
  if (numUpdates <= 0) throw new Detectron2Error("invalid-argument", "StepParamScheduler raises ValueError: Number of updates must be larger than 0");
  if (values.length === 0) throw new Detectron2Error("invalid-argument", "StepParamScheduler raises ValueError: Step scheduler requires a list of at least one param value");
  const index = (where: number): number => Math.trunc((where + WHERE_EPSILON) * values.length);
  return {
    value(where) {
      const i = index(where);
      if (i >= values.length) throw new Detectron2Error("index-error", `StepParamScheduler raises IndexError: list index out of range (index ${i} of ${values.length} values at where=${where})`);
      return values[i]!;
    },
    phase: (where) => {
      const i = index(where);
      return i === 0 ? "" : `× ${values[i]} (step ${i} of ${values.length})`;
    },
  };
}
