import type { LrLambda, TorchSchedulerSpec } from "../spec";
import { LrScheduler, TorchError, type SchedulerContext } from "../scheduler";

type Spec = Extract<TorchSchedulerSpec, { kind: "LambdaLR" | "MultiplicativeLR" }>;

/** One lambda per group: a single lambda is repeated, other counts raise ValueError (LambdaLR.__init__). */
export function lambdasPerGroup(spec: Spec, groups: number): readonly LrLambda[] {
  if (spec.lambdas.length === 1) return Array.from({ length: groups }, () => spec.lambdas[0]!);
  if (spec.lambdas.length !== groups) {
    throw new TorchError("invalid-argument", `${spec.name}: Expected ${groups} lr_lambdas, but got ${spec.lambdas.length}`, spec.range);
  }
  return spec.lambdas;
}

/** Calls a lambda read from the script; a failure is the script's exception, reported where it is written. */
export function callLambda(lambda: LrLambda, epoch: number, scheduler: string): number {
  let value: number;
  try {
    value = lambda.fn(epoch);
  } catch (e) {
    throw new TorchError("lambda-error", `${scheduler}: ${lambda.text} failed at epoch ${epoch}: ${e instanceof Error ? e.message : String(e)}`, lambda.range);
  }
  return value;
}

/** `LambdaLR` (pytorch/pytorch torch/optim/lr_scheduler.py): `base_lr * lmbda(last_epoch)`; no closed form. */
export class LambdaLR extends LrScheduler {
  private readonly lambdas: readonly LrLambda[];

  constructor(spec: Extract<Spec, { kind: "LambdaLR" }>, ctx: SchedulerContext) {
    super(spec.name, ctx, spec.range);
    this.lambdas = lambdasPerGroup(spec, ctx.opt.size);
  }

  protected getLr(): void {
    const e = this.lastEpoch;
    for (let g = 0; g < this.opt.size; g++) this.opt.lr[g] = this.baseLrs[g]! * callLambda(this.lambdas[g]!, e, this.name);
  }
}
