import type { Assumption, Problem } from "../../core/problem";
import type { SourceRange } from "../../core/range";
import { optaxNaturalLength } from "../../core/optax/evaluate";
import type { OptaxProgram, OptaxSchedule, OptaxScheduleKind } from "../../core/optax/spec";
import type { ScheduleDescription } from "../../core/schedule";
import { frameworkDefault, userInput, type Value } from "../../core/value";
import { Interpreter, type CallSite, type EvaluatedArguments, type Host } from "../../parse/python/interpreter";
import { parsePython, type PythonFile } from "../../parse/python/syntax";
import type { PyVal } from "../../parse/python/values";
import type { ReaderContext, ReadResult } from "../index";
import { ArgReader, bindArguments, type PySignature } from "../keras/pyargs";
import { targetName } from "../keras/reader";
import { pinnedVersion } from "../versions";

export const OPTAX_REFERENCE = "google-deepmind/optax optax/schedules/_schedule.py, _join.py";

const signatures: Readonly<Record<string, PySignature>> = {
  constant_schedule: [["value", "required"]],
  polynomial_schedule: [["init_value", "required"], ["end_value", "required"], ["power", "required"], ["transition_steps", "required"], ["transition_begin", 0]],
  linear_schedule: [["init_value", "required"], ["end_value", "required"], ["transition_steps", "required"], ["transition_begin", 0]],
  piecewise_constant_schedule: [["init_value", "required"], ["boundaries_and_scales", null]],
  exponential_decay: [["init_value", "required"], ["transition_steps", "required"], ["decay_rate", "required"], ["transition_begin", 0], ["staircase", false], ["end_value", null]],
  cosine_decay_schedule: [["init_value", "required"], ["decay_steps", "required"], ["alpha", 0.0], ["exponent", 1.0]],
  warmup_constant_schedule: [["init_value", "required"], ["peak_value", "required"], ["warmup_steps", "required"]],
  warmup_cosine_decay_schedule: [["init_value", "required"], ["peak_value", "required"], ["warmup_steps", "required"], ["decay_steps", "required"], ["end_value", 0.0], ["exponent", 1.0]],
  warmup_exponential_decay_schedule: [["init_value", "required"], ["peak_value", "required"], ["warmup_steps", "required"], ["transition_steps", "required"], ["decay_rate", "required"], ["transition_begin", 0], ["staircase", false], ["end_value", null]],
  join_schedules: [["schedules", "required"], ["boundaries", "required"]],
  sgdr_schedule: [["cosine_kwargs", "required"]],
};

/** Module-level names that usually hold the training length, in the order they are trusted. */
const lengthNames = ["num_train_steps", "total_steps", "num_training_steps", "total_train_steps", "train_steps", "training_steps", "num_steps", "max_steps", "n_steps", "steps"];

interface Built {
  readonly schedule?: OptaxSchedule;
  readonly name: string;
  readonly range: SourceRange;
  readonly problems: Problem[];
  readonly order: number;
  /** Used by another schedule (`join_schedules([...])`): not a schedule of its own. */
  consumed: boolean;
}

/** Reads Python files that build optax schedules, statically. `undefined` for files that build none. */
export function readOptax(fileName: string, text: string, context: ReaderContext): ReadResult | undefined {
  if (!/optax/.test(text) || !/_schedule|exponential_decay/.test(text)) return undefined;
  const file = parsePython(fileName, text);
  const host = new OptaxHost(file);
  const interp = new Interpreter(file, host);
  interp.run();
  const tops = [...host.built.values()].filter((b) => !b.consumed).sort((a, b) => a.order - b.order);
  if (tops.length === 0) return undefined;

  const pin = pinnedVersion(context.files, fileName, "optax");
  const version: Problem = {
    severity: "info",
    code: "framework-version",
    message: pin ? `The workspace pins optax ${pin.spec}; the curve follows optax's schedules as of the current release (${OPTAX_REFERENCE}), in float32 as JAX computes them.` : `No optax version is pinned: following the current release (${OPTAX_REFERENCE}), in float32 as JAX computes them.`,
    range: pin?.range,
  };
  // A length the file names once, at module level (`num_train_steps = 10_000`).
  let fileLength: { value: Value; name: string } | undefined;
  for (const name of lengthNames) {
    const v = interp.module.get(name);
    if (v?.kind === "num" && Number.isInteger(v.value) && v.value > 0) {
      fileLength = { value: v.prov, name };
      break;
    }
  }
  const schedules = tops.map((b) => describe(b, fileLength, context, version));
  return { schedules, problems: [] };
}

function describe(b: Built, fileLength: { value: Value; name: string } | undefined, context: ReaderContext, version: Problem): ScheduleDescription {
  const problems: Problem[] = [...b.problems, version];
  const assumptions: Assumption[] = [];
  let total: Value | undefined;
  if (context.inputs.totalSteps !== undefined) {
    total = userInput(context.inputs.totalSteps, "--total-steps");
    assumptions.push({ input: "totalSteps", message: `--total-steps ${context.inputs.totalSteps} (given)`, value: context.inputs.totalSteps });
  } else if (fileLength) {
    total = fileLength.value;
    problems.push({ severity: "info", code: "total-from-variable", message: `Training length read from ${fileLength.name} = ${fileLength.value.value}`, range: fileLength.value.range });
  } else if (b.schedule) {
    const natural = optaxNaturalLength(b.schedule);
    if (natural !== undefined && natural > 0) {
      total = frameworkDefault(natural, `the length of ${b.name}`);
      assumptions.push({ input: "totalSteps", message: `The file does not say how many steps train: the curve runs until ${b.name} ends (${natural} steps); give the training length in steps`, value: natural, range: b.range });
    } else {
      assumptions.push({ input: "totalSteps", message: `The file does not say how many steps train and ${b.name} has no end: give the training length in steps`, range: b.range });
    }
  }
  const schedule: OptaxSchedule = b.schedule ?? { kind: "constant", value: NaN, name: b.name, range: b.range };
  const program: OptaxProgram = { family: "optax", schedule, summary: summarise(schedule) };
  const first = firstValue(schedule);
  return {
    name: b.name,
    dialect: "optax",
    unit: "step",
    total: b.schedule ? total : undefined,
    groups: [{ lr: first ?? frameworkDefault(NaN, "unknown") }],
    program,
    source: b.range,
    assumptions,
    problems,
  };
}

function firstValue(s: OptaxSchedule): Value | undefined {
  if (s.kind === "join") return s.schedules[0] ? firstValue(s.schedules[0]) : undefined;
  return s.args?.["init_value"] ?? s.args?.["value"];
}

function summarise(s: OptaxSchedule, depth = 0): string[] {
  const pad = "  ".repeat(depth);
  if (s.kind === "join") return [`${pad}${s.name}(boundaries=[${s.boundaries.join(", ")}])`, ...s.schedules.flatMap((c) => summarise(c, depth + 1))];
  const { kind: _k, name, range: _r, args: _a, ...fields } = s;
  return [`${pad}${name}(${Object.entries(fields).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(", ")})`];
}

class OptaxHost implements Host {
  readonly built = new Map<string, Built>();
  private order = 0;

  constructor(private readonly file: PythonFile) {}

  call(callee: PyVal, args: EvaluatedArguments, site: CallSite): PyVal | undefined {
    if (callee.kind !== "ref") return undefined;
    const parts = callee.path.split(".");
    const fn = parts.at(-1)!;
    if (!(fn in signatures) || !(parts[0] === "optax" || (!callee.imported && parts.length === 1))) return undefined;
    const key = `${site.range.startLine}:${site.range.startColumn}`;
    let built = this.built.get(key);
    if (!built) {
      const problems: Problem[] = [];
      const schedule = this.build(fn, args, site, problems);
      built = { schedule, name: targetName(this.file, site, fn), range: site.range, problems, order: this.order++, consumed: false };
      this.built.set(key, built);
    }
    return { kind: "object", type: "optax.schedule", data: built };
  }

  private build(fn: string, args: EvaluatedArguments, site: CallSite, problems: Problem[]): OptaxSchedule | undefined {
    const r = new ArgReader(bindArguments(signatures[fn]!, args), this.file, fn, `optax.${fn} default`, site.range);
    const done = (kind: OptaxScheduleKind | undefined): OptaxSchedule | undefined => {
      problems.push(...r.problems);
      return kind ? { ...kind, name: fn, range: site.range, args: r.values } : undefined;
    };
    const linear = (init: number, end: number, steps: number, begin = 0): OptaxScheduleKind => ({ kind: "polynomial", initValue: init, endValue: end, power: 1, powerIsInt: true, transitionSteps: steps, transitionBegin: begin });
    const part = (kind: OptaxScheduleKind, name: string): OptaxSchedule => ({ ...kind, name, range: site.range });
    switch (fn) {
      case "constant_schedule": {
        const v = r.number("value");
        return done(v === undefined ? undefined : { kind: "constant", value: v });
      }
      case "polynomial_schedule": {
        const [i, e, p, s, b] = [r.number("init_value"), r.number("end_value"), r.numberWithType("power"), r.number("transition_steps"), r.number("transition_begin")];
        return done(i === undefined || e === undefined || p === undefined || s === undefined || b === undefined ? undefined : { kind: "polynomial", initValue: i, endValue: e, power: p[0], powerIsInt: p[1], transitionSteps: s, transitionBegin: b });
      }
      case "linear_schedule": {
        const [i, e, s, b] = [r.number("init_value"), r.number("end_value"), r.number("transition_steps"), r.number("transition_begin")];
        return done(i === undefined || e === undefined || s === undefined || b === undefined ? undefined : linear(i, e, s, b));
      }
      case "warmup_constant_schedule": {
        const [i, p, w] = [r.number("init_value"), r.number("peak_value"), r.number("warmup_steps")];
        return done(i === undefined || p === undefined || w === undefined ? undefined : linear(i, p, w));
      }
      case "piecewise_constant_schedule": {
        const i = r.number("init_value");
        const raw = r.raw("boundaries_and_scales");
        let pairs: [number, number][] | null = null;
        const v = raw?.value;
        if (v !== undefined && v.kind !== "none") {
          if (v.kind !== "dict" || !v.entries.every(([k, x]) => k.kind === "num" && x.kind === "num")) {
            problems.push({ severity: "error", code: "value-not-static", message: `piecewise_constant_schedule boundaries_and_scales cannot be read: ${v.kind === "unknown" ? v.reason : "not a dict of numbers"}`, range: site.range });
            return done(undefined);
          }
          // A dict keeps the last value of a repeated key; optax sorts the items by boundary.
          const byKey = new Map(v.entries.map(([k, x]) => [(k as PyVal & { kind: "num" }).value, (x as PyVal & { kind: "num" }).value]));
          pairs = [...byKey].sort((a, b) => a[0] - b[0]);
          if (pairs.some(([, s]) => s < 0)) {
            problems.push({ severity: "error", code: "invalid-argument", message: "piecewise_constant_schedule expects non-negative scale factors (optax raises ValueError)", range: site.range });
            return done(undefined);
          }
        }
        return done(i === undefined ? undefined : { kind: "piecewiseConstant", initValue: i, boundariesAndScales: pairs });
      }
      case "exponential_decay": {
        const [i, s, d, b, st, e] = [r.number("init_value"), r.number("transition_steps"), r.number("decay_rate"), r.number("transition_begin"), r.bool("staircase"), r.optionalNumber("end_value")];
        return done(i === undefined || s === undefined || d === undefined || b === undefined || st === undefined || e === undefined ? undefined : { kind: "exponential", initValue: i, transitionSteps: s, decayRate: d, transitionBegin: b, staircase: st, endValue: e });
      }
      case "cosine_decay_schedule": {
        const [i, s, a, x] = [r.number("init_value"), r.number("decay_steps"), r.number("alpha"), r.numberWithType("exponent")];
        if (s !== undefined && !(s > 0)) {
          problems.push({ severity: "error", code: "invalid-argument", message: `cosine_decay_schedule requires positive decay_steps, got ${s} (optax raises ValueError)`, range: site.range });
          return done(undefined);
        }
        return done(i === undefined || s === undefined || a === undefined || x === undefined ? undefined : { kind: "cosine", initValue: i, decaySteps: s, alpha: a, exponent: x[0], exponentIsInt: x[1] });
      }
      case "warmup_cosine_decay_schedule": {
        const [i, p, w, s, e, x] = [r.number("init_value"), r.number("peak_value"), r.number("warmup_steps"), r.number("decay_steps"), r.number("end_value"), r.numberWithType("exponent")];
        if (i === undefined || p === undefined || w === undefined || s === undefined || e === undefined || x === undefined) return done(undefined);
        if (!(s - w > 0)) {
          problems.push({ severity: "error", code: "invalid-argument", message: `warmup_cosine_decay_schedule: decay_steps (${s}) includes the warmup (${w}), so the cosine gets ${s - w} steps; optax raises ValueError`, range: site.range });
          return done(undefined);
        }
        const alpha = p === 0 ? 0 : e / p;
        return done({ kind: "join", schedules: [part(linear(i, p, w), "linear_schedule"), part({ kind: "cosine", initValue: p, decaySteps: s - w, alpha, exponent: x[0], exponentIsInt: x[1] }, "cosine_decay_schedule")], boundaries: [w] });
      }
      case "warmup_exponential_decay_schedule": {
        const [i, p, w, s, d, b, st, e] = [r.number("init_value"), r.number("peak_value"), r.number("warmup_steps"), r.number("transition_steps"), r.number("decay_rate"), r.number("transition_begin"), r.bool("staircase"), r.optionalNumber("end_value")];
        if (i === undefined || p === undefined || w === undefined || s === undefined || d === undefined || b === undefined || st === undefined || e === undefined) return done(undefined);
        return done({ kind: "join", schedules: [part(linear(i, p, w), "linear_schedule"), part({ kind: "exponential", initValue: p, transitionSteps: s, decayRate: d, transitionBegin: b, staircase: st, endValue: e }, "exponential_decay")], boundaries: [w] });
      }
      case "join_schedules": {
        const list = r.raw("schedules")?.value;
        const bounds = r.numbers("boundaries");
        const children: OptaxSchedule[] = [];
        if (list?.kind !== "seq") {
          problems.push({ severity: "error", code: "value-not-static", message: `join_schedules schedules cannot be read: ${list?.kind === "unknown" ? list.reason : "not a list"}`, range: site.range });
          return done(undefined);
        }
        for (const item of list.items) {
          if (item.kind === "object" && item.type === "optax.schedule") {
            const b = item.data as Built;
            b.consumed = true;
            if (b.schedule) children.push(b.schedule);
            else {
              problems.push(...b.problems);
              return done(undefined);
            }
          } else {
            problems.push({ severity: "error", code: "value-not-static", message: `join_schedules: ${item.kind === "func" ? `${item.name} is a function of the file; only optax schedules are read` : "an item is not an optax schedule"}`, range: site.range });
            return done(undefined);
          }
        }
        return done(bounds === undefined ? undefined : { kind: "join", schedules: children, boundaries: bounds });
      }
      case "sgdr_schedule": {
        const list = r.raw("cosine_kwargs")?.value;
        if (list?.kind !== "seq" || !list.items.every((d) => d.kind === "dict")) {
          problems.push({ severity: "error", code: "value-not-static", message: `sgdr_schedule cosine_kwargs cannot be read: ${list?.kind === "unknown" ? list.reason : "not a list of dicts"}`, range: site.range });
          return done(undefined);
        }
        const children: OptaxSchedule[] = [];
        const boundaries: number[] = [];
        let step = 0;
        for (const d of list.items as (PyVal & { kind: "dict" })[]) {
          const keyword = new Map(d.entries.filter(([k]) => k.kind === "str").map(([k, v]) => [(k as PyVal & { kind: "str" }).value, v]));
          const child = this.build("warmup_cosine_decay_schedule", { positional: [], keyword, syntax: { positional: [], keyword: new Map(), spread: false } }, site, problems);
          if (!child) return done(undefined);
          children.push({ ...child, name: "warmup_cosine_decay_schedule" });
          const ds = keyword.get("decay_steps");
          step += ds?.kind === "num" ? ds.value : NaN;
          boundaries.push(step);
        }
        return done({ kind: "join", schedules: children, boundaries: boundaries.slice(0, -1) });
      }
    }
    return done(undefined);
  }
}
