// Planned vs logged: lines up a run's logged LR with the curve a schedule description plans, finds the first
// point where they part, and guesses why (the classic mistakes: a per-step schedule stepped per epoch or the
// reverse, a resumed run that restarted its schedule, a warmup that never ran, another base LR or length).
// Pure: the core's evaluator and a RunLog in, values out.
import { evaluate, MAX_TICKS } from "../core/evaluate";
import { formatLr } from "../core/explain";
import type { Problem } from "../core/problem";
import type { ScheduleDescription } from "../core/schedule";
import { baseName, type LogPoint, type RunLog } from "./runLog";

export interface CompareOptions {
  /** Relative tolerance of a match (logs keep 5 to 17 significant digits; TensorBoard float32; Ultralytics `%.5g` is within 5e-5). Default 1e-4. */
  readonly rtol?: number;
  /** Optimizer steps per epoch, when neither the log nor the description says it. */
  readonly stepsPerEpoch?: number;
  /** Which logged series to compare with param group 0 (default: the first). */
  readonly series?: number;
  /** Evaluate at most this many ticks of the plan (default: MAX_TICKS). */
  readonly maxTicks?: number;
}

export type Cause =
  /** The plan steps per optimizer step; the run stepped once per epoch. */
  | { readonly kind: "per-epoch-stepping"; readonly stepsPerEpoch: number }
  /** The plan steps per epoch; the run stepped every optimizer step. */
  | { readonly kind: "per-step-stepping"; readonly stepsPerEpoch: number }
  /** From `atTick` on, the logged curve is the plan started again from its beginning (a resume without the scheduler's state). */
  | { readonly kind: "restarted"; readonly atTick: number }
  /** Every logged LR is the schedule's first one while the plan moves: `scheduler.step()` never ran. */
  | { readonly kind: "never-stepped"; readonly lr: number }
  /** The logged points before the warmup's end sit at the peak LR. */
  | { readonly kind: "warmup-skipped"; readonly warmupTicks: number }
  /** Every logged value is the planned one times `factor` (another batch, another device count). */
  | { readonly kind: "scaled"; readonly factor: number }
  /** The logged curve is the plan stretched to about `total` ticks (another epoch count or max steps). */
  | { readonly kind: "different-total"; readonly total: number };

export interface Difference {
  /** The log's own position (step or epoch, 0-based) and the plan's tick it was compared with. */
  readonly x: number;
  readonly tick: number;
  readonly logged: number;
  readonly planned: number;
}

export interface Comparison {
  readonly tag?: string;
  /** How log positions became plan ticks: e.g. "step = tick", "epoch end = tick (e+1)·100 − 1". */
  readonly alignment?: string;
  /** Ticks the log is ahead of the plan by a framework's logging order (±1 is not a difference). */
  readonly shift: number;
  /** Logged points that fall inside the evaluated plan, and how many match it. */
  readonly compared: number;
  readonly matched: number;
  readonly firstDifference?: Difference;
  readonly cause?: Cause;
  /** The logged points as plan ticks (for the overlay), in the plan's unit. */
  readonly overlay: readonly LogPoint[];
  /** Why the log could not be compared (no steps per epoch, empty log, no curve). */
  readonly problems: readonly Problem[];
}

type TickOf = (x: number) => number;

interface Fit {
  readonly tickOf: TickOf;
  readonly label: string;
  readonly shift: number;
  readonly matches: boolean[];
}

/** The first logged point where the run and the plan part, with the likely cause. */
export function compareLog(desc: ScheduleDescription, log: RunLog, options: CompareOptions = {}): Comparison {
  const rtol = options.rtol ?? 1e-4;
  const series = log.series[options.series ?? 0];
  const none = (problem: Problem): Comparison => ({ shift: 0, compared: 0, matched: 0, overlay: [], problems: [problem] });
  if (!series || series.points.length === 0) return none({ severity: "info", code: "log-no-lr", message: `${baseName(log.source.file)} has no learning rate to compare.` });
  const points = series.points;
  const spe = positive(options.stepsPerEpoch) ?? positive(log.stepsPerEpoch) ?? positive(desc.stepsPerEpoch?.value);
  const planUnit = desc.unit;

  // The ways log positions may map to plan ticks when the run did what the plan says.
  const bases: { tickOf: TickOf; label: string }[] = [];
  if (log.unit === planUnit) bases.push({ tickOf: (x) => x, label: `${log.unit} = tick` });
  else if (log.unit === "step") {
    if (spe !== undefined) bases.push({ tickOf: (x) => Math.floor(x / spe), label: `epoch = ⌊step / ${spe}⌋` });
    // A per-epoch script that passes the epoch as TensorBoard's global_step.
    if (log.source.format === "tensorboard") bases.push({ tickOf: (x) => x, label: "global_step = epoch" });
  } else if (spe !== undefined) {
    bases.push(log.at === "start" ? { tickOf: (x) => x * spe, label: `epoch start = tick e·${spe}` } : { tickOf: (x) => (x + 1) * spe - 1, label: `epoch end = tick (e+1)·${spe} − 1` });
  }
  if (bases.length === 0) {
    return none({ severity: "info", code: "log-needs-steps-per-epoch", message: `To line up ${baseName(log.source.file)} (per ${log.unit}) with ${desc.name} (per ${planUnit}), give the steps per epoch.`, range: desc.source });
  }

  // The cause hypotheses that need other ticks than the bases (evaluated in the same pass).
  const perEpoch: TickOf | undefined = planUnit === "step" && spe !== undefined ? (log.unit === "step" ? (x) => Math.floor(x / spe) : (x) => x) : undefined;
  const perStep: TickOf | undefined = planUnit === "epoch" && spe !== undefined ? (log.unit === "step" ? (x) => x : (x) => (x + 1) * spe - 1) : undefined;

  const cap = Math.min(options.maxTicks ?? MAX_TICKS, MAX_TICKS);
  const planned = desc.total?.value;
  let needed = planned !== undefined && Number.isFinite(planned) ? Math.floor(planned) : 0;
  const lastX = points[points.length - 1]![0];
  for (const f of [...bases.map((b) => b.tickOf), perEpoch, perStep]) if (f) needed = Math.max(needed, f(lastX) + 2);
  const curve = evaluate(desc, Math.min(needed, cap));
  const lr = curve.groups[0];
  if (!lr || curve.total === 0) return none({ severity: "info", code: "log-no-plan", message: `${desc.name} has no curve to compare the log with.`, range: desc.source });
  const total = planned !== undefined && planned > 0 ? Math.min(Math.floor(planned), lr.length) : lr.length;
  let peak = 0;
  for (let t = 0; t < total; t++) peak = Math.max(peak, Math.abs(lr[t]!));
  const atol = 1e-6 * peak + 1e-15;
  const close = (a: number, b: number, tol = rtol): boolean => Math.abs(a - b) <= tol * Math.max(Math.abs(a), Math.abs(b)) + atol;
  const at = (t: number): number | undefined => (t >= 0 && t < lr.length ? lr[t] : undefined);
  /** Points inside the planned run (ticks past the plan's total are not "planned"). */
  const inPlan = (f: TickOf): number[] => points.flatMap((p, i) => (f(p[0]) >= 0 && f(p[0]) < total ? [i] : []));
  const fit = (f: TickOf, label: string, shift: number, idx: readonly number[], scale = 1): Fit => ({ tickOf: f, label, shift, matches: idx.map((i) => close(points[i]![1], scale * (at(f(points[i]![0])) ?? NaN))) });
  const count = (m: readonly boolean[]): number => m.filter(Boolean).length;

  // The best alignment: a base, shifted by the framework's logging order (read before or after the scheduler step).
  let best: (Fit & { idx: number[] }) | undefined;
  for (const shift of [0, -1, 1]) {
    for (const b of bases) {
      const f: TickOf = (x) => b.tickOf(x) + shift;
      const idx = inPlan(f);
      const candidate = { ...fit(f, b.label, shift, idx), idx };
      if (!best || count(candidate.matches) > count(best.matches)) best = candidate;
    }
  }
  const { tickOf, idx, matches } = best!;
  const overlay: LogPoint[] = points.map((p) => [tickOf(p[0]), p[1]]);
  const base = { tag: series.tag, alignment: best!.label, shift: best!.shift, compared: idx.length, matched: count(matches), overlay };
  const firstBad = matches.indexOf(false);
  if (idx.length === 0) return { ...base, problems: [{ severity: "info", code: "log-outside-plan", message: `${baseName(log.source.file)} logged no point inside the planned ${total} ${planUnit}s.`, range: desc.source }] };
  if (firstBad < 0) return { ...base, problems: [] };
  const i0 = idx[firstBad]!;
  const p0 = points[i0]!;
  const firstDifference: Difference = { x: p0[0], tick: tickOf(p0[0]), logged: p0[1], planned: at(tickOf(p0[0]))! };

  const cause = ((): Cause | undefined => {
    // Checked on every logged point the hypothesis can place (it may reach past the planned total: evaluated further).
    const fits = (f: TickOf, scale = 1, tol = rtol): boolean => {
      const within = points.filter((p) => f(p[0]) >= 0 && f(p[0]) < lr.length);
      return within.length >= Math.min(2, points.length) && within.every((p) => close(p[1], scale * at(f(p[0]))!, tol));
    };
    for (const shift of [0, 1, -1]) {
      if (perEpoch && fits((x) => perEpoch(x) + shift)) return { kind: "per-epoch-stepping", stepsPerEpoch: spe! };
      if (perStep && fits((x) => perStep(x) + shift)) return { kind: "per-step-stepping", stepsPerEpoch: spe! };
    }
    // Never stepped: the log holds the plan's first LR throughout (checked after the stepping hypotheses, which
    // also hold a value for a while; a single logged point proves nothing).
    const first = points[0]![1];
    if (points.length >= 2 && close(first, lr[0]!) && points.every((p) => close(p[1], first))) return { kind: "never-stepped", lr: first };
    // A restart between the last matching point and the first that differs: ticks count again from there.
    if (firstBad > 0) {
      const lo = tickOf(points[idx[firstBad - 1]!]![0]) + 1;
      const hi = tickOf(p0[0]);
      const stride = Math.max(1, Math.ceil((hi - lo + 1) / 20000));
      for (let r = lo; r <= hi; r += stride) {
        const after = points.slice(i0);
        if (after.every((p) => close(p[1], at(tickOf(p[0]) - r) ?? NaN))) return { kind: "restarted", atTick: r };
      }
    }
    // A warmup that never ran: every differing point lies in the plan's rise, and sits at its peak.
    let warm = 0;
    while (warm + 1 < total && lr[warm + 1]! > lr[warm]!) warm++;
    if (warm > 0) {
      const bad = idx.filter((_, k) => !matches[k]);
      if (bad.every((i) => tickOf(points[i]![0]) < warm && close(points[i]![1], lr[warm]!))) return { kind: "warmup-skipped", warmupTicks: warm };
    }
    const factor = firstDifference.planned !== 0 ? firstDifference.logged / firstDifference.planned : NaN;
    if (Number.isFinite(factor) && factor > 0 && fits(tickOf, factor)) return { kind: "scaled", factor };
    // Stretched: the logged value at the last differing point is reached by the plan at another tick.
    const bad = idx.filter((_, k) => !matches[k]);
    const last = points[bad[bad.length - 1]!]!;
    const t1 = tickOf(last[0]);
    if (t1 > 0) {
      const ks: number[] = [];
      for (let t = 1; t < total && ks.length < 64; t++) if ((lr[t - 1]! - last[1]) * (lr[t]! - last[1]) <= 0) ks.push(t / t1);
      for (const k of ks) {
        if (Math.abs(k - 1) < 1e-9) continue;
        const f: TickOf = (x) => Math.round(tickOf(x) * k);
        const within = points.filter((p) => f(p[0]) < total);
        if (within.length >= 2 && within.every((p) => Math.abs(p[1] - at(f(p[0]))!) <= 0.01 * peak)) return { kind: "different-total", total: Math.round(total / k) };
      }
    }
    return undefined;
  })();
  return { ...base, firstDifference, ...(cause ? { cause } : {}), problems: [] };
}

function positive(x: number | undefined): number | undefined {
  return x !== undefined && Number.isFinite(x) && x > 0 ? x : undefined;
}

/** The cause in the user's words. */
export function describeCause(cause: Cause, unit: "step" | "epoch"): string {
  switch (cause.kind) {
    case "per-epoch-stepping":
      return `the scheduler stepped once per epoch, not per step (the logged curve is the plan sampled at epoch boundaries, ${cause.stepsPerEpoch} steps per epoch)`;
    case "per-step-stepping":
      return `the scheduler stepped every optimizer step, not once per epoch (the plan runs ${cause.stepsPerEpoch} times faster in the log)`;
    case "never-stepped":
      return `the scheduler never stepped: every logged LR is the initial ${formatLr(cause.lr)} (is scheduler.step() called, and after optimizer.step()?)`;
    case "restarted":
      return `the schedule started again at ${unit} ${cause.atTick} (a resumed run that did not load the scheduler's state?)`;
    case "warmup-skipped":
      return `the warmup (${cause.warmupTicks} ${unit}s) did not run: the log starts at the peak LR`;
    case "scaled":
      return `every logged LR is ${formatFactor(cause.factor)} × the planned one (another batch size or device count for LR scaling?)`;
    case "different-total":
      return `the run's length differs: the logged curve looks like the plan over about ${cause.total.toLocaleString("en-US")} ${unit}s`;
  }
}

function formatFactor(f: number): string {
  return Number(f.toPrecision(4)).toString();
}

/** The `log-differs-from-plan` diagnostic, on the schedule's source range; `undefined` when the log agrees. */
export function differsFromPlan(desc: ScheduleDescription, log: RunLog, comparison: Comparison): Problem | undefined {
  const d = comparison.firstDifference;
  if (!d) return undefined;
  const where = log.unit === "step" ? `step ${d.x}` : `epoch ${d.x}`;
  const tick = log.unit === desc.unit && comparison.shift === 0 ? "" : ` (planned ${desc.unit} ${d.tick})`;
  const cause = comparison.cause ? ` Likely cause: ${describeCause(comparison.cause, desc.unit)}.` : "";
  return {
    severity: "warning",
    code: "log-differs-from-plan",
    message: `The run logged in ${baseName(log.source.file)} differs from the plan of ${desc.name} from ${where}${tick}: logged ${formatLr(d.logged)}, planned ${formatLr(d.planned)} (${comparison.matched} of ${comparison.compared} logged points match).${cause}`,
    range: desc.source,
  };
}
