import type { ParamGroup } from "../schedule";

/**
 * The part of a `torch.optim.Optimizer` that schedulers read and write: one slot per param group for
 * each `param_groups[g][key]` a scheduler touches. A key a group does not have is NaN (Python's "not in
 * group"). Mutable on purpose: PyTorch's schedulers communicate only through these dicts, so construction
 * order and stepping order are simulated by mutating one shared state.
 */
export class OptimizerState {
  readonly size: number;
  /** `group["lr"]`. */
  readonly lr: Float64Array;
  /** `group["initial_lr"]`, set by the first scheduler constructed (`setdefault`) or by OneCycleLR. */
  readonly initialLr: Float64Array;
  /** `group["momentum"]`, or `group["betas"][0]` for Adam-like optimizers. */
  readonly momentum: Float64Array;
  /** `group["max_lr"]`, `group["min_lr"]`: written by OneCycleLR.__init__, read by its get_lr. */
  readonly maxLr: Float64Array;
  readonly minLr: Float64Array;
  /** `group["max_momentum"]`, `group["base_momentum"]`: written by CyclicLR/OneCycleLR.__init__. */
  readonly maxMomentum: Float64Array;
  readonly baseMomentum: Float64Array;
  /** Whether momentum is worth reporting: a group has one, or a scheduler cycles it. */
  tracksMomentum: boolean;

  constructor(groups: readonly ParamGroup[]) {
    const n = groups.length;
    this.size = n;
    this.lr = new Float64Array(n);
    this.initialLr = new Float64Array(n).fill(NaN);
    this.momentum = new Float64Array(n).fill(NaN);
    this.maxLr = new Float64Array(n).fill(NaN);
    this.minLr = new Float64Array(n).fill(NaN);
    this.maxMomentum = new Float64Array(n).fill(NaN);
    this.baseMomentum = new Float64Array(n).fill(NaN);
    this.tracksMomentum = false;
    groups.forEach((group, g) => {
      this.lr[g] = group.lr.value;
      if (group.momentum !== undefined) {
        this.momentum[g] = group.momentum.value;
        this.tracksMomentum = true;
      }
    });
  }

  /** `group.setdefault("initial_lr", group["lr"])` for every group (LRScheduler.__init__). */
  setDefaultInitialLr(): void {
    for (let g = 0; g < this.size; g++) if (Number.isNaN(this.initialLr[g])) this.initialLr[g] = this.lr[g]!;
  }
}
