import { ParamScheduler } from "../scheduler";

/** `MultiStepParamScheduler` (MultiStepLR, MultiStepMomentum): milestones counted as a `Counter`. */
export class MultiStepScheduler extends ParamScheduler {
  private readonly counts = new Map<number, number>();
  private gamma = 0.1;

  configure(milestones: readonly number[], gamma: number): this {
    for (const m of milestones) this.counts.set(m, (this.counts.get(m) ?? 0) + 1);
    this.gamma = gamma;
    return this;
  }

  protected value(_g: number, current: number): number {
    const n = this.counts.get(this.lastStep);
    if (n === undefined) return current;
    return current * this.gamma ** n;
  }
}
