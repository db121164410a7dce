import { Detectron2Error } from "../spec";
import { bisectRight, pyFloat, WHERE_EPSILON, type CompiledScheduler } from "./compiled";

/**
 * fvcore `MultiStepParamScheduler`, constructor included: without `num_updates` the last milestone is the
 * end of the last range; without `milestones` they split `num_updates` evenly (`ceil(num_updates / len)`).
 * The value is `values[bisect_right(milestones, int((where + 1e-6) * num_updates))]`.
 */
export function multiStepScheduler(values: readonly number[], numUpdatesArg: number | null, milestonesArg: readonly number[] | null): CompiledScheduler {
  if (numUpdatesArg === null && milestonesArg === null) throw new Detectron2Error("invalid-argument", "MultiStepParamScheduler raises ValueError: num_updates and milestones cannot both be None");
  let milestones: number[];
  if (milestonesArg === null) {
    milestones = [];
    const stepWidth = Math.ceil(numUpdatesArg! / values.length);
    for (let i = 0; i < values.length - 1; i++) milestones.push(stepWidth * (i + 1));
  } else {
    const want = values.length - (numUpdatesArg !== null ? 1 : 0);
    if (milestonesArg.length !== want) throw new Detectron2Error("invalid-argument", `MultiStepParamScheduler raises ValueError: MultiStep scheduler requires a list of ${want} miletones (got ${milestonesArg.length} for ${values.length} values)`);
    milestones = [...milestonesArg];
  }
  let numUpdates: number;
  if (numUpdatesArg === null) {
    numUpdates = milestones[milestones.length - 1]!;
    milestones = milestones.slice(0, -1);
  } else numUpdates = numUpdatesArg;
  if (numUpdates < values.length) throw new Detectron2Error("invalid-argument", `MultiStepParamScheduler raises ValueError: Total num_updates must be greater than length of param schedule (num_updates=${numUpdates}, ${values.length} values)`);
  let start = 0;
  for (const m of milestones) {
    if (m >= numUpdates) throw new Detectron2Error("invalid-argument", `MultiStepParamScheduler raises ValueError: Milestone must be smaller than total number of updates: num_updates=${numUpdates}, milestone=${m}`);
    if (start >= m) throw new Detectron2Error("invalid-argument", `MultiStepParamScheduler raises ValueError: Milestone must be smaller than start epoch: start_epoch=${start}, milestone=${m}`);
    start = m;
  }
  const index = (where: number): number => bisectRight(milestones, Math.trunc((where + WHERE_EPSILON) * numUpdates));
  return {
    value(where) {
      if (where > 1.0) throw new Detectron2Error("where-out-of-range", `MultiStepParamScheduler raises RuntimeError: where in ParamScheduler must be in [0, 1]: got ${pyFloat(where)}`);
      return values[index(where)]!;
    },
    phase: (where) => {
      const i = index(where);
      return i === 0 ? "" : `× ${values[i]} (milestone ${milestones[i - 1]} of ${numUpdates})`;
    },
  };
}
