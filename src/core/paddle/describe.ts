import type { PaddleSchedulerSpec } from "./spec";

const num = (x: number): string => (Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6))));
const list = (xs: readonly number[]): string => (xs.length > 8 ? `[${xs.slice(0, 4).map(num).join(", ")}, … ${xs.length - 6} more …, ${xs.slice(-2).map(num).join(", ")}]` : `[${xs.map(num).join(", ")}]`);

/** `CosineAnnealingDecay(learning_rate=0.1, T_max=1000, eta_min=0)`: a spec as the Paddle call it stands for. */
export function describePaddleScheduler(s: PaddleSchedulerSpec | number): string {
  if (typeof s === "number") return num(s);
  const { kind, ...rest } = s;
  if (kind === "Constant") return num(s.learningRate);
  if (kind === "LinearWarmup") return `LinearWarmup(learning_rate=${describePaddleScheduler(s.learningRate)}, warmup_steps=${num(s.warmupSteps)}, start_lr=${num(s.startLr)}, end_lr=${num(s.endLr)})`;
  if (kind === "LambdaDecay") return `LambdaDecay(learning_rate=${num(s.learningRate)}, lr_lambda=${s.lambdaText})`;
  const args = Object.entries(rest).map(([k, v]) => `${k.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase())}=${Array.isArray(v) ? list(v as number[]) : typeof v === "number" ? num(v) : String(v)}`);
  return `${kind}(${args.join(", ")})`;
}
