import type { UltralyticsLoop } from "./spec";

/**
 * Warmup iterations `nw` of ultralytics/engine/trainer.py for `nb` batches per epoch. Python's `round` is
 * half-to-even.
 *
 * - before 8.4.103: `nw = max(round(warmup_epochs * nb), 100) if warmup_epochs > 0 else -1` (the earliest 8.0
 *   releases without the `else -1`), and the loop warms up while `ni <= nw`;
 * - 8.4.103 on (`_get_warmup_iterations`): `warmup_epochs = min(warmup_epochs, max(epochs - 1, 0))`, then
 *   `round(warmup_epochs * nb) if warmup_epochs > 0 else 0`, warming up while `ni < nw`.
 */
export function warmupIterations(loop: UltralyticsLoop, warmupEpochs: number, nb: number, epochs: number): number {
  if (loop.warmupRule === "capped") {
    const w = Math.min(warmupEpochs, Math.max(epochs - 1, 0));
    return w > 0 ? pyRound(w * nb) : 0;
  }
  if (loop.warmupRule === "min100" && !(warmupEpochs > 0)) return -1;
  return Math.max(pyRound(warmupEpochs * nb), 100);
}

/** Whether iteration `ni` is a warmup iteration (`ni <= nw` before 8.4.103, `ni < nw` since). */
export function inWarmup(loop: UltralyticsLoop, ni: number, nw: number): boolean {
  return loop.warmupRule === "capped" ? ni < nw : ni <= nw;
}

/**
 * `np.interp(x, [0, nw], [y0, y1])` as numpy computes it (numpy/core/src/multiarray/compiled_base.c): the end
 * points exactly, `slope * (x - 0) + y0` between them with `slope = (y1 - y0) / (nw - 0)`.
 */
export function npInterp(x: number, nw: number, y0: number, y1: number): number {
  if (x <= 0) return y0;
  if (x >= nw) return y1;
  const slope = (y1 - y0) / nw;
  return slope * x + y0;
}

/** Python 3's `round(x)`: to the nearest integer, ties to even. */
export function pyRound(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
