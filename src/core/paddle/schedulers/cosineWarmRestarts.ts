import { warmRestartAt } from "../../warmRestarts";
import { LRScheduler, PaddleError } from "../scheduler";

/** `CosineAnnealingWarmRestarts`, python/paddle/optimizer/lr.py (its own `step`). */
export class CosineWarmRestartsScheduler extends LRScheduler {
  private tI: number;
  private tCur = -1;

  constructor(
    learningRate: number,
    private readonly t0: number,
    private readonly tMult: number,
    private readonly etaMin: number,
  ) {
    super(learningRate);
    if (t0 <= 0 || !Number.isInteger(t0)) throw new PaddleError("invalid-argument", `Expected positive integer T_0, but got ${t0}`);
    if (tMult < 1 || !Number.isInteger(tMult)) throw new PaddleError("invalid-argument", `Expected integer T_mult >= 1, but got ${tMult}`);
    this.tI = t0;
  }

  getLr(): number {
    return this.etaMin + ((this.baseLr - this.etaMin) * (1 + Math.cos((Math.PI * this.tCur) / this.tI))) / 2;
  }

  override step(epoch?: number): void {
    if (epoch === undefined && this.lastEpoch < 0) epoch = 0;
    if (epoch === undefined) {
      epoch = this.lastEpoch + 1;
      this.tCur = this.tCur + 1;
      if (this.tCur >= this.tI) {
        this.tCur = this.tCur - this.tI;
        this.tI = this.tI * this.tMult;
      }
    } else {
      if (epoch < 0) throw new PaddleError("invalid-argument", `Expected non-negative epoch, but got ${epoch}`);
      ({ tCur: this.tCur, tI: this.tI } = warmRestartAt(epoch, this.t0, this.tMult, this.tI));
    }
    this.lastEpoch = Math.floor(epoch);
    this.lastLr = this.getLr();
  }
}
