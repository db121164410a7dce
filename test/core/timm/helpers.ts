import assert from "node:assert/strict";
import type { ParamGroup } from "../../../src/core/schedule";
import { evaluateTimm, type TimmEvaluation } from "../../../src/core/timm/evaluate";
import type { TimmProgram, TimmSchedulerKind, TimmWarmup } from "../../../src/core/timm/spec";
import { literal } from "../../../src/core/value";

export const noWarmup: TimmWarmup = { warmupT: 0, warmupLrInit: 0, warmupPrefix: false };

export function program(scheduler: TimmSchedulerKind, warmup: Partial<TimmWarmup> = {}, tInEpochs = true): TimmProgram {
  return { family: "timm", scheduler, warmup: { ...noWarmup, ...warmup }, tInEpochs, args: {} };
}

export function groups(...lrs: number[]): ParamGroup[] {
  return lrs.map((lr) => ({ lr: literal(lr) }));
}

export function run(p: TimmProgram, base: number[], total: number): TimmEvaluation {
  return evaluateTimm(p, groups(...base), total);
}

export function lrs(result: TimmEvaluation, g = 0): number[] {
  return Array.from(result.groups[g]!);
}

/** Equal within a few ulps (V8's Math.cos/pow and glibc's may differ in the last bit). */
export function close(actual: number | undefined, expected: number, rel = 1e-12): void {
  assert.ok(actual !== undefined && Math.abs(actual - expected) <= rel * Math.max(Math.abs(expected), 1e-300), `${actual} ≉ ${expected}`);
}

export const cycles1 = { cycleMul: 1, cycleDecay: 1, cycleLimit: 1 };
