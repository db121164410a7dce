import type { LrLambda, TorchSchedulerSpec } from "../spec";
import { LrScheduler, perGroup, pyMod, TorchError, type SchedulerContext } from "../scheduler";

type Spec = Extract<TorchSchedulerSpec, { kind: "CyclicLR" }>;

/**
 * `CyclicLR` (pytorch/pytorch torch/optim/lr_scheduler.py). `__init__` overwrites the group LR with
 * `base_lr` and the momentum (or β1) with `max_momentum` before `LRScheduler.__init__`, whose initial
 * step still uses `base_lrs` taken from `initial_lr`; only afterwards is `self.base_lrs = base_lr`. So a
 * CyclicLR constructed after another scheduler starts from that scheduler's `initial_lr`, not `base_lr`.
 */
export class CyclicLR extends LrScheduler {
  private readonly cyclicBaseLrs: Float64Array;
  private readonly maxLrs: Float64Array;
  private readonly totalSize: number;
  private readonly stepRatio: number;
  private readonly stepSizeUp: number;
  private readonly scaleByCycle: boolean;
  private readonly scaleFn: (x: number) => number;
  private readonly cycleMomentum: boolean;
  private readonly baseMomentums: Float64Array;
  private readonly maxMomentums: Float64Array;
  /** The last `scale_fn` argument and its value: in "cycle" mode the argument changes once per cycle. */
  private scaleArg = NaN;
  private scaleValue = 0;

  constructor(spec: Spec, ctx: SchedulerContext) {
    super(spec.name, ctx, spec.range);
    const n = ctx.opt.size;
    this.cyclicBaseLrs = perGroup("base_lr", spec.baseLr, n, spec.name, spec.range);
    this.opt.lr.set(this.cyclicBaseLrs);
    this.maxLrs = perGroup("max_lr", spec.maxLr, n, spec.name, spec.range);
    const up = spec.stepSizeUp;
    const down = spec.stepSizeDown ?? up;
    this.stepSizeUp = up;
    this.totalSize = up + down;
    this.stepRatio = up / this.totalSize;
    if (spec.scaleFn !== undefined) {
      const custom: LrLambda = spec.scaleFn;
      this.scaleFn = (x) => {
        try {
          return custom.fn(x);
        } catch (e) {
          throw new TorchError("lambda-error", `${spec.name}: ${custom.text} failed at ${x}: ${e instanceof Error ? e.message : String(e)}`, custom.range);
        }
      };
      this.scaleByCycle = spec.scaleMode === "cycle";
    } else if (spec.mode === "triangular") {
      this.scaleFn = () => 1.0;
      this.scaleByCycle = true;
    } else if (spec.mode === "triangular2") {
      this.scaleFn = (x) => 1 / 2.0 ** (x - 1);
      this.scaleByCycle = true;
    } else {
      const gamma = spec.gamma;
      this.scaleFn = (x) => gamma ** x;
      this.scaleByCycle = false;
    }
    this.cycleMomentum = spec.cycleMomentum;
    this.baseMomentums = new Float64Array(n);
    this.maxMomentums = new Float64Array(n);
    if (spec.cycleMomentum) {
      this.baseMomentums = perGroup("base_momentum", spec.baseMomentum, n, spec.name, spec.range);
      this.maxMomentums = perGroup("max_momentum", spec.maxMomentum, n, spec.name, spec.range);
      this.opt.momentum.set(this.maxMomentums);
      this.opt.maxMomentum.set(this.maxMomentums);
      this.opt.baseMomentum.set(this.baseMomentums);
      this.opt.tracksMomentum = true;
    }
  }

  override init(): void {
    super.init();
    this.baseLrs = this.cyclicBaseLrs;
  }

  protected getLr(): void {
    const e = this.lastEpoch;
    const cycle = Math.floor(1 + e / this.totalSize);
    const x = 1.0 + e / this.totalSize - cycle;
    const scaleFactor = x <= this.stepRatio ? x / this.stepRatio : (x - 1) / (this.stepRatio - 1);
    // scale_fn is a pure function of its argument: computed again only when the argument changes.
    const arg = this.scaleByCycle ? cycle : e;
    if (arg !== this.scaleArg) {
      this.scaleValue = this.scaleFn(arg);
      this.scaleArg = arg;
    }
    const scale = this.scaleValue;
    const lr = this.opt.lr;
    for (let g = 0; g < lr.length; g++) {
      const baseHeight = (this.maxLrs[g]! - this.baseLrs[g]!) * scaleFactor;
      lr[g] = this.baseLrs[g]! + baseHeight * scale;
    }
    if (this.cycleMomentum) {
      const momentum = this.opt.momentum;
      for (let g = 0; g < momentum.length; g++) {
        const baseHeight = (this.maxMomentums[g]! - this.baseMomentums[g]!) * scaleFactor;
        momentum[g] = this.maxMomentums[g]! - baseHeight * scale;
      }
    }
    if (e > 0) {
      const inCycle = pyMod(e, this.totalSize);
      if (inCycle === 0) this.ctx.events.emit(`${this.name} trough`);
      else if (inCycle === this.stepSizeUp) this.ctx.events.emit(`${this.name} peak`);
    }
  }
}
