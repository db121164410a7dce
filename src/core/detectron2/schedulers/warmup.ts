import { Detectron2Error } from "../spec";
import type { CompiledScheduler } from "./compiled";
import { compositeScheduler } from "./composite";
import { constantScheduler } from "./constant";
import { linearScheduler } from "./linear";

/**
 * detectron2 `WarmupParamScheduler` (detectron2/solver/lr_scheduler.py): a Composite of a warmup from
 * `warmup_factor × scheduler(0)` to `scheduler(warmup_length)` (or `scheduler(0)` with rescale_interval),
 * over `[warmup_length, 1 - warmup_length]`, the scheduler itself "fixed" (it sees the global `where`)
 * unless rescale_interval.
 */
export function warmupScheduler(scheduler: CompiledScheduler, warmupFactor: number, warmupLength: number, warmupMethod: string, rescaleInterval: boolean): CompiledScheduler {
  const endValue = rescaleInterval ? scheduler.value(0.0) : scheduler.value(warmupLength);
  const startValue = warmupFactor * scheduler.value(0.0);
  let warmup: CompiledScheduler;
  if (warmupMethod === "constant") warmup = constantScheduler(startValue);
  else if (warmupMethod === "linear") warmup = linearScheduler(startValue, endValue);
  else throw new Detectron2Error("invalid-argument", `WarmupParamScheduler raises ValueError: Unknown warmup method: ${warmupMethod}`);
  const inner = compositeScheduler([warmup, scheduler], [warmupLength, 1 - warmupLength], ["rescaled", rescaleInterval ? "rescaled" : "fixed"], ["", ""]);
  return {
    value: (where) => inner.value(where),
    phase: (where) => {
      const p = inner.phase(where);
      // The composite's first part is the warmup: name it, and the moment it ends.
      return where + 1e-6 > warmupLength ? p || "after warmup" : "warmup";
    },
  };
}
