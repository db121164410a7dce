import { formatLr } from "../explain";
import type { TimmProgram } from "./spec";

/** `CosineLRScheduler(t_initial=300, lr_min=1e-05, warmup_t=5, warmup_lr_init=1e-06)`, for reports and hovers. */
export function describeTimmProgram(program: TimmProgram): string[] {
  const s = program.scheduler;
  const names: Record<string, string> = { cosine: "CosineLRScheduler", tanh: "TanhLRScheduler", poly: "PolyLRScheduler", step: "StepLRScheduler", multistep: "MultiStepLRScheduler", plateau: "PlateauLRScheduler" };
  if (s.kind === "none") return ["no scheduler (sched none): the optimizer's LR throughout"];
  const parts: string[] = [];
  const num = (k: string, v: number): number => parts.push(`${k}=${formatLr(v)}`);
  switch (s.kind) {
    case "cosine":
    case "tanh":
    case "poly":
      num("t_initial", s.tInitial);
      num("lr_min", s.lrMin);
      if (s.kind === "poly") num("power", s.power);
      if (s.kind === "tanh") {
        num("lb", s.lb);
        num("ub", s.ub);
      }
      if (s.kind !== "tanh" && s.kDecay !== 1) num("k_decay", s.kDecay);
      if (s.cycleLimit > 1) {
        num("cycle_mul", s.cycleMul);
        num("cycle_decay", s.cycleDecay);
        num("cycle_limit", s.cycleLimit);
      }
      break;
    case "step":
      num("decay_t", s.decayT);
      num("decay_rate", s.decayRate);
      break;
    case "multistep":
      parts.push(`decay_t=[${s.decayT.map(formatLr).join(", ")}]`);
      num("decay_rate", s.decayRate);
      break;
    case "plateau":
      num("decay_rate", s.decayRate);
      num("patience_t", s.patienceT);
      parts.push(`mode=${s.mode}`);
      break;
  }
  const w = program.warmup;
  if (w.warmupT) {
    num("warmup_t", w.warmupT);
    num("warmup_lr_init", w.warmupLrInit);
    if (s.kind !== "plateau" && w.warmupPrefix) parts.push("warmup_prefix=True");
  }
  if (!program.tInEpochs) parts.push("t_in_epochs=False");
  return [`${names[s.kind]}(${parts.join(", ")})`];
}
