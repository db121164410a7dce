import { formatLr } from "../explain";
import type { UltralyticsProgram } from "./spec";

/** `LambdaLR(lf=linear, epochs=100, lrf=0.01) + warmup(warmup_epochs=3, ...)`, for reports and hovers. */
export function describeUltralyticsProgram(program: UltralyticsProgram): string[] {
  const lf = program.cosLr ? "one_cycle(1, lrf, epochs)" : "linear";
  const lines = [`LambdaLR(lf=${lf}, epochs=${formatLr(program.epochs)}, lrf=${formatLr(program.lrf)}) stepped per epoch (${program.loop.schedulerStep === "epoch-start" ? "at its start" : "after it"})`];
  if (program.warmupEpochs > 0 || program.loop.warmupRule === "always100") {
    const rule = program.loop.warmupRule === "capped" ? "round(min(warmup_epochs, epochs - 1) × nb) iterations" : "max(round(warmup_epochs × nb), 100) iterations";
    lines.push(`warmup(warmup_epochs=${formatLr(program.warmupEpochs)}, warmup_bias_lr=${formatLr(program.warmupBiasLr)}, warmup_momentum=${formatLr(program.warmupMomentum)}): ${rule}`);
  }
  lines.push(`param groups: ${program.roles.join(", ")}`);
  return lines;
}
