import { f32 } from "../float32";
import type { KerasCallbackSpec } from "./spec";

/**
 * `keras.callbacks.LearningRateScheduler.on_epoch_begin` (keras/src/callbacks/learning_rate_scheduler.py):
 * `lr = float(optimizer.learning_rate)`, `optimizer.learning_rate = schedule(epoch, lr)`. The variable is
 * float32, so each epoch's value is rounded to float32 before the next epoch reads it.
 */
export function learningRateScheduler(spec: KerasCallbackSpec, epochs: number): Float64Array {
  const out = new Float64Array(epochs);
  let variable = f32(spec.initialLr);
  for (let e = 0; e < epochs; e++) {
    variable = f32(spec.fn(e, variable));
    out[e] = variable;
  }
  return out;
}
