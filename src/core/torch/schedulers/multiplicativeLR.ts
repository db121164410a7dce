import type { LrLambda, TorchSchedulerSpec } from "../spec";
import { LrScheduler, type SchedulerContext } from "../scheduler";
import { callLambda, lambdasPerGroup } from "./lambdaLR";

type Spec = Extract<TorchSchedulerSpec, { kind: "MultiplicativeLR" }>;

/**
 * `MultiplicativeLR` (pytorch/pytorch torch/optim/lr_scheduler.py): `group["lr"] * lmbda(last_epoch)`
 * except on construction. Main tests `_is_initial`, 1.x tested `last_epoch > 0`: handed over to by
 * SequentialLR (`get_lr()` at epoch 0), main multiplies by `lmbda(0)` and 1.x does not.
 */
export class MultiplicativeLR extends LrScheduler {
  private readonly lambdas: readonly LrLambda[];

  constructor(spec: Spec, ctx: SchedulerContext) {
    super(spec.name, ctx, spec.range);
    this.lambdas = lambdasPerGroup(spec, ctx.opt.size);
  }

  protected getLr(): void {
    const e = this.lastEpoch;
    const apply = this.ctx.legacyInitial ? e > 0 : !this.isInitial;
    if (!apply) return;
    for (let g = 0; g < this.opt.size; g++) this.opt.lr[g] = this.opt.lr[g]! * callLambda(this.lambdas[g]!, e, this.name);
  }
}
