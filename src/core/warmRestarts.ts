// Where an epoch falls in SGDR's cycles, as `CosineAnnealingWarmRestarts.step(epoch)` computes it: torch
// (torch/optim/lr_scheduler.py) and Paddle (python/paddle/optimizer/lr.py, a transcription of torch's) alike.
import { pyMod } from "./pymath";

/** `T_cur` and `T_i` after `step(epoch)` for `epoch >= 0`; `tI` is the cycle length in force before the call. */
export function warmRestartAt(epoch: number, t0: number, tMult: number, tI: number): { tCur: number; tI: number } {
  if (epoch < t0) return { tCur: epoch, tI: t0 };
  if (tMult === 1) return { tCur: pyMod(epoch, t0), tI };
  // Python's math.log(x, base) is log(x) / log(base); int() truncates toward zero (x >= 1 here).
  const n = Math.trunc(Math.log((epoch / t0) * (tMult - 1) + 1) / Math.log(tMult));
  return { tCur: epoch - (t0 * (tMult ** n - 1)) / (tMult - 1), tI: t0 * tMult ** n };
}
