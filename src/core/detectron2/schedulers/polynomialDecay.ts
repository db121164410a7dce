import { noPhase, type CompiledScheduler } from "./compiled";

/** fvcore `PolynomialDecayParamScheduler`: `base_value * (1 - where) ** power`. */
export function polynomialDecayScheduler(baseValue: number, power: number): CompiledScheduler {
  return { value: (where) => baseValue * (1 - where) ** power, phase: noPhase };
}
