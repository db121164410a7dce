import { LRScheduler } from "../scheduler";

/**
 * A constant learning rate: a float handed to the optimizer, or PaddleClas `Constant`
 * (ppcls/optimizer/learning_rate.py: an LRScheduler whose `get_lr` returns `learning_rate`).
 */
export class ConstantScheduler extends LRScheduler {
  constructor(private readonly value: number) {
    super(value);
  }

  getLr(): number {
    return this.value;
  }
}
