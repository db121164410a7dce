/**
 * The trainer's `lf`, the LambdaLR factor of epoch x (ultralytics/engine/trainer.py `_setup_scheduler`):
 * `cos_lr` → `one_cycle(1, lrf, epochs)` (ultralytics/utils/torch_utils.py), a half cosine from 1 to lrf;
 * otherwise linear, `max(1 - x / epochs, 0) * (1.0 - lrf) + lrf`. Operations in Python's order.
 */
export function ultralyticsLf(cosLr: boolean, lrf: number, epochs: number): (x: number) => number {
  if (cosLr) {
    // one_cycle(y1=1, y2=lrf, steps=epochs): max((1 - math.cos(x * math.pi / steps)) / 2, 0) * (y2 - y1) + y1
    return (x) => Math.max((1 - Math.cos((x * Math.PI) / epochs)) / 2, 0) * (lrf - 1) + 1;
  }
  return (x) => Math.max(1 - x / epochs, 0) * (1.0 - lrf) + lrf;
}
