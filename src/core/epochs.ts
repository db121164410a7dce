import type { ScheduleDescription } from "./schedule";

/**
 * The tick at which epoch `epoch` (counted from 0) starts: the epoch itself for per-epoch schedules,
 * `epoch × stepsPerEpoch` for per-step ones; `undefined` when steps per epoch is not known.
 */
export function tickOfEpoch(desc: ScheduleDescription, epoch: number): number | undefined {
  if (desc.unit === "epoch") return Math.floor(epoch);
  const spe = desc.stepsPerEpoch?.value;
  return spe === undefined || !(spe > 0) ? undefined : Math.floor(epoch * spe);
}

/** Ticks per epoch: 1 for per-epoch schedules. */
export function ticksPerEpoch(desc: ScheduleDescription): number | undefined {
  return desc.unit === "epoch" ? 1 : desc.stepsPerEpoch?.value;
}
