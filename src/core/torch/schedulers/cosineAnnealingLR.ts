import { LrScheduler, pyMod, type SchedulerContext } from "../scheduler";
import type { TorchSchedulerSpec } from "../spec";

type Spec = Extract<TorchSchedulerSpec, { kind: "CosineAnnealingLR" }>;

/**
 * `CosineAnnealingLR` (pytorch/pytorch torch/optim/lr_scheduler.py). A plain `step()` runs the recursion
 * `(1 + cos(pi e / T)) / (1 + cos(pi (e - 1) / T)) * (lr - eta_min) + eta_min`, which drifts from the
 * closed form in the last bits, and past `T_max` keeps going: where `(e - 1 - T) % 2T == 0` (the
 * recursion's 0/0) it adds `(base - eta_min)(1 - cos(pi / T)) / 2`, so the LR climbs back like a cosine.
 */
export class CosineAnnealingLR extends LrScheduler {
  private readonly tMax: number;
  private readonly etaMin: number;
  /** `cos(pi * e / T)` of the last epoch computed: the next step's denominator, bit for bit. */
  private cachedEpoch = NaN;
  private cachedCos = 0;

  constructor(spec: Spec, ctx: SchedulerContext) {
    super(spec.name, ctx, spec.range);
    this.tMax = spec.tMax;
    this.etaMin = spec.etaMin;
  }

  /** `math.cos(math.pi * e / T_max)`, computed once per epoch. */
  private cosAt(e: number): number {
    if (e !== this.cachedEpoch) {
      this.cachedEpoch = e;
      this.cachedCos = Math.cos((Math.PI * e) / this.tMax);
    }
    return this.cachedCos;
  }

  protected getLr(): void {
    if (this.atStart) return;
    const e = this.lastEpoch;
    const T = this.tMax;
    const eta = this.etaMin;
    const lr = this.opt.lr;
    const base = this.baseLrs;
    if (T === 0) this.fail("invalid-argument", "T_max=0 (ZeroDivisionError)");
    if (this.stepCount === 1 && e > 0) {
      // Resuming from a checkpoint: the closed form once.
      const c = Math.cos((e * Math.PI) / T);
      for (let g = 0; g < lr.length; g++) lr[g] = eta + ((base[g]! - eta) * (1 + c)) / 2;
    } else if (pyMod(e - 1 - T, 2 * T) === 0) {
      const c = Math.cos(Math.PI / T);
      for (let g = 0; g < lr.length; g++) lr[g] = lr[g]! + ((base[g]! - eta) * (1 - c)) / 2;
    } else {
      const previous = this.cosAt(e - 1);
      const ratio = (1 + this.cosAt(e)) / (1 + previous);
      for (let g = 0; g < lr.length; g++) lr[g] = ratio * (lr[g]! - eta) + eta;
    }
    if (e >= T && pyMod(e, T) === 0) this.ctx.events.emit(pyMod(e, 2 * T) === 0 ? `${this.name} back at max` : `${this.name} T_max`);
  }

  protected override closedFormLr(): void {
    if (this.tMax === 0) this.fail("invalid-argument", "T_max=0 (ZeroDivisionError)");
    const c = Math.cos((Math.PI * this.lastEpoch) / this.tMax);
    for (let g = 0; g < this.opt.size; g++) this.opt.lr[g] = this.etaMin + ((this.baseLrs[g]! - this.etaMin) * (1 + c)) / 2;
  }
}
