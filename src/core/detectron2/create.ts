import { Detectron2Error, type ParamSchedulerSpec } from "./spec";
import type { CompiledScheduler } from "./schedulers/compiled";
import { compositeScheduler } from "./schedulers/composite";
import { constantScheduler } from "./schedulers/constant";
import { cosineScheduler } from "./schedulers/cosine";
import { exponentialScheduler } from "./schedulers/exponential";
import { linearScheduler } from "./schedulers/linear";
import { multiStepScheduler } from "./schedulers/multiStep";
import { polynomialDecayScheduler } from "./schedulers/polynomialDecay";
import { stepScheduler } from "./schedulers/step";
import { stepWithFixedGammaScheduler } from "./schedulers/stepWithFixedGamma";
import { warmupScheduler } from "./schedulers/warmup";

/** Runs the constructors of a scheduler tree, innermost first, as instantiating the config does. */
export function createParamScheduler(spec: ParamSchedulerSpec): CompiledScheduler {
  try {
    switch (spec.kind) {
      case "ConstantParamScheduler":
        return constantScheduler(spec.value);
      case "CosineParamScheduler":
        return cosineScheduler(spec.startValue, spec.endValue);
      case "ExponentialParamScheduler":
        return exponentialScheduler(spec.startValue, spec.decay);
      case "LinearParamScheduler":
        return linearScheduler(spec.startValue, spec.endValue);
      case "PolynomialDecayParamScheduler":
        return polynomialDecayScheduler(spec.baseValue, spec.power);
      case "MultiStepParamScheduler":
        return multiStepScheduler(spec.values, spec.numUpdates, spec.milestones);
      case "StepParamScheduler":
        return stepScheduler(spec.numUpdates, spec.values);
      case "StepWithFixedGammaParamScheduler":
        return stepWithFixedGammaScheduler(spec.baseValue, spec.numDecays, spec.gamma, spec.numUpdates);
      case "CompositeParamScheduler":
        return compositeScheduler(spec.schedulers.map(createParamScheduler), spec.lengths, spec.intervalScaling);
      case "WarmupParamScheduler":
        return warmupScheduler(createParamScheduler(spec.scheduler), spec.warmupFactor, spec.warmupLength, spec.warmupMethod, spec.rescaleInterval);
    }
  } catch (e) {
    // The innermost scheduler's range is the most precise place to point at.
    if (e instanceof Detectron2Error && e.range === undefined && spec.range) throw new Detectron2Error(e.code, e.message, spec.range);
    throw e;
  }
}
