import { LrScheduler, pyMod, type SchedulerContext } from "../scheduler";
import { warmRestartAt } from "../../warmRestarts";
import type { TorchSchedulerSpec } from "../spec";

type Spec = Extract<TorchSchedulerSpec, { kind: "CosineAnnealingWarmRestarts" }>;

/**
 * `CosineAnnealingWarmRestarts` (pytorch/pytorch torch/optim/lr_scheduler.py). It overrides `step()`:
 * `T_cur += 1`, and at `T_cur >= T_i` restarts with `T_cur %= T_i`, `T_i *= T_mult`; the LR is always
 * the closed form of `T_cur / T_i` from `base_lrs`. It has no `_get_closed_form_lr`, so SequentialLR's
 * `_update_lr(0)` runs `get_lr()` with the current `T_cur`, `T_i`.
 */
export class CosineAnnealingWarmRestarts extends LrScheduler {
  private readonly t0: number;
  private readonly tMult: number;
  private readonly etaMin: number;
  private tI: number;
  private tCur = -1;

  constructor(spec: Spec, ctx: SchedulerContext) {
    super(spec.name, ctx, spec.range);
    if (spec.t0 <= 0 || !Number.isInteger(spec.t0)) this.fail("invalid-argument", `Expected positive integer T_0, but got ${spec.t0}`);
    if (spec.tMult < 1 || !Number.isInteger(spec.tMult)) this.fail("invalid-argument", `Expected integer T_mult >= 1, but got ${spec.tMult}`);
    this.t0 = spec.t0;
    this.tI = spec.t0;
    this.tMult = spec.tMult;
    this.etaMin = spec.etaMin;
  }

  override step(): void {
    let epoch: number;
    if (this.lastEpoch < 0) {
      // `epoch = 0`, then the "epoch given" branch with 0 < T_0.
      epoch = 0;
      this.tI = this.t0;
      this.tCur = 0;
    } else {
      epoch = this.lastEpoch + 1;
      this.tCur = this.tCur + 1;
      if (this.tCur >= this.tI) {
        this.tCur = pyMod(this.tCur, this.tI);
        this.tI = this.tI * this.tMult;
        this.ctx.events.emit(`${this.name} restart`);
      }
    }
    this.lastEpoch = Math.floor(epoch);
    this.getLr();
  }

  /**
   * Its own `step(epoch)` (no deprecation warning): at `epoch >= T_0`, `T_cur = epoch % T_0` when
   * `T_mult == 1`, else `n = int(log(epoch / T_0 * (T_mult - 1) + 1, T_mult))`, `T_cur = epoch - T_0 *
   * (T_mult ** n - 1) / (T_mult - 1)`, `T_i = T_0 * T_mult ** n`; below, `T_i = T_0`, `T_cur = epoch`.
   * Then `last_epoch = math.floor(epoch)`.
   */
  override stepEpoch(epoch: number): void {
    this.stepCount++;
    if (epoch < 0) this.fail("invalid-argument", `Expected non-negative epoch, but got ${epoch}`);
    const before = this.tCur;
    ({ tCur: this.tCur, tI: this.tI } = warmRestartAt(epoch, this.t0, this.tMult, this.tI));
    if (this.tCur < before) this.ctx.events.emit(`${this.name} restart`);
    this.lastEpoch = Math.floor(epoch);
    this.getLr();
  }

  protected getLr(): void {
    const c = Math.cos((Math.PI * this.tCur) / this.tI);
    const eta = this.etaMin;
    for (let g = 0; g < this.opt.size; g++) this.opt.lr[g] = eta + ((this.baseLrs[g]! - eta) * (1 + c)) / 2;
  }
}
