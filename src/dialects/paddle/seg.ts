import type { Problem } from "../../core/problem";
import type { SourceRange } from "../../core/range";
import type { PaddleSchedulerSpec } from "../../core/paddle/spec";
import { derived, literal, userInput, type Value } from "../../core/value";
import type { Inputs } from "../index";
import { Args } from "./args";
import { paddleLrFromArgs } from "./lr";
import { momentumOf, type SuiteResult } from "./suite";
import { asMap, entryOf, get, type PEntry, type PMap } from "./yaml";

/**
 * PaddleSeg: `Builder.lr_scheduler` (paddleseg/cvlibs/builder.py) builds `getattr(paddle.optimizer.lr, type)`
 * from `lr_scheduler` (PolynomialDecay's `decay_steps` defaults to `iters - warmup_iters`), wrapped in
 * LinearWarmup when `warmup_iters` is given; paddleseg/core/train.py steps it after every iteration, `iters` times.
 */
export function readSeg(root: PMap, inputs: Inputs, wholeFile: SourceRange): { result?: SuiteResult; fatal: Problem[] } {
  const fatal: Problem[] = [];
  const problems: Problem[] = [];
  const lrEntry = entryOf(root, "lr_scheduler");
  const lrMap = asMap(lrEntry?.value);
  if (!lrEntry || !lrMap || lrMap.entries.length === 0) return { fatal: [{ severity: "error", code: "no-lr-scheduler", message: "No lr_scheduler specified in the configuration file (PaddleSeg asserts).", range: lrEntry?.keyRange ?? wholeFile }] };
  const itersEntry = entryOf(root, "iters");
  const itersArgs = new Args(root, "iters", "PaddleSeg", false, itersEntry?.keyRange);
  let iters: Value | undefined;
  let itersInt = true;
  if (itersEntry) {
    const n = itersArgs.num("iters");
    fatal.push(...itersArgs.problems);
    if (n) {
      iters = n.value;
      itersInt = n.int;
    }
  }
  if (inputs.totalSteps !== undefined) {
    iters = userInput(inputs.totalSteps, "--total-steps");
    itersInt = true;
  }

  const typeNode = get(lrMap, "type");
  const type = typeNode?.kind === "scalar" && typeof typeNode.value === "string" ? typeNode.value : undefined;
  if (!type) return { fatal: [{ severity: "error", code: "no-type", message: "lr_scheduler has no type (KeyError).", range: lrEntry.keyRange }] };
  const warmupIters = get(lrMap, "warmup_iters");
  const kwargEntries: PEntry[] = lrMap.entries.filter((e) => e.key !== "type" && e.key !== "warmup_iters" && e.key !== "warmup_start_lr");
  const a0 = new Args(lrMap, `lr_scheduler (${type})`, `paddle.optimizer.lr.${type}`, false, lrEntry.keyRange);
  let warmup: { steps: number; startLr: number; endLr: number } | undefined;
  if (warmupIters !== undefined) {
    const w = a0.num("warmup_iters");
    const start = get(lrMap, "warmup_start_lr") === undefined ? undefined : a0.num("warmup_start_lr");
    if (get(lrMap, "warmup_start_lr") === undefined) fatal.push({ severity: "error", code: "argument-missing", message: "When use warmup, please set warmup_start_lr and warmup_iters in lr_scheduler (PaddleSeg asserts).", range: lrEntry.keyRange });
    if (get(lrMap, "learning_rate") === undefined) fatal.push({ severity: "error", code: "argument-missing", message: "warmup_iters needs lr_scheduler.learning_rate (end_lr of the warmup; KeyError).", range: lrEntry.keyRange });
    const end = get(lrMap, "learning_rate") !== undefined ? a0.num("learning_rate") : undefined;
    if (w && !w.int) fatal.push({ severity: "error", code: "argument-not-int", message: "warmup_iters must be a Python int (LinearWarmup asserts).", range: w.value.range });
    if (w && start && end) warmup = { steps: w.v, startLr: start.v, endLr: end.v };
  }
  // PolynomialDecay: decay_steps defaults to max(iters - warmup_iters, 1).
  let entries = kwargEntries;
  if (type === "PolynomialDecay" && !kwargEntries.some((e) => e.key === "decay_steps")) {
    if (!iters) {
      fatal.push({ severity: "error", code: "iters-missing", message: "PolynomialDecay's decay_steps defaults to iters, which this config does not set; pass --total-steps N (PaddleSeg's --iters).", range: lrEntry.keyRange });
    } else {
      const ds = Math.max(iters.value - (warmup?.steps ?? 0), 1);
      const r = lrEntry.keyRange;
      entries = [...kwargEntries, { key: "decay_steps", keyRange: r, value: { kind: "scalar", value: ds, isInt: itersInt, range: iters.range ?? r } }];
    }
  }
  fatal.push(...a0.problems);
  if (fatal.length > 0) return { fatal };
  const args = new Args({ ...lrMap, entries }, `lr_scheduler (${type})`, `paddle.optimizer.lr.${type}`, false, lrEntry.keyRange);
  const built = paddleLrFromArgs(type, args);
  fatal.push(...args.problems.filter((p) => p.severity === "error"));
  if (typeof built === "string") {
    fatal.push({ severity: "error", code: "lr-unsupported", message: `Create ${type} has failed: ${built}.`, range: lrEntry.keyRange });
    return { fatal };
  }
  if (fatal.length > 0) return { fatal };
  if (built.kind === "ReduceOnPlateau" && !warmup) problems.push({ severity: "info", code: "plateau-flat", message: "ReduceOnPlateau is stepped with the training loss each iteration; it is drawn flat.", range: lrEntry.keyRange });
  const spec: PaddleSchedulerSpec = warmup ? { kind: "LinearWarmup", learningRate: built, warmupSteps: warmup.steps, startLr: warmup.startLr, endLr: warmup.endLr } : built;
  const lrValue = (() => {
    const n = get(lrMap, "learning_rate") ?? get(lrMap, "max_learning_rate") ?? get(lrMap, "base_learning_rate");
    return n?.kind === "scalar" && typeof n.value === "number" ? literal(n.value, n.range) : literal(0, lrEntry.keyRange);
  })();
  const optimizer = asMap(get(root, "optimizer"));
  const ot = get(optimizer, "type");
  const optType = ot?.kind === "scalar" && typeof ot.value === "string" ? ot.value : undefined;
  const assumptions = [];
  if (!iters) assumptions.push({ input: "totalSteps" as const, message: "iters (the training length) is not in this config or its _base_ files", range: wholeFile });
  else if (iters.origin.kind === "user") assumptions.push({ input: "totalSteps" as const, message: `${iters.value} iterations (--total-steps)`, value: iters.value });
  const boundaries = [...(warmup ? [{ tick: warmup.steps, label: "warmup ends" }] : [])];
  void derived;
  return {
    fatal,
    result: { name: "lr_scheduler", unit: "step", groups: [{ scheduler: spec, stepEvery: 1, group: { lr: lrValue, ...momentumOf(optimizer, optType, "PaddleSeg") }, boundaries }], total: iters, source: lrEntry.keyRange, problems, assumptions },
  };
}
