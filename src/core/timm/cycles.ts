import { pyFloorDiv, pyLog } from "./pymath";
import type { TimmCycles, TimmWarmup } from "./spec";

/** Which cycle tick t falls in, its length and the position in it (the same code in cosine_lr.py, tanh_lr.py, poly_lr.py). */
export function cycleOf(t: number, tInitial: number, cycleMul: number): { i: number; tI: number; tCurr: number } {
  if (cycleMul !== 1) {
    const i = Math.floor(pyLog(1 - (t / tInitial) * (1 - cycleMul), cycleMul));
    const tI = Math.pow(cycleMul, i) * tInitial;
    const tCurr = t - ((1 - Math.pow(cycleMul, i)) / (1 - cycleMul)) * tInitial;
    return { i, tI, tCurr };
  }
  const i = pyFloorDiv(t, tInitial);
  return { i, tI: tInitial, tCurr: t - tInitial * i };
}

/**
 * `get_cycle_length()` of the cycle-based schedulers: the ticks of `cycle_limit` cycles (at least one), plus
 * the warmup when it is a prefix. `create_scheduler_v2` adds the cooldown to it for the training length.
 */
export function cycleLength(tInitial: number, cycles: TimmCycles, warmup: TimmWarmup): number {
  const n = Math.max(1, cycles.cycleLimit || 0);
  const t = cycles.cycleMul === 1.0 ? tInitial * n : Math.floor((-tInitial * (Math.pow(cycles.cycleMul, n) - 1)) / (1 - cycles.cycleMul));
  return warmup.warmupPrefix ? t + warmup.warmupT : t;
}

/** Ticks where a cycle ends (restarts, then the end of the last cycle), warmup prefix included. */
export function cycleEnds(tInitial: number, cycles: TimmCycles, warmup: TimmWarmup, total: number): number[] {
  const offset = warmup.warmupPrefix ? warmup.warmupT : 0;
  const out: number[] = [];
  const n = Math.max(1, cycles.cycleLimit || 0);
  for (let i = 1; i <= n && out.length < 1000; i++) {
    const end = offset + (cycles.cycleMul === 1 ? tInitial * i : (tInitial * (1 - Math.pow(cycles.cycleMul, i))) / (1 - cycles.cycleMul));
    if (!(end < total)) break;
    out.push(Math.ceil(end));
  }
  return out;
}
