import { cos32, f32, log32, pow32 } from "../float32";

const PI32 = f32(Math.PI);

/**
 * `CosineDecayRestarts.__call__` (SGDR) in float32: period i lasts `first_decay_steps × t_mul^i` steps and
 * starts at `m_mul^i` × the initial LR; each decays by a half cosine to `alpha` of the initial LR.
 */
export function cosineDecayRestarts(step: number, p: { readonly initialLearningRate: number; readonly firstDecaySteps: number; readonly tMul: number; readonly mMul: number; readonly alpha: number }): number {
  const lr = f32(p.initialLearningRate);
  const first = f32(p.firstDecaySteps);
  const alpha = f32(p.alpha);
  const tMul = f32(p.tMul);
  const mMul = f32(p.mMul);
  let completed = f32(f32(step) / first);
  let iRestart: number;
  if (tMul === 1) {
    iRestart = Math.floor(completed);
    completed = f32(completed - iRestart);
  } else {
    iRestart = Math.floor(f32(log32(f32(1 - f32(completed * f32(1 - tMul)))) / log32(tMul)));
    const sumR = f32(f32(1 - pow32(tMul, iRestart)) / f32(1 - tMul));
    completed = f32(f32(completed - sumR) / pow32(tMul, iRestart));
  }
  const mFac = pow32(mMul, iRestart);
  const cosineDecayed = f32(f32(0.5 * mFac) * f32(1 + cos32(f32(PI32 * completed))));
  const decayed = f32(f32(f32(1 - alpha) * cosineDecayed) + alpha);
  return f32(lr * decayed);
}
