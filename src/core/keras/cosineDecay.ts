import { cos32, f32 } from "../float32";

const PI32 = f32(Math.PI);

/** `CosineDecay._decay_function`: `from × ((1 - alpha) × ½(1 + cos(π × step / decay_steps)) + alpha)`. */
function decay(step: number, decaySteps: number, from: number, alpha: number): number {
  const completed = f32(step / decaySteps);
  const cosineDecayed = f32(0.5 * f32(1 + cos32(f32(PI32 * completed))));
  const decayed = f32(f32(f32(1 - alpha) * cosineDecayed) + f32(alpha));
  return f32(from * decayed);
}

/**
 * `CosineDecay.__call__` (Keras 3) in float32. Without `warmup_target` it decays from the initial LR over
 * `decay_steps` and holds; with it, it first rises linearly from the initial LR to `warmup_target` over
 * `warmup_steps`, then decays from `warmup_target` over `decay_steps`.
 */
export function cosineDecay(step: number, p: { readonly initialLearningRate: number; readonly decaySteps: number; readonly alpha: number; readonly warmupTarget: number | null; readonly warmupSteps: number }): number {
  const lr = f32(p.initialLearningRate);
  const decaySteps = f32(p.decaySteps);
  let s = f32(step);
  if (p.warmupTarget === null) return decay(Math.min(s, decaySteps), decaySteps, lr, p.alpha);
  const target = f32(p.warmupTarget);
  const warmupSteps = f32(p.warmupSteps);
  s = Math.min(s, f32(decaySteps + warmupSteps));
  if (s < warmupSteps) {
    const completed = f32(s / warmupSteps);
    const delta = f32(target - lr);
    return f32(f32(delta * completed) + lr);
  }
  return decay(f32(s - warmupSteps), decaySteps, target, p.alpha);
}
