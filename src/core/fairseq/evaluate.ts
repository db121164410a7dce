import type { Boundary } from "../curve";
import type { Problem } from "../problem";
import { cosine } from "./cosine";
import { fixed } from "./fixed";
import { inverseSqrt } from "./inverseSqrt";
import { polynomialDecay } from "./polynomialDecay";
import type { FairseqProgram, FairseqSchedulerKind } from "./spec";
import { triStage } from "./triStage";

export interface FairseqEvaluation {
  groups: Float64Array[];
  boundaries: Boundary[];
  problems: Problem[];
}

function build(s: FairseqSchedulerKind): (n: number) => number {
  switch (s.kind) {
    case "inverse_sqrt":
      return inverseSqrt(s);
    case "polynomial_decay":
      return polynomialDecay(s);
    case "cosine":
      return cosine(s);
    case "tri_stage":
      return triStage(s);
    case "fixed":
      return fixed(s);
  }
}

/** Update n (from 0) trains with what `step_update(n)` set. Python's exceptions become error problems. */
export function evaluateFairseq(program: FairseqProgram, total: number): FairseqEvaluation {
  const s = program.scheduler;
  const problems: Problem[] = [];
  let f: (n: number) => number;
  try {
    f = build(s);
  } catch (e) {
    problems.push({ severity: "error", code: "scheduler-error", message: `--lr-scheduler ${s.kind}: ${(e as Error).message}` });
    return { groups: [new Float64Array(0)], boundaries: [], problems };
  }
  const lr = new Float64Array(total);
  for (let n = 0; n < total; n++) lr[n] = f(n);
  const boundaries: Boundary[] = [];
  const w = "warmupUpdates" in s ? s.warmupUpdates : s.kind === "tri_stage" ? s.warmupSteps : 0;
  if (w > 0 && w < total) boundaries.push({ tick: w, label: "warmup end" });
  const bad = lr.findIndex((x) => !Number.isFinite(x));
  if (bad >= 0) problems.push({ severity: "error", code: "not-finite", message: `The learning rate is ${lr[bad]} from update ${bad}: not a usable value.` });
  return { groups: [lr], boundaries, problems };
}
