import type { ScheduleDescription } from "../schedule";
import type { Value } from "../value";
import type { LintFinding, LintRule } from "./rule";
import { arg, torchWindows, totalTicks, unitWord } from "./rule";

interface Warmup {
  readonly ticks: number;
  readonly what: string;
  readonly value?: Value;
  readonly range?: ScheduleDescription["source"];
}

/** The warmups a program declares, in ticks of the schedule's unit. */
function warmups(desc: ScheduleDescription, total: number): Warmup[] {
  const p = desc.program;
  if (p.family === "torch") {
    const out: Warmup[] = [];
    for (const w of torchWindows(p, total)) {
      const s = w.spec;
      // A rising LinearLR the loop steps alone, or a LinearLR/ConstantLR a SequentialLR runs first: the LR
      // reaches its base value when it ends or at the hand-over, whichever comes first.
      if (s.kind !== "LinearLR" && s.kind !== "ConstantLR") continue;
      if (!w.parent && !(s.kind === "LinearLR" && s.startFactor < s.endFactor)) continue;
      if (w.parent && w.parent.position !== 0) continue;
      const v = arg(s, "total_iters");
      const handOver = w.parent?.spec.milestones[0];
      if (handOver !== undefined && handOver < s.totalIters) {
        const m = arg(w.parent!.spec, "milestones[0]");
        out.push({ ticks: handOver, what: `${s.name} until ${w.parent!.spec.name}'s milestone ${handOver}`, value: m, range: m?.range ?? w.parent!.spec.range });
      } else out.push({ ticks: s.totalIters, what: `${s.name} (total_iters=${s.totalIters})`, value: v, range: v?.range ?? s.range });
    }
    return out;
  }
  if (p.family === "deepspeed") {
    const s = p.scheduler;
    if (s.kind === "WarmupLR" || s.kind === "WarmupDecayLR" || s.kind === "WarmupCosineLR") {
      const v = arg(s, "warmup_num_steps");
      return [{ ticks: s.warmupNumSteps, what: `warmup_num_steps=${s.warmupNumSteps}`, value: v, range: v?.range ?? s.range }];
    }
    return [];
  }
  if (p.family === "mmengine") {
    const first = p.schedulers.find((s) => s.param === "lr");
    if (!first || !(first.kind === "Linear" || first.kind === "QuadraticWarmup") || first.end === undefined || p.schedulers.filter((s) => s.param === "lr").length < 2) return [];
    // `end` counts epochs when by_epoch (the runner multiplies by the epoch length), else iterations.
    const ticks = first.byEpoch && first.convertToIterBased && Number.isFinite(p.epochLength) ? first.end * p.epochLength : first.byEpoch && p.loop === "epoch" ? (Number.isFinite(p.epochLength) ? first.end * p.epochLength : NaN) : first.end;
    const v = arg(first, "end");
    return Number.isFinite(ticks) ? [{ ticks, what: `${first.name} (end=${first.end})`, value: v, range: v?.range ?? first.range }] : [];
  }
  return [];
}

/** A warmup that never ends inside the training: the LR never reaches the base LR. */
export const warmupLongerThanTraining: LintRule = {
  code: "warmup-longer-than-training",
  description: "The warmup is longer than the training: the LR never reaches its base value.",
  check(desc, curve) {
    const total = totalTicks(desc, curve);
    if (total === undefined) return [];
    const out: LintFinding[] = [];
    for (const w of warmups(desc, total)) {
      if (!(w.ticks > total)) continue;
      out.push({
        severity: "warning",
        code: this.code,
        message: `The warmup, ${w.what}, lasts ${unitWord(desc, w.ticks)} but the training runs ${unitWord(desc, total)}: the LR never reaches its base value`,
        range: w.range ?? desc.source,
      });
    }
    return out;
  },
};
