import { formatLocation } from "./range";
import type { ScheduleDescription } from "./schedule";
import { describeDetectron2Program } from "./detectron2/describe";
import { describeTimmProgram } from "./timm/describe";
import type { TorchSchedulerSpec } from "./torch/spec";
import { describeUltralyticsProgram } from "./ultralytics/describe";
import type { Value } from "./value";

/** A number as people write learning rates: 0.1, 0.0004, 4e-7. */
export function formatLr(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 1e-4 && a < 1e6) return String(Number(v.toPrecision(6)));
  return v.toExponential(4).replace(/\.?0+e/, "e");
}

/**
 * How a value came to be, in one line: `0.4 = 0.1 * batch_size * world_size / 256 (train.py:12)`,
 * `0.1 (argparse default of --lr, train.py:8)`, `0.1 (torch.optim.lr_scheduler.StepLR default)`.
 */
export function explainValue(v: Value): string {
  const at = v.range ? formatLocation(v.range) : undefined;
  switch (v.origin.kind) {
    case "literal":
      return at ? `${formatLr(v.value)} (${at})` : formatLr(v.value);
    case "default":
      return `${formatLr(v.value)} (${v.origin.source}${at ? `, ${at}` : ""})`;
    case "user":
      return `${formatLr(v.value)} (${v.origin.option})`;
    case "expression": {
      const text = v.origin.text;
      return text === formatLr(v.value) ? `${text}${at ? ` (${at})` : ""}` : `${formatLr(v.value)} = ${text}${at ? ` (${at})` : ""}`;
    }
  }
}

/** PyTorch's own argument names, for display (`tMax` → `T_max`). */
function pythonName(key: string): string {
  const special: Record<string, string> = { tMax: "T_max", t0: "T_0", tMult: "T_mult", lambdas: "lr_lambda" };
  return special[key] ?? key.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());
}

/** `StepLR(step_size=30, gamma=0.1)` with the values the evaluator uses. */
export function describeTorchScheduler(spec: TorchSchedulerSpec, all: readonly TorchSchedulerSpec[]): string {
  const { kind, name: _name, range: _range, args: _args, ...fields } = spec;
  const parts: string[] = [];
  for (const key of Object.keys(fields)) {
    const value = (fields as Record<string, unknown>)[key];
    if (value === undefined || value === null) continue;
    if (key === "schedulers" && Array.isArray(value)) parts.push(`schedulers=[${(value as number[]).map((i) => all[i]?.name ?? "?").join(", ")}]`);
    else if (key === "lambdas" || key === "scaleFn") parts.push(`${pythonName(key)}=${Array.isArray(value) ? (value as { text: string }[]).map((l) => l.text).join(", ") : (value as { text: string }).text}`);
    else if (Array.isArray(value)) parts.push(`${pythonName(key)}=[${(value as number[]).map(formatLr).join(", ")}]`);
    else if (typeof value === "number") parts.push(`${pythonName(key)}=${formatLr(value)}`);
    else if (typeof value === "string" || typeof value === "boolean") parts.push(`${pythonName(key)}=${String(value)}`);
  }
  return `${kind}(${parts.join(", ")})`;
}

/** The schedulers of a description, outermost first (the ones stepped, then what they drive). */
export function describeProgram(desc: ScheduleDescription): string[] {
  if (desc.program.family === "timm") return describeTimmProgram(desc.program);
  // Keras, optax, fairseq, NeMo, Megatron: the reader writes the description with the program.
  if ("summary" in desc.program) return [...desc.program.summary];
  if (desc.program.family === "detectron2") return describeDetectron2Program(desc.program);
  if (desc.program.family === "ultralytics") return describeUltralyticsProgram(desc.program);
  if (desc.program.family === "deepspeed") {
    // DeepSpeed: one scheduler, described by its config params with the defaults it used.
    const { name, args } = desc.program.scheduler;
    return [`${name}(${Object.entries(args).map(([k, v]) => `${k}=${formatLr(v.value)}`).join(", ")})`];
  }
  if (desc.program.family === "mmengine") {
    // MMEngine: the param_scheduler entries (or the mmcv lr_config), each with the arguments it was given.
    const { schedulers, legacy } = desc.program;
    const entries = legacy ? [{ name: `lr_config(policy=${legacy.policy})`, args: legacy.args }] : schedulers;
    return entries.map(({ name, args }) => `${name}(${Object.entries(args).map(([k, v]) => `${k}=${formatLr(v.value)}`).join(", ")})`);
  }
  const { schedulers, stepped } = desc.program;
  const order = stepped.length > 0 ? stepped : schedulers.map((_, i) => i);
  const lines: string[] = [];
  const seen = new Set<number>();
  const visit = (i: number, depth: number): void => {
    const s = schedulers[i];
    if (!s || seen.has(i)) return;
    seen.add(i);
    lines.push(`${"  ".repeat(depth)}${s.name} = ${describeTorchScheduler(s, schedulers)}`);
    if (s.kind === "SequentialLR" || s.kind === "ChainedScheduler") s.schedulers.forEach((c) => visit(c, depth + 1));
  };
  order.forEach((i) => visit(i, 0));
  schedulers.forEach((_, i) => visit(i, 0));
  // `scheduler.step(epoch + i / iters)`: the epoch passed, evaluated per tick.
  const epochStep = desc.program.stepEpoch;
  if (epochStep) lines.push(`${schedulers[stepped[0]!]?.name ?? "scheduler"}.step(${epochStep.text})`);
  return lines;
}
