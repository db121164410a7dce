import { ParamScheduler } from "../scheduler";

interface Phase {
  readonly endStep: number;
  readonly start: "initial" | "max" | "min";
  readonly end: "initial" | "max" | "min";
}

/**
 * `OneCycleParamScheduler` (OneCycleLR) of mmengine param_scheduler.py: sets `initial_lr = eta_max /
 * div_factor`, `max_lr`, `min_lr` on every group before the base class records them; `total_steps`
 * defaults to `end - begin`. Not chainable.
 */
export class OneCycleScheduler extends ParamScheduler {
  private phases: Phase[] = [];
  private totalSteps = 0;
  private cos = true;

  configure(etaMax: readonly number[], totalSteps: number | null, pctStart: number, anneal: "cos" | "linear", divFactor: number, finalDivFactor: number, threePhase: boolean): this {
    if (totalSteps !== null && (totalSteps <= 0 || !Number.isInteger(totalSteps))) this.fail("invalid-argument", `Expected positive integer total_steps, but got ${totalSteps}`);
    this.totalSteps = totalSteps ?? this.end - this.begin;
    if (pctStart < 0 || pctStart > 1) this.fail("invalid-argument", `Expected float between 0 and 1 pct_start, but got ${pctStart}`);
    this.cos = anneal === "cos";
    const n = this.totalSteps;
    this.phases = threePhase
      ? [
          { endStep: pctStart * n - 1, start: "initial", end: "max" },
          { endStep: 2 * pctStart * n - 2, start: "max", end: "initial" },
          { endStep: n - 1, start: "initial", end: "min" },
        ]
      : [
          { endStep: pctStart * n - 1, start: "initial", end: "max" },
          { endStep: n - 1, start: "max", end: "min" },
        ];
    if (etaMax.length !== 1 && etaMax.length !== this.groups.size) this.fail("invalid-argument", `expected ${this.groups.size} values for max_lr, got ${etaMax.length}`);
    const initial = this.groups.get("initial_lr");
    const max = this.groups.get("max_lr");
    const min = this.groups.get("min_lr");
    for (let g = 0; g < this.groups.size; g++) {
      const m = etaMax.length === 1 ? etaMax[0]! : etaMax[g]!;
      initial[g] = m / divFactor;
      max[g] = m;
      min[g] = initial[g]! / finalDivFactor;
    }
    return this;
  }

  protected value(g: number): number {
    const stepNum = this.lastStep;
    if (stepNum > this.totalSteps) this.fail("onecycle-overrun", `Tried to step ${stepNum + 1} times. The specified number of total steps is ${this.totalSteps}`);
    let startStep = 0;
    for (let i = 0; i < this.phases.length; i++) {
      const phase = this.phases[i]!;
      if (stepNum <= phase.endStep || i === this.phases.length - 1) {
        const pct = (stepNum - startStep) / (phase.endStep - startStep);
        const start = this.groups.get(`${phase.start}_lr`)[g]!;
        const end = this.groups.get(`${phase.end}_lr`)[g]!;
        if (this.cos) return end + ((start - end) / 2.0) * (Math.cos(Math.PI * pct) + 1);
        return (end - start) * pct + start;
      }
      startStep = phase.endStep;
    }
    return this.values[g]!;
  }
}
