import { Detectron2Error } from "../spec";
import type { CompiledScheduler } from "./compiled";
import { stepScheduler } from "./step";

/**
 * fvcore `StepWithFixedGammaParamScheduler`: `num_decays + 1` equal steps of a `StepParamScheduler`, each
 * value the previous × gamma (`values.append(values[-1] * gamma)`).
 */
export function stepWithFixedGammaScheduler(baseValue: number, numDecays: number, gamma: number, numUpdates: number): CompiledScheduler {
  if (!(baseValue > 0) || !(gamma > 0)) throw new Detectron2Error("invalid-argument", "StepWithFixedGammaParamScheduler raises ValueError: base_value and gamma must be positive numbers");
  if (!(Number.isInteger(numDecays) && numDecays > 0) || !(Number.isInteger(numUpdates) && numUpdates > 0)) throw new Detectron2Error("invalid-argument", "StepWithFixedGammaParamScheduler raises ValueError: num_decays and num_updates must be positive integers");
  const values = [baseValue];
  for (let i = 0; i < numDecays; i++) values.push(values[values.length - 1]! * gamma);
  return stepScheduler(numUpdates, values);
}
