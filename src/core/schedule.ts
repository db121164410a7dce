import type { Assumption, Problem } from "./problem";
import type { SourceRange } from "./range";
import type { DeepSpeedProgram } from "./deepspeed/spec";
import type { FairseqProgram } from "./fairseq/spec";
import type { KerasProgram } from "./keras/spec";
import type { MegatronProgram } from "./megatron/spec";
import type { NemoProgram } from "./nemo/spec";
import type { OptaxProgram } from "./optax/spec";
import type { Detectron2Program } from "./detectron2/spec";
import type { MmengineProgram } from "./mmengine/spec";
import type { PaddleProgram } from "./paddle/spec";
import type { TimmProgram } from "./timm/spec";
import type { TorchProgram } from "./torch/spec";
import type { UltralyticsProgram } from "./ultralytics/spec";
import type { Value } from "./value";

/** When the framework's training loop changes the learning rate: once per epoch or once per optimizer step. */
export type Unit = "epoch" | "step";

/** One optimizer param group as the training starts. */
export interface ParamGroup {
  readonly lr: Value;
  /** SGD momentum, or Adam's β1 (see `momentumKind`), where the optimizer has one. */
  readonly momentum?: Value;
  readonly momentumKind?: "momentum" | "beta1";
}

/** How the base LR was scaled with the global batch (Goyal et al. 2017: linear; adaptive optimizers: sqrt). */
export interface ScalingRule {
  readonly rule: "linear" | "sqrt";
  /** The LR at the reference batch (`lr_base` in timm, 0.1 for ResNet-50). */
  readonly referenceLr: Value;
  readonly referenceBatch: Value;
  /** Per-device batch × devices × gradient accumulation. */
  readonly globalBatch: Value;
}

/** The framework-specific part: what to simulate. New families add their program here. */
export type Program = TorchProgram | DeepSpeedProgram | MmengineProgram | TimmProgram | UltralyticsProgram | Detectron2Program | PaddleProgram | KerasProgram | OptaxProgram | MegatronProgram | FairseqProgram | NemoProgram;

/**
 * What every reader produces and every view consumes: a schedule as the framework will run it, with the
 * source range and derivation of every value it used.
 */
export interface ScheduleDescription {
  /** What the user calls it: the scheduler's variable name, or the config key. */
  readonly name: string;
  /** The reader that recognised it (`pytorch`, `hf`, `timm`...). */
  readonly dialect: string;
  readonly unit: Unit;
  /** How many ticks the training runs; absent when the files cannot say (see `assumptions`). */
  readonly total?: Value;
  readonly epochs?: Value;
  /** Ticks per epoch when the unit is `step`. */
  readonly stepsPerEpoch?: Value;
  readonly groups: readonly ParamGroup[];
  readonly scaling?: ScalingRule;
  readonly program: Program;
  /** Where the schedule is defined (the scheduler construction). */
  readonly source: SourceRange;
  readonly assumptions: readonly Assumption[];
  readonly problems: readonly Problem[];
}
