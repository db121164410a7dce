/**
 * Paddle's learning-rate schedulers (`python/paddle/optimizer/lr.py` of PaddlePaddle/Paddle) and the few
 * the suites define on the same base class (PaddleOCR `ppocr/optimizer/lr_scheduler.py`, PaddleClas
 * `ppcls/optimizer/learning_rate.py` Constant). Arguments are the constructor's, after the suite's builder
 * turned epochs into iterations; a scheduler is built with `last_epoch=-1` (its constructor steps once).
 */
export type PaddleSchedulerSpec =
  /** A float learning rate (no scheduler), or PaddleClas `Constant`: always the same value. */
  | { readonly kind: "Constant"; readonly learningRate: number }
  | { readonly kind: "NoamDecay"; readonly dModel: number; readonly warmupSteps: number; readonly learningRate: number }
  | { readonly kind: "PiecewiseDecay"; readonly boundaries: readonly number[]; readonly values: readonly number[] }
  | { readonly kind: "NaturalExpDecay"; readonly learningRate: number; readonly gamma: number }
  | { readonly kind: "InverseTimeDecay"; readonly learningRate: number; readonly gamma: number }
  | { readonly kind: "PolynomialDecay"; readonly learningRate: number; readonly decaySteps: number; readonly endLr: number; readonly power: number; readonly cycle: boolean }
  /** `learningRate`: the scheduler it hands over to, or a float (`Constant`). */
  | { readonly kind: "LinearWarmup"; readonly learningRate: PaddleSchedulerSpec | number; readonly warmupSteps: number; readonly startLr: number; readonly endLr: number }
  | { readonly kind: "ExponentialDecay"; readonly learningRate: number; readonly gamma: number }
  | { readonly kind: "MultiStepDecay"; readonly learningRate: number; readonly milestones: readonly number[]; readonly gamma: number }
  | { readonly kind: "StepDecay"; readonly learningRate: number; readonly stepSize: number; readonly gamma: number }
  /** `lr_lambda` as a pure function of the epoch (PaddleClas CosineFixmatch builds one). */
  | { readonly kind: "LambdaDecay"; readonly learningRate: number; readonly lambdaText: string; readonly lambda: (epoch: number) => number }
  /** Stepped with a metric: drawn flat unless something steps it with numbers (see LinearWarmup). */
  | { readonly kind: "ReduceOnPlateau"; readonly learningRate: number; readonly mode: "min" | "max"; readonly factor: number; readonly patience: number; readonly threshold: number; readonly thresholdMode: "rel" | "abs"; readonly cooldown: number; readonly minLr: number; readonly epsilon: number }
  | { readonly kind: "CosineAnnealingDecay"; readonly learningRate: number; readonly tMax: number; readonly etaMin: number }
  | { readonly kind: "OneCycleLR"; readonly maxLearningRate: number; readonly totalSteps: number; readonly divideFactor: number; readonly endLearningRate: number; readonly phasePct: number; readonly annealStrategy: "cos" | "linear"; readonly threePhase: boolean }
  | { readonly kind: "CyclicLR"; readonly baseLearningRate: number; readonly maxLearningRate: number; readonly stepSizeUp: number; readonly stepSizeDown: number | null; readonly mode: "triangular" | "triangular2" | "exp_range"; readonly expGamma: number }
  | { readonly kind: "LinearLR"; readonly learningRate: number; readonly totalSteps: number; readonly startFactor: number; readonly endFactor: number }
  | { readonly kind: "CosineAnnealingWarmRestarts"; readonly learningRate: number; readonly t0: number; readonly tMult: number; readonly etaMin: number }
  /** PaddleOCR `CyclicalCosineDecay`. */
  | { readonly kind: "CyclicalCosineDecay"; readonly learningRate: number; readonly tMax: number; readonly cycle: number; readonly etaMin: number }
  /** PaddleOCR `OneCycleDecay` (torch's OneCycleLR, ported). */
  | { readonly kind: "OneCycleDecay"; readonly maxLr: number; readonly epochs: number; readonly stepsPerEpoch: number; readonly pctStart: number; readonly annealStrategy: "cos" | "linear"; readonly divFactor: number; readonly finalDivFactor: number; readonly threePhase: boolean }
  /** PaddleOCR `TwoStepCosineDecay`. */
  | { readonly kind: "TwoStepCosineDecay"; readonly learningRate: number; readonly tMax1: number; readonly tMax2: number; readonly etaMin: number };

/** One optimizer's schedule: the scheduler, stepped once every `stepEvery` ticks (PaddleClas `update_freq`). */
export interface PaddleGroupSchedule {
  readonly scheduler: PaddleSchedulerSpec;
  readonly stepEvery: number;
  /** Ticks where the schedule changes phase (end of warmup, milestones), for charts. */
  readonly boundaries?: readonly { readonly tick: number; readonly label: string }[];
}

/**
 * A PaddlePaddle suite's schedule: one scheduler per optimizer (PaddleClas may build several), each built
 * and then stepped by the trainer after its optimizer steps. Group 0 is the first optimizer.
 */
export interface PaddleProgram {
  readonly family: "paddle";
  readonly groups: readonly PaddleGroupSchedule[];
  /** The schedulers as Paddle calls, for hovers and `describeProgram`. */
  readonly summary: readonly string[];
}
