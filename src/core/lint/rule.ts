import type { Curve } from "../curve";
import type { Input, Problem } from "../problem";
import type { SourceRange } from "../range";
import type { ScheduleDescription } from "../schedule";
import type { TorchProgram, TorchSchedulerSpec } from "../torch/spec";
import type { Value } from "../value";

/** A text edit that fixes a finding (a quick fix in the editor). */
export interface LintFix {
  readonly title: string;
  readonly range: SourceRange;
  readonly newText: string;
}

/** What a rule reports: a problem, with a fix where the fix is obvious, or an input that resolves it. */
export interface LintFinding extends Problem {
  readonly fix?: LintFix;
  /** The input that, once supplied, resolves the finding (the editor offers to set it). */
  readonly input?: Input;
}

/**
 * A check of a schedule the framework would accept but that is very likely not what the user meant. One
 * rule per file; `code` is the id users turn it off with (`lrscope.diagnostics.rules`).
 */
export interface LintRule {
  readonly code: string;
  /** One line for the docs and settings. */
  readonly description: string;
  check(desc: ScheduleDescription, curve: Curve): readonly LintFinding[];
}

/** The training length in ticks, when known. */
export function totalTicks(desc: ScheduleDescription, curve: Curve): number | undefined {
  if (curve.total > 0) return curve.total;
  const t = desc.total?.value;
  return t !== undefined && Number.isFinite(t) && t > 0 ? Math.floor(t) : undefined;
}

export function unitWord(desc: ScheduleDescription, n: number): string {
  return `${n.toLocaleString("en-US")} ${desc.unit}${n === 1 ? "" : "s"}`;
}

/** The argument as the user wrote it, with its range (first of the names that exists). */
export function arg(spec: { readonly args: Readonly<Record<string, Value>> }, ...names: string[]): Value | undefined {
  for (const n of names) if (spec.args[n]) return spec.args[n];
  return undefined;
}

/** A whole-number replacement is an obvious fix only where the value is written in the file. */
export function replaceable(v: Value | undefined): v is Value & { readonly range: SourceRange } {
  return v?.range !== undefined;
}

/** A torch scheduler with the number of ticks it is stepped for (its "window"). */
export interface TorchWindow {
  readonly index: number;
  readonly spec: TorchSchedulerSpec;
  /** Ticks during which this scheduler drives the LR (a SequentialLR child: from its milestone to the next). */
  readonly ticks: number;
  /** The SequentialLR that hands over to it, and its position there. */
  readonly parent?: { readonly spec: TorchSchedulerSpec & { readonly kind: "SequentialLR" }; readonly position: number };
}

/**
 * How long each stepped scheduler of a PyTorch program runs: the whole training for the ones the loop
 * steps, and for a SequentialLR child the ticks between its milestone and the next (sequentialLR.ts).
 */
export function torchWindows(program: TorchProgram, total: number): TorchWindow[] {
  const out: TorchWindow[] = [];
  const seen = new Set<number>();
  const visit = (index: number, ticks: number, parent?: TorchWindow["parent"]): void => {
    const spec = program.schedulers[index];
    if (!spec || seen.has(index)) return;
    seen.add(index);
    out.push({ index, spec, ticks, parent });
    if (spec.kind === "SequentialLR") {
      const seq = spec;
      spec.schedulers.forEach((child, k) => {
        const start = k === 0 ? 0 : (seq.milestones[k - 1] ?? ticks);
        const end = k < seq.milestones.length ? (seq.milestones[k] ?? ticks) : ticks;
        visit(child, Math.max(0, Math.min(end, ticks) - Math.min(start, ticks)), { spec: seq, position: k });
      });
    } else if (spec.kind === "ChainedScheduler") spec.schedulers.forEach((child) => visit(child, ticks));
  };
  const every = Math.max(1, Math.floor(program.stepEvery ?? 1));
  for (const i of program.stepped) visit(i, Math.floor(total / every));
  return out;
}

/** `T_max=90` as the user would write it. */
export function named(name: string, v: number): string {
  return `${name}=${v}`;
}
