import { LRScheduler, PaddleError } from "../scheduler";

/**
 * `PiecewiseDecay`, python/paddle/optimizer/lr.py: `values[i]` for the first boundary the epoch is below,
 * else the last value. PaddleDetection builds its warmups and warmup+cosine as one long PiecewiseDecay, so
 * sorted boundaries are searched by bisection (the same first index); unsorted ones as Python does.
 */
export class PiecewiseScheduler extends LRScheduler {
  private readonly sorted: boolean;

  constructor(
    private readonly boundaries: readonly number[],
    private readonly values: readonly number[],
  ) {
    super();
    if (boundaries.length === 0) throw new PaddleError("invalid-argument", "The boundaries cannot be empty.");
    if (values.length <= boundaries.length) throw new PaddleError("invalid-argument", `The values have one more element than boundaries, but received len(values) [${values.length}] < len(boundaries) + 1 [${boundaries.length + 1}].`);
    this.sorted = boundaries.every((b, i) => i === 0 || boundaries[i - 1]! <= b);
  }

  getLr(): number {
    const e = this.lastEpoch;
    const bs = this.boundaries;
    if (this.sorted) {
      let lo = 0;
      let hi = bs.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (e < bs[mid]!) hi = mid;
        else lo = mid + 1;
      }
      return lo < bs.length ? this.values[lo]! : this.values[this.values.length - 1]!;
    }
    for (let i = 0; i < bs.length; i++) if (e < bs[i]!) return this.values[i]!;
    return this.values[this.values.length - 1]!;
  }
}
