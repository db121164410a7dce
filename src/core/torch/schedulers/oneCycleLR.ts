import type { TorchSchedulerSpec } from "../spec";
import { LrScheduler, perGroup, type SchedulerContext } from "../scheduler";
import type { OptimizerState } from "../optimizer";

type Spec = Extract<TorchSchedulerSpec, { kind: "OneCycleLR" }>;

/** The group keys a phase anneals between (`"initial_lr"`, `"max_momentum"`...). */
type LrKey = "initialLr" | "maxLr" | "minLr";
type MomentumKey = "maxMomentum" | "baseMomentum";

interface Phase {
  readonly endStep: number;
  readonly startLr: LrKey;
  readonly endLr: LrKey;
  readonly startMomentum: MomentumKey;
  readonly endMomentum: MomentumKey;
}

/**
 * `OneCycleLR` (pytorch/pytorch torch/optim/lr_scheduler.py). `__init__` overwrites `initial_lr` with
 * `max_lr / div_factor` and stores `max_lr`, `min_lr` (and `max_momentum`, `base_momentum`) in the group;
 * `get_lr()` anneals between those group keys, phase by phase, and raises ValueError once `last_epoch`
 * exceeds `total_steps` (step `total_steps` itself still extrapolates the last phase).
 */
export class OneCycleLR extends LrScheduler {
  private readonly totalSteps: number;
  private readonly phases: readonly Phase[];
  private readonly cosine: boolean;
  private readonly cycleMomentum: boolean;
  /** First step of each phase after the first: where a boundary is drawn. */
  private readonly phaseStarts: readonly number[];
  /** Each phase's group keys resolved to the optimizer's arrays once (no keyed lookups per step). */
  private readonly phaseArrays: readonly { readonly startLr: Float64Array; readonly endLr: Float64Array; readonly startMomentum: Float64Array; readonly endMomentum: Float64Array }[];

  constructor(spec: Spec, ctx: SchedulerContext) {
    super(spec.name, ctx, spec.range);
    const total = spec.totalSteps;
    if (total <= 0 || !Number.isInteger(total)) this.fail("invalid-argument", `Expected positive integer total_steps, but got ${total}`);
    this.totalSteps = total;
    const pct = spec.pctStart;
    this.phases = spec.threePhase
      ? [
          { endStep: pct * total - 1, startLr: "initialLr", endLr: "maxLr", startMomentum: "maxMomentum", endMomentum: "baseMomentum" },
          { endStep: 2 * pct * total - 2, startLr: "maxLr", endLr: "initialLr", startMomentum: "baseMomentum", endMomentum: "maxMomentum" },
          { endStep: total - 1, startLr: "initialLr", endLr: "minLr", startMomentum: "maxMomentum", endMomentum: "maxMomentum" },
        ]
      : [
          { endStep: pct * total - 1, startLr: "initialLr", endLr: "maxLr", startMomentum: "maxMomentum", endMomentum: "baseMomentum" },
          { endStep: total - 1, startLr: "maxLr", endLr: "minLr", startMomentum: "baseMomentum", endMomentum: "maxMomentum" },
        ];
    this.phaseStarts = this.phases.slice(0, -1).map((p) => Math.floor(p.endStep) + 1);
    if (pct < 0 || pct > 1) this.fail("invalid-argument", `Expected float between 0 and 1 pct_start, but got ${pct}`);
    this.cosine = spec.annealStrategy === "cos";

    const n = ctx.opt.size;
    const opt = this.opt;
    const maxLrs = perGroup("max_lr", spec.maxLr, n, spec.name, spec.range);
    for (let g = 0; g < n; g++) {
      opt.initialLr[g] = maxLrs[g]! / spec.divFactor;
      opt.maxLr[g] = maxLrs[g]!;
      opt.minLr[g] = opt.initialLr[g]! / spec.finalDivFactor;
    }
    this.phaseArrays = this.phases.map((p) => ({ startLr: opt[p.startLr], endLr: opt[p.endLr], startMomentum: opt[p.startMomentum], endMomentum: opt[p.endMomentum] }));
    this.cycleMomentum = spec.cycleMomentum;
    if (spec.cycleMomentum) {
      const maxMomentums = perGroup("max_momentum", spec.maxMomentum, n, spec.name, spec.range);
      const baseMomentums = perGroup("base_momentum", spec.baseMomentum, n, spec.name, spec.range);
      opt.momentum.set(maxMomentums);
      opt.maxMomentum.set(maxMomentums);
      opt.baseMomentum.set(baseMomentums);
      opt.tracksMomentum = true;
    }
  }

  /** `_annealing_cos` / `_annealing_linear`. */
  private anneal(start: number, end: number, pct: number): number {
    if (this.cosine) {
      const cosOut = Math.cos(Math.PI * pct) + 1;
      return end + ((start - end) / 2.0) * cosOut;
    }
    return (end - start) * pct + start;
  }

  protected getLr(): void {
    const step = this.lastEpoch;
    if (step > this.totalSteps) {
      this.fail("onecycle-overrun", `Tried to step ${step} times. The specified number of total steps is ${this.totalSteps} (ValueError: the run stops here)`);
    }
    const opt: OptimizerState = this.opt;
    const last = this.phases.length - 1;
    let startStep = 0.0;
    let index = last;
    for (let i = 0; i <= last; i++) {
      index = i;
      if (step <= this.phases[i]!.endStep || i === last) break;
      startStep = this.phases[i]!.endStep;
    }
    const phase = this.phases[index]!;
    const arrays = this.phaseArrays[index]!;
    if (phase.endStep === startStep) this.fail("invalid-argument", "a phase of zero length (ZeroDivisionError): pct_start too small for total_steps");
    const pct = (step - startStep) / (phase.endStep - startStep);
    for (let g = 0; g < opt.size; g++) {
      opt.lr[g] = this.anneal(arrays.startLr[g]!, arrays.endLr[g]!, pct);
      if (this.cycleMomentum) opt.momentum[g] = this.anneal(arrays.startMomentum[g]!, arrays.endMomentum[g]!, pct);
    }
    for (let i = 0; i < this.phaseStarts.length; i++) {
      if (step === this.phaseStarts[i] && step > 0) this.ctx.events.emit(`${this.name} phase ${i + 2}`);
    }
  }
}
