import { ParamScheduler } from "../scheduler";

/**
 * `ReduceOnPlateauParamScheduler`: changes the value only from validation metrics, which a static reader
 * cannot know. Its constructor does not step; `step()` without metrics only counts. Held flat.
 */
export class ReduceOnPlateauScheduler extends ParamScheduler {
  override init(): void {
    if (this.end <= this.begin) this.fail("invalid-argument", `end should be larger than begin, but got begin=${this.begin}, end=${this.end}`);
    if (!this.byEpoch) this.fail("invalid-argument", "Now ReduceOnPlateau only support by_epoch=True");
    const initial = this.groups.get(`initial_${this.param}`);
    for (let g = 0; g < this.groups.size; g++) if (Number.isNaN(initial[g])) initial[g] = this.values[g]!;
    this.globalStep = 0;
  }

  override step(): void {
    this.globalStep += 1;
  }

  protected value(_g: number, current: number): number {
    return current;
  }
}
