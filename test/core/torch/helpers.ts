import assert from "node:assert/strict";
import { frameworkDefault, literal } from "../../../src/core/value";
import type { ParamGroup } from "../../../src/core/schedule";
import type { LrLambda, TorchProgram, TorchSchedulerKind, TorchSchedulerSpec } from "../../../src/core/torch/spec";
import { evaluateTorch, type TorchEvaluation } from "../../../src/core/torch/evaluate";

/** A param group as a reader would describe it. */
export function group(lr: number, momentum?: number, momentumKind?: "momentum" | "beta1"): ParamGroup {
  return { lr: literal(lr), momentum: momentum === undefined ? undefined : literal(momentum), momentumKind };
}

/** Adam's β1 default, as a reader fills it in. */
export function adamGroup(lr: number): ParamGroup {
  return { lr: literal(lr), momentum: frameworkDefault(0.9, "torch.optim.Adam default betas"), momentumKind: "beta1" };
}

export function spec(kind: TorchSchedulerKind, name: string = kind.kind): TorchSchedulerSpec {
  return { ...kind, name, args: {} };
}

export function lambda(text: string, fn: (epoch: number) => number): LrLambda {
  return { text, fn };
}

/** Schedulers constructed in order; by default only the last one is stepped, as most scripts do. */
export function program(schedulers: readonly TorchSchedulerSpec[], stepped: readonly number[] = [schedulers.length - 1], torchVersion?: string): TorchProgram {
  return { family: "torch", schedulers, stepped, torchVersion };
}

export function run(groups: readonly ParamGroup[], schedulers: readonly TorchSchedulerSpec[], total: number, stepped?: readonly number[]): TorchEvaluation {
  return evaluateTorch(program(schedulers, stepped), groups, total);
}

/** Group 0's LRs as a plain array, for `deepEqual` against hand-derived values. */
export function lrs(result: TorchEvaluation, g = 0): number[] {
  return Array.from(result.groups[g] ?? []);
}

/** Element-wise |a - e| ≤ rel · |e| (+ a tiny absolute floor for zeros). */
export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rel = 1e-12, what = "value"): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] ?? NaN;
    const e = expected[i] ?? NaN;
    const ok = Math.abs(a - e) <= rel * Math.abs(e) + 1e-300;
    assert.ok(ok, `${what}[${i}]: got ${a}, expected ${e}`);
  }
}
