import type { Detectron2Program, ParamSchedulerSpec } from "./spec";

function n(x: number): string {
  return String(Number(x.toPrecision(6)));
}

/** `WarmupParamScheduler(scheduler=MultiStepParamScheduler(values=[1, 0.1], ...), ...)`, as configured. */
export function describeParamScheduler(s: ParamSchedulerSpec): string {
  const list = (xs: readonly number[] | null): string => (xs === null ? "None" : `[${xs.map(n).join(", ")}]`);
  switch (s.kind) {
    case "ConstantParamScheduler":
      return `${s.kind}(value=${n(s.value)})`;
    case "CosineParamScheduler":
    case "LinearParamScheduler":
      return `${s.kind}(start_value=${n(s.startValue)}, end_value=${n(s.endValue)})`;
    case "ExponentialParamScheduler":
      return `${s.kind}(start_value=${n(s.startValue)}, decay=${n(s.decay)})`;
    case "PolynomialDecayParamScheduler":
      return `${s.kind}(base_value=${n(s.baseValue)}, power=${n(s.power)})`;
    case "MultiStepParamScheduler":
      return `${s.kind}(values=${list(s.values)}, milestones=${list(s.milestones)}, num_updates=${s.numUpdates === null ? "None" : n(s.numUpdates)})`;
    case "StepParamScheduler":
      return `${s.kind}(num_updates=${n(s.numUpdates)}, values=${list(s.values)})`;
    case "StepWithFixedGammaParamScheduler":
      return `${s.kind}(base_value=${n(s.baseValue)}, num_decays=${s.numDecays}, gamma=${n(s.gamma)}, num_updates=${s.numUpdates})`;
    case "CompositeParamScheduler":
      return `${s.kind}(schedulers=[${s.schedulers.map(describeParamScheduler).join(", ")}], lengths=${list(s.lengths)}, interval_scaling=[${s.intervalScaling.join(", ")}])`;
    case "WarmupParamScheduler":
      return `${s.kind}(scheduler=${describeParamScheduler(s.scheduler)}, warmup_factor=${n(s.warmupFactor)}, warmup_length=${n(s.warmupLength)}, warmup_method=${s.warmupMethod}, rescale_interval=${s.rescaleInterval ? "True" : "False"})`;
  }
}

/** One line per scheduler object, outermost first. */
export function describeDetectron2Program(p: Detectron2Program): string[] {
  if (p.schedule.type === "multiplier") return [`LRMultiplier(max_iter=${p.schedule.maxIter})`, `  ${describeParamScheduler(p.schedule.multiplier)}`];
  const s = p.schedule.scheduler;
  const { kind, range: _range, ...args } = s;
  return [`${kind}(${Object.entries(args).map(([k, v]) => `${k}=${Array.isArray(v) ? `[${(v as number[]).join(", ")}]` : String(v)}`).join(", ")})`];
}
