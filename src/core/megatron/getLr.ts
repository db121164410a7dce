import type { MegatronScheduler } from "./spec";

/** What Python would raise (an assertion or an unsupported style), as an error the evaluator reports. */
export class MegatronError extends Error {}

/** The constructor's assertions (`OptimizerParamScheduler.__init__`). */
export function checkScheduler(s: MegatronScheduler): void {
  if (!(s.minLr >= 0)) throw new MegatronError("min_lr must be >= 0 (assert self.min_lr >= 0.0)");
  if (!(s.maxLr >= s.minLr)) throw new MegatronError("--lr must be >= --min-lr (assert self.max_lr >= self.min_lr)");
  if (!(s.initLr <= s.maxLr)) throw new MegatronError("--lr-warmup-init must be <= --lr (assert self.init_lr <= self.max_lr)");
  if (!(s.decaySteps > 0)) throw new MegatronError("the decay length must be > 0 (assert self.lr_decay_steps > 0)");
  if (!(s.warmupSteps < s.decaySteps)) throw new MegatronError("the warmup must be shorter than the decay (assert self.lr_warmup_steps < self.lr_decay_steps)");
  if (s.decayStyle === "WSD" && s.wsdDecaySteps === null) throw new MegatronError("--lr-decay-style WSD needs --lr-wsd-decay-iters (assert self.wsd_decay_steps is not None)");
}

/** `OptimizerParamScheduler.get_lr` at `num_steps` (samples so far), transcribed with Python's operation order. */
export function megatronLr(s: MegatronScheduler, numSteps: number): number {
  const { maxLr, minLr } = s;
  if (s.warmupSteps > 0 && numSteps <= s.warmupSteps) return s.initLr + ((maxLr - s.initLr) * numSteps) / s.warmupSteps;
  if (s.decayStyle === "constant") return maxLr;
  if (numSteps > s.decaySteps) return minLr;
  if (s.decayStyle === "inverse-square-root") {
    const warmup = Math.max(s.warmupSteps, 1);
    const n = Math.max(numSteps, 1);
    const lr = (maxLr * warmup ** 0.5) / n ** 0.5;
    return Math.max(minLr, lr);
  }
  const decayRatio = (numSteps - s.warmupSteps) / (s.decaySteps - s.warmupSteps);
  const deltaLr = maxLr - minLr;
  let coeff: number | undefined;
  if (s.decayStyle === "linear") coeff = 1.0 - decayRatio;
  else if (s.decayStyle === "cosine") coeff = 0.5 * (Math.cos(Math.PI * decayRatio) + 1.0);
  else if (s.decayStyle === "WSD") {
    const annealStart = s.decaySteps - s.wsdDecaySteps!;
    if (numSteps <= annealStart) coeff = 1.0;
    else {
      const ratio = (numSteps - annealStart) / s.wsdDecaySteps!;
      if (s.wsdDecayStyle === "linear") coeff = 1.0 - ratio;
      else if (s.wsdDecayStyle === "cosine") coeff = 0.5 * (Math.cos(Math.PI * ratio) + 1.0);
      else if (s.wsdDecayStyle === "exponential") coeff = 2.0 * Math.pow(0.5, ratio) - 1.0;
      else if (s.wsdDecayStyle === "minus_sqrt") coeff = 1.0 - Math.sqrt(ratio);
    }
  } else throw new MegatronError(`${s.decayStyle} decay style is not supported.`);
  if (coeff === undefined) throw new MegatronError(`--lr-wsd-decay-style ${s.wsdDecayStyle} is not supported (assert coeff is not None)`);
  return minLr + coeff * deltaLr;
}
