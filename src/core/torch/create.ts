import type { Problem } from "../problem";
import { TorchError, type SchedulerContext, type TorchScheduler } from "./scheduler";
import type { TorchSchedulerSpec } from "./spec";
import { ChainedScheduler } from "./schedulers/chainedScheduler";
import { ConstantLR } from "./schedulers/constantLR";
import { CosineAnnealingLR } from "./schedulers/cosineAnnealingLR";
import { CosineAnnealingWarmRestarts } from "./schedulers/cosineAnnealingWarmRestarts";
import { CyclicLR } from "./schedulers/cyclicLR";
import { ExponentialLR } from "./schedulers/exponentialLR";
import { LambdaLR } from "./schedulers/lambdaLR";
import { LinearLR } from "./schedulers/linearLR";
import { MultiplicativeLR } from "./schedulers/multiplicativeLR";
import { MultiStepLR } from "./schedulers/multiStepLR";
import { OneCycleLR } from "./schedulers/oneCycleLR";
import { PolynomialLR } from "./schedulers/polynomialLR";
import { ReduceLROnPlateau } from "./schedulers/reduceLROnPlateau";
import { SequentialLR } from "./schedulers/sequentialLR";
import { StepLR } from "./schedulers/stepLR";

/**
 * Constructs scheduler `index` of a program the way its Python constructor runs, mutating `ctx.opt`.
 * `built` holds the schedulers constructed before it (composites refer to them by index). Throws
 * `TorchError` where PyTorch's constructor raises.
 */
export function createScheduler(spec: TorchSchedulerSpec, index: number, built: readonly (TorchScheduler | undefined)[], ctx: SchedulerContext, problems: Problem[]): TorchScheduler {
  switch (spec.kind) {
    case "StepLR":
      return initialised(new StepLR(spec, ctx));
    case "MultiStepLR":
      return initialised(new MultiStepLR(spec, ctx));
    case "ConstantLR":
      return initialised(new ConstantLR(spec, ctx));
    case "LinearLR":
      return initialised(new LinearLR(spec, ctx));
    case "ExponentialLR":
      return initialised(new ExponentialLR(spec, ctx));
    case "PolynomialLR":
      return initialised(new PolynomialLR(spec, ctx));
    case "CosineAnnealingLR":
      return initialised(new CosineAnnealingLR(spec, ctx));
    case "CosineAnnealingWarmRestarts":
      return initialised(new CosineAnnealingWarmRestarts(spec, ctx));
    case "CyclicLR":
      return initialised(new CyclicLR(spec, ctx));
    case "OneCycleLR":
      return initialised(new OneCycleLR(spec, ctx));
    case "LambdaLR":
      return initialised(new LambdaLR(spec, ctx));
    case "MultiplicativeLR":
      return initialised(new MultiplicativeLR(spec, ctx));
    case "SequentialLR":
      return new SequentialLR(spec.name, ctx, children(spec, spec.schedulers, index, built), spec.milestones, spec.range);
    case "ChainedScheduler":
      return new ChainedScheduler(spec.name, children(spec, spec.schedulers, index, built), spec.range);
    case "ReduceLROnPlateau":
      problems.push({
        severity: "info",
        code: "depends-on-metric",
        message: `${spec.name}: ReduceLROnPlateau lowers the learning rate when the validation metric stops improving, which the files cannot tell; it is drawn flat.`,
        range: spec.range,
      });
      return new ReduceLROnPlateau(spec.name);
  }
}

function initialised<T extends { init(): void }>(scheduler: T): T {
  scheduler.init();
  return scheduler;
}

function children(spec: TorchSchedulerSpec, indices: readonly number[], index: number, built: readonly (TorchScheduler | undefined)[]): TorchScheduler[] {
  return indices.map((i) => {
    if (!Number.isInteger(i) || i < 0 || i >= index) {
      throw new TorchError("invalid-program", `${spec.name}: scheduler #${i} must be constructed before it`, spec.range);
    }
    const child = built[i];
    if (child === undefined) throw new TorchError("invalid-program", `${spec.name}: scheduler #${i} could not be constructed`, spec.range);
    if (child instanceof ReduceLROnPlateau) {
      throw new TorchError("invalid-argument", `${spec.name}: ${spec.kind} does not support ReduceLROnPlateau (${child.name})`, spec.range);
    }
    return child;
  });
}
