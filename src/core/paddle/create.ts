import type { LRScheduler } from "./scheduler";
import { ConstantScheduler } from "./schedulers/constant";
import { CosineAnnealingScheduler } from "./schedulers/cosineAnnealing";
import { CosineWarmRestartsScheduler } from "./schedulers/cosineWarmRestarts";
import { CyclicalCosineScheduler } from "./schedulers/cyclicalCosine";
import { CyclicScheduler } from "./schedulers/cyclic";
import { ExponentialScheduler } from "./schedulers/exponential";
import { InverseTimeScheduler } from "./schedulers/inverseTime";
import { LambdaScheduler } from "./schedulers/lambda";
import { LinearLRScheduler } from "./schedulers/linearLR";
import { LinearWarmupScheduler } from "./schedulers/linearWarmup";
import { MultiStepScheduler } from "./schedulers/multiStep";
import { NaturalExpScheduler } from "./schedulers/naturalExp";
import { NoamScheduler } from "./schedulers/noam";
import { OneCycleScheduler } from "./schedulers/oneCycle";
import { OneCycleDecayScheduler } from "./schedulers/oneCycleDecay";
import { PiecewiseScheduler } from "./schedulers/piecewise";
import { PolynomialScheduler } from "./schedulers/polynomial";
import { ReduceOnPlateauScheduler } from "./schedulers/reduceOnPlateau";
import { StepScheduler } from "./schedulers/step";
import { TwoStepCosineScheduler } from "./schedulers/twoStepCosine";
import type { PaddleSchedulerSpec } from "./spec";

/** Builds a scheduler as its Python constructor does (including the `step()` that ends `__init__`). */
export function createPaddleScheduler(spec: PaddleSchedulerSpec): LRScheduler {
  return build(spec).init();
}

function build(s: PaddleSchedulerSpec): LRScheduler {
  switch (s.kind) {
    case "Constant":
      return new ConstantScheduler(s.learningRate);
    case "NoamDecay":
      return new NoamScheduler(s.dModel, s.warmupSteps, s.learningRate);
    case "PiecewiseDecay":
      return new PiecewiseScheduler(s.boundaries, s.values);
    case "NaturalExpDecay":
      return new NaturalExpScheduler(s.learningRate, s.gamma);
    case "InverseTimeDecay":
      return new InverseTimeScheduler(s.learningRate, s.gamma);
    case "PolynomialDecay":
      return new PolynomialScheduler(s.learningRate, s.decaySteps, s.endLr, s.power, s.cycle);
    case "LinearWarmup": {
      // A float stays a float (LinearWarmup returns it as is); a scheduler is built (and stepped once) first.
      const inner = typeof s.learningRate === "number" ? s.learningRate : createPaddleScheduler(s.learningRate);
      return new LinearWarmupScheduler(inner, s.warmupSteps, s.startLr, s.endLr);
    }
    case "ExponentialDecay":
      return new ExponentialScheduler(s.learningRate, s.gamma);
    case "MultiStepDecay":
      return new MultiStepScheduler(s.learningRate, s.milestones, s.gamma);
    case "StepDecay":
      return new StepScheduler(s.learningRate, s.stepSize, s.gamma);
    case "LambdaDecay":
      return new LambdaScheduler(s.learningRate, s.lambda);
    case "ReduceOnPlateau":
      return new ReduceOnPlateauScheduler(s.learningRate, s.mode, s.factor, s.patience, s.threshold, s.thresholdMode, s.cooldown, s.minLr, s.epsilon);
    case "CosineAnnealingDecay":
      return new CosineAnnealingScheduler(s.learningRate, s.tMax, s.etaMin);
    case "OneCycleLR":
      return new OneCycleScheduler(s.maxLearningRate, s.totalSteps, s.divideFactor, s.endLearningRate, s.phasePct, s.annealStrategy, s.threePhase);
    case "CyclicLR":
      return new CyclicScheduler(s.baseLearningRate, s.maxLearningRate, s.stepSizeUp, s.stepSizeDown, s.mode, s.expGamma);
    case "LinearLR":
      return new LinearLRScheduler(s.learningRate, s.totalSteps, s.startFactor, s.endFactor);
    case "CosineAnnealingWarmRestarts":
      return new CosineWarmRestartsScheduler(s.learningRate, s.t0, s.tMult, s.etaMin);
    case "CyclicalCosineDecay":
      return new CyclicalCosineScheduler(s.learningRate, s.cycle, s.etaMin);
    case "OneCycleDecay":
      return new OneCycleDecayScheduler(s.maxLr, s.epochs, s.stepsPerEpoch, s.pctStart, s.annealStrategy, s.divFactor, s.finalDivFactor, s.threePhase);
    case "TwoStepCosineDecay":
      return new TwoStepCosineScheduler(s.learningRate, s.tMax1, s.tMax2, s.etaMin);
  }
}
