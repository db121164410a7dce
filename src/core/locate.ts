import type { SourceRange } from "./range";
import type { ScheduleDescription } from "./schedule";
import type { Value } from "./value";

/** A place in a file that a schedule used: its source, a scheduler call, or a value (with the value). */
export interface UsedRange {
  readonly range: SourceRange;
  readonly value?: Value;
}

const isRange = (x: unknown): x is SourceRange => typeof x === "object" && x !== null && typeof (x as SourceRange).file === "string" && typeof (x as SourceRange).startLine === "number" && typeof (x as SourceRange).endColumn === "number";
const isValue = (x: unknown): x is Value => typeof x === "object" && x !== null && "origin" in x && "value" in x && typeof (x as Value).origin === "object";

/**
 * Every range a schedule used: the source, every value's range (and the ranges of the values it was
 * computed from: the argparse default behind `args.lr`), and every scheduler's call. Walks the description
 * generically, so the programs of every framework family are covered without knowing their shape.
 */
export function usedRanges(desc: ScheduleDescription): UsedRange[] {
  const out: UsedRange[] = [{ range: desc.source }];
  const seen = new Set<unknown>();
  const visit = (x: unknown, depth: number): void => {
    if (typeof x !== "object" || x === null || seen.has(x) || depth > 12 || ArrayBuffer.isView(x)) return;
    seen.add(x);
    if (isValue(x)) {
      if (x.range) out.push({ range: x.range, value: x });
      if (x.origin.kind === "expression") for (const i of x.origin.inputs) visit(i, depth + 1);
      return;
    }
    if (Array.isArray(x)) {
      for (const item of x) visit(item, depth + 1);
      return;
    }
    for (const [key, v] of Object.entries(x)) {
      if (key === "range" && isRange(v)) out.push({ range: v });
      else if (key !== "problems" && key !== "assumptions") visit(v, depth + 1);
    }
  };
  visit(desc.groups, 0);
  visit(desc.program, 0);
  visit(desc.total, 0);
  visit(desc.epochs, 0);
  visit(desc.stepsPerEpoch, 0);
  visit(desc.scaling, 0);
  return out;
}

function contains(r: SourceRange, line: number, column: number): boolean {
  if (line < r.startLine || line > r.endLine) return false;
  if (line === r.startLine && column < r.startColumn) return false;
  if (line === r.endLine && column > r.endColumn) return false;
  return true;
}

function size(r: SourceRange): number {
  return (r.endLine - r.startLine) * 100_000 + (r.endColumn - r.startColumn);
}

/**
 * Whether the schedule used the place `line:column` of `file` (of its cell `cell` in a notebook), and the
 * innermost value written there (the `T_max` argument inside the `CosineAnnealingLR(...)` call); `undefined`
 * when it did not.
 */
export function usedAt(desc: ScheduleDescription, file: string, line: number, column: number, cell?: number): { readonly range: SourceRange; readonly value?: Value } | undefined {
  let best: UsedRange | undefined;
  for (const u of usedRanges(desc)) {
    if (u.range.file !== file || u.range.cell !== cell || !contains(u.range, line, column)) continue;
    if (!best || size(u.range) < size(best.range) || (size(u.range) === size(best.range) && u.value && !best.value)) best = u;
  }
  return best;
}
