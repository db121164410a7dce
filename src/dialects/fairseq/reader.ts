import type { Assumption, Problem } from "../../core/problem";
import type { SourceRange } from "../../core/range";
import type { FairseqProgram, FairseqSchedulerKind } from "../../core/fairseq/spec";
import type { ScheduleDescription } from "../../core/schedule";
import { derived, frameworkDefault, literal, userInput, type Value } from "../../core/value";
import { at, entry, parseYamlConfig, type ConfigNode } from "../../parse/config";
import type { ReaderContext, ReadResult } from "../index";
import { parseFlags } from "../megatron/flags";
import { parseLaunchScript, type LaunchCommand } from "../../parse/shell";
import { pinnedVersion } from "../versions";

export const FAIRSEQ_REFERENCE = "facebookresearch/fairseq fairseq/optim/lr_scheduler/*.py, fairseq/trainer.py";

/** One setting, by its dataclass field name (`warmup_updates`), from a flag or the YAML. */
interface Setting {
  readonly text: string;
  readonly range: SourceRange;
  readonly dynamic?: string;
}

type Settings = Map<string, Setting>;

const supported = new Set(["inverse_sqrt", "polynomial_decay", "cosine", "tri_stage", "fixed"]);

/**
 * Reads fairseq runs: `fairseq-train` command lines in shell scripts, and Hydra YAML configs
 * (`lr_scheduler: {_name: ...}`, `optimization: {lr, max_update}`) for `fairseq-hydra-train`.
 */
export function readFairseq(fileName: string, text: string, context: ReaderContext): ReadResult | undefined {
  if (/\.(sh|bash)$/.test(fileName)) {
    if (!/fairseq|--lr-scheduler|--warmup-updates/.test(text)) return undefined;
    const schedules: ScheduleDescription[] = [];
    for (const command of parseLaunchScript(fileName, text)) {
      const start = fairseqRun(command);
      if (start === undefined) continue;
      const settings: Settings = new Map();
      for (const [flag, s] of parseFlags(command.words.slice(start))) {
        const w = s.values[0];
        settings.set(flag.replace(/^--/, "").replace(/-/g, "_"), { text: w?.text ?? "", range: s.range, ...(w?.dynamic ? { dynamic: w.dynamic } : {}) });
      }
      schedules.push(describe(settings, command.range, fileName, context));
    }
    return schedules.length > 0 ? { schedules, problems: [] } : undefined;
  }
  if (/\.ya?ml$/.test(fileName)) {
    if (!/lr_scheduler/.test(text)) return undefined;
    const doc = parseYamlConfig(fileName, text);
    const root = doc.root;
    const sched = at(root, "lr_scheduler");
    if (sched?.kind !== "map" || !entry(sched, "_name") || !(entry(root, "optimization") || entry(root, "task") || entry(root, "criterion"))) return undefined;
    const settings: Settings = new Map();
    const put = (node: ConfigNode | undefined): void => {
      if (node?.kind !== "map") return;
      for (const e of node.entries) {
        const v = e.value;
        const textOf = (n: ConfigNode): string => (n.kind === "scalar" ? String(n.value) : n.kind === "seq" ? n.items.map(textOf).join(",") : "");
        settings.set(e.key, { text: textOf(v), range: { ...e.keyRange, endLine: v.range.endLine, endColumn: v.range.endColumn } });
      }
    };
    put(at(root, "optimization"));
    put(sched);
    const name = settings.get("_name");
    if (name) settings.set("lr_scheduler", name);
    const d = describe(settings, sched.range, fileName, context);
    return { schedules: [{ ...d, problems: [...doc.problems, ...d.problems] }], problems: [] };
  }
  return undefined;
}

function fairseqRun(command: LaunchCommand): number | undefined {
  const words = command.words;
  const i = words.findIndex((w) => /(^|\/)fairseq-train$|(^|\/)fairseq_cli\/train\.py$/.test(w.text));
  if (i >= 0) return i + 1;
  const py = words.findIndex((w) => /(^|\/)train\.py$/.test(w.text));
  if (py >= 0 && words.some((w) => /^--lr-scheduler(=|$)/.test(w.text)) && words.some((w) => /^--(arch|task|criterion|max-update|warmup-updates)(=|$)/.test(w.text))) return py + 1;
  return undefined;
}

class Reader {
  readonly values: Record<string, Value> = {};
  readonly problems: Problem[] = [];

  constructor(private readonly settings: Settings) {}

  number(key: string, fallback: number | null): number | null | undefined {
    const s = this.settings.get(key);
    if (!s || s.text === "None" || s.text === "null") {
      if (fallback !== null) this.values[key] = frameworkDefault(fallback, `fairseq default ${key}`);
      return fallback;
    }
    if (s.dynamic) {
      this.problems.push({ severity: "warning", code: "needs-input", message: `${key}: ${s.dynamic}`, range: s.range });
      return undefined;
    }
    const x = Number(s.text.replace(/^\[|\]$/g, "").split(",")[0]!.trim());
    if (!Number.isFinite(x) || s.text.trim() === "") {
      this.problems.push({ severity: "error", code: "invalid-value", message: `${key} ${s.text}: not a number`, range: s.range });
      return undefined;
    }
    this.values[key] = literal(x, s.range);
    return x;
  }

  numbers(key: string, fallback: number[]): number[] | undefined {
    const s = this.settings.get(key);
    if (!s) {
      fallback.forEach((x, i) => (this.values[`${key}[${i}]`] = frameworkDefault(x, `fairseq default ${key}`)));
      return fallback;
    }
    if (s.dynamic) {
      this.problems.push({ severity: "warning", code: "needs-input", message: `${key}: ${s.dynamic}`, range: s.range });
      return undefined;
    }
    const xs = s.text
      .replace(/^[[(]|[\])]$/g, "")
      .split(",")
      .filter((p) => p.trim() !== "")
      .map((p) => Number(p.trim()));
    if (xs.length === 0 || xs.some((x) => !Number.isFinite(x))) {
      this.problems.push({ severity: "error", code: "invalid-value", message: `${key} ${s.text}: not a list of numbers`, range: s.range });
      return undefined;
    }
    xs.forEach((x, i) => (this.values[`${key}[${i}]`] = literal(x, s.range)));
    return xs;
  }

  string(key: string, fallback: string): string {
    return this.settings.get(key)?.text ?? fallback;
  }

  range(key: string): SourceRange | undefined {
    return this.settings.get(key)?.range;
  }
}

function describe(settings: Settings, where: SourceRange, fileName: string, context: ReaderContext): ScheduleDescription {
  const r = new Reader(settings);
  const problems: Problem[] = [];
  const assumptions: Assumption[] = [];
  const pin = pinnedVersion(context.files, fileName, "fairseq");
  problems.push({ severity: "info", code: "framework-version", message: pin ? `The workspace pins fairseq ${pin.spec}; following ${FAIRSEQ_REFERENCE} (main), unchanged since 0.10.` : `No fairseq version is pinned: following ${FAIRSEQ_REFERENCE} (main).`, range: pin?.range });
  const name = r.string("lr_scheduler", "fixed");
  const lrs = r.numbers("lr", [0.25]);
  const maxUpdate = r.number("max_update", 0);
  const maxEpoch = r.number("max_epoch", 0);
  let kind: FairseqSchedulerKind | undefined;
  const lr = lrs?.[0];
  const one = (): boolean => {
    if (lrs && lrs.length > 1) {
      problems.push({ severity: "error", code: "invalid-argument", message: `Cannot use a fixed learning rate schedule with ${name} (--lr has ${lrs.length} values); fairseq raises ValueError`, range: r.range("lr") });
      return false;
    }
    return true;
  };
  if (!supported.has(name)) {
    problems.push({ severity: "error", code: "unsupported-scheduler", message: `--lr-scheduler ${name} is not evaluated here (inverse_sqrt, polynomial_decay, cosine, tri_stage and fixed are)${name === "reduce_lr_on_plateau" ? ": it follows the validation loss, which no file says" : ""}`, range: r.range("lr_scheduler") ?? where });
  } else if (lr !== undefined && maxUpdate !== undefined && maxUpdate !== null) {
    switch (name) {
      case "inverse_sqrt": {
        const [w, init] = [r.number("warmup_updates", 4000), r.number("warmup_init_lr", -1)];
        if (one() && w != null && init != null) kind = { kind: "inverse_sqrt", lr, warmupUpdates: w, warmupInitLr: init };
        break;
      }
      case "polynomial_decay": {
        const [w, end, power, T] = [r.number("warmup_updates", 0), r.number("end_learning_rate", 0.0), r.number("power", 1.0), r.number("total_num_update", maxUpdate)];
        if (r.number("force_anneal", null) != null) problems.push({ severity: "info", code: "force-anneal-ignored", message: "force_anneal only changes the LR set at an epoch's start, which step_update overrides at once", range: r.range("force_anneal") });
        if (w != null && end != null && power != null && T != null) kind = { kind: "polynomial_decay", lr, warmupUpdates: w, endLearningRate: end, power, totalNumUpdate: T };
        break;
      }
      case "cosine": {
        const [w, init, min, tMult, period, shrink] = [r.number("warmup_updates", 0), r.number("warmup_init_lr", -1), r.number("min_lr", 0.0), r.number("t_mult", 1.0), r.number("lr_period_updates", -1), r.number("lr_shrink", 0.1)];
        if (one() && w != null && init != null && min != null && tMult != null && period != null && shrink != null) kind = { kind: "cosine", lr, warmupUpdates: w, warmupInitLr: init, minLr: min, tMult, lrPeriodUpdates: period, lrShrink: shrink, maxUpdate };
        break;
      }
      case "tri_stage": {
        const [w, h, d, i, fi] = [r.number("warmup_steps", 0), r.number("hold_steps", 0), r.number("decay_steps", 0), r.number("init_lr_scale", 0.01), r.number("final_lr_scale", 0.01)];
        const pr = settings.get("phase_ratio")?.text;
        const ratio = pr === undefined || pr === "null" || pr === "None" || pr === "" ? null : r.numbers("phase_ratio", []);
        if (one() && w != null && h != null && d != null && i != null && fi != null && ratio !== undefined) kind = { kind: "tri_stage", lr, warmupSteps: w, holdSteps: h, decaySteps: d, phaseRatio: ratio, initLrScale: i, finalLrScale: fi, maxUpdate };
        break;
      }
      case "fixed": {
        const [fa, shrink, w] = [r.number("force_anneal", null), r.number("lr_shrink", 0.1), r.number("warmup_updates", 0)];
        const perEpoch = context.inputs.stepsPerEpoch;
        const epochDependent = (lrs?.length ?? 1) > 1 || fa !== null;
        if (epochDependent && perEpoch === undefined) assumptions.push({ input: "stepsPerEpoch", message: "The fixed scheduler changes the LR at epoch starts: give the updates per epoch", range: r.range("lr") ?? where });
        if (lrs && fa !== undefined && shrink != null && w != null) kind = { kind: "fixed", lrs, forceAnneal: fa, lrShrink: shrink, warmupUpdates: w, updatesPerEpoch: perEpoch ?? Infinity };
        break;
      }
    }
  }
  problems.push(...r.problems);

  // Training length: max_update, or max_epoch × updates per epoch, whichever ends first.
  let total: Value | undefined;
  if (context.inputs.totalSteps !== undefined) {
    total = userInput(context.inputs.totalSteps, "--total-steps");
    assumptions.push({ input: "totalSteps", message: `--total-steps ${context.inputs.totalSteps} (given)`, value: context.inputs.totalSteps });
  } else {
    const byEpoch = maxEpoch && context.inputs.stepsPerEpoch !== undefined ? derived(maxEpoch * context.inputs.stepsPerEpoch, "max_epoch × updates per epoch", [r.values["max_epoch"]!, userInput(context.inputs.stepsPerEpoch, "--steps-per-epoch")]) : undefined;
    if (maxUpdate && maxUpdate > 0) total = byEpoch && byEpoch.value < maxUpdate ? byEpoch : r.values["max_update"];
    else if (byEpoch) total = byEpoch;
    else if (maxEpoch && maxEpoch > 0) assumptions.push({ input: "stepsPerEpoch", message: `Training runs ${maxEpoch} epochs (--max-epoch): give the updates per epoch`, range: r.range("max_epoch") });
    else assumptions.push({ input: "totalSteps", message: "Neither --max-update nor --max-epoch is set: fairseq trains until stopped; give the training length in updates", range: where });
  }
  if (context.inputs.stepsPerEpoch !== undefined) assumptions.push({ input: "stepsPerEpoch", message: `--steps-per-epoch ${context.inputs.stepsPerEpoch} (given)`, value: context.inputs.stepsPerEpoch });
  const program: FairseqProgram = {
    family: "fairseq",
    scheduler: kind ?? { kind: "fixed", lrs: [NaN], forceAnneal: null, lrShrink: 0.1, warmupUpdates: 0, updatesPerEpoch: Infinity },
    summary: kind ? [`${name}(${Object.entries(r.values).map(([k, v]) => `${k}=${v.value}`).join(", ")})`] : [],
  };
  return {
    name: `--lr-scheduler ${name}`,
    dialect: "fairseq",
    unit: "step",
    total: kind ? total : undefined,
    groups: [{ lr: r.values["lr[0]"] ?? frameworkDefault(0.25, "fairseq default lr") }],
    program,
    source: r.range("lr_scheduler") ?? where,
    assumptions,
    problems,
  };
}
