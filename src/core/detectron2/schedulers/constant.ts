import { Detectron2Error } from "../spec";
import { noPhase, pyFloat, type CompiledScheduler } from "./compiled";

/** fvcore `ConstantParamScheduler`: the value, for `where` < 1 (it raises at `where >= 1.0`). */
export function constantScheduler(value: number): CompiledScheduler {
  return {
    value(where) {
      if (where >= 1.0) throw new Detectron2Error("where-out-of-range", `ConstantParamScheduler raises RuntimeError: where in ParamScheduler must be in [0, 1]: got ${pyFloat(where)}`);
      return value;
    },
    phase: noPhase,
  };
}
