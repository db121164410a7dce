import type { TorchScheduler } from "../scheduler";

/**
 * `ReduceLROnPlateau` (pytorch/pytorch torch/optim/lr_scheduler.py) reduces the LR when the metric passed
 * to `step(metrics)` stops improving, which no file can tell. Held flat at the group LR, and said so. Its
 * `__init__` does not call `LRScheduler.__init__`: it sets no `initial_lr` and changes nothing.
 */
export class ReduceLROnPlateau implements TorchScheduler {
  lastEpoch = 0;

  constructor(readonly name: string) {}

  initialStep(): void {}

  step(): void {
    this.lastEpoch += 1;
  }

  stepTo(epoch: number): void {
    this.lastEpoch = epoch;
  }

  undo(): void {
    this.lastEpoch -= 1;
  }
}
