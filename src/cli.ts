import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { formatReport, type Report } from "./text/report";
import { evaluate } from "./core/evaluate";
import { formatLocation } from "./core/range";
import { readSchedules, isSupportedFile, type Inputs } from "./dialects";

const usage = `Usage:
  lrscope curve <file> [--json] [--steps-per-epoch N] [--devices N] [--total-steps N] [--dataset-size N] [--at EPOCH]
  lrscope demo [folder] [--steps-per-epoch N] ...   curves of every supported file under folder

Options supply what the files cannot say (steps per epoch, devices, training length) and override what
they do; each one used is listed among the schedule's assumptions.`;

class UsageError extends Error {}

/** Other files (`_base_` configs...) are read relative to the working directory, like the entry. */
const workspaceFiles = {
  read(path: string): string | undefined {
    try {
      return readFileSync(path, "utf8");
    } catch {
      return undefined;
    }
  },
};

interface Options {
  readonly json: boolean;
  readonly at?: number;
  readonly inputs: Inputs;
  readonly positional: string[];
}

function parseOptions(argv: string[]): Options {
  const inputs: Record<string, number> = {};
  const positional: string[] = [];
  let json = false;
  let at: number | undefined;
  const flags: Record<string, keyof Inputs | "at"> = { "--steps-per-epoch": "stepsPerEpoch", "--devices": "devices", "--total-steps": "totalSteps", "--dataset-size": "datasetSize", "--at": "at" };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    if (flag === "--json") json = true;
    else if (flag in flags) {
      const text = inline ?? argv[++i];
      const n = Number(text);
      if (text === undefined || !Number.isFinite(n) || n < 0 || (flag !== "--at" && !Number.isInteger(n))) throw new UsageError(`${flag} needs a ${flag === "--at" ? "non-negative number" : "non-negative integer"}, got ${text ?? "nothing"}`);
      if (flags[flag] === "at") at = n;
      else inputs[flags[flag]!] = n;
    } else if (flag === "-h" || flag === "--help") throw new UsageError("");
    else if (flag.startsWith("-")) throw new UsageError(`unknown option ${flag}`);
    else positional.push(arg);
  }
  return { json, at, inputs, positional };
}

/** Reads and evaluates one file; throws `UsageError` with file:line when the curve cannot be made. */
function curveReport(path: string, options: Options): Report {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new UsageError(`${path}: cannot read the file`);
  }
  const result = readSchedules(path, text, options.inputs, workspaceFiles);
  const fatal = result.problems.find((p) => p.severity === "error");
  if (fatal) throw new UsageError(`${fatal.range ? formatLocation(fatal.range) : path}: ${fatal.message}`);
  if (result.schedules.length === 0) throw new UsageError(`${path}: no learning-rate schedule found`);
  const entries = result.schedules.map((schedule) => {
    const missing = schedule.assumptions.find((a) => a.value === undefined);
    if (!schedule.total || missing) {
      // A missing input first: its message names the option that fixes it.
      if (missing) throw new UsageError(`${missing.range ? formatLocation(missing.range) : formatLocation(schedule.source)}: ${missing.message}; pass ${inputFlag(missing.input)} N`);
      const error = schedule.problems.find((p) => p.severity === "error");
      if (error) throw new UsageError(`${error.range ? formatLocation(error.range) : formatLocation(schedule.source)}: ${error.message}`);
      throw new UsageError(`${formatLocation(schedule.source)}: the training length of ${schedule.name} is unknown; pass --total-steps N`);
    }
    const curve = evaluate(schedule);
    const error = curve.problems.find((p) => p.severity === "error" && curve.total === 0);
    if (error) throw new UsageError(`${error.range ? formatLocation(error.range) : formatLocation(schedule.source)}: ${error.message}`);
    return { schedule, curve };
  });
  return { file: path, entries, at: options.at };
}

function inputFlag(input: string): string {
  return "--" + input.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase());
}

function toJson(report: Report): unknown {
  return {
    schedules: report.entries.map(({ schedule, curve }) => {
      const [lr, ...rest] = curve.groups;
      const out: Record<string, unknown> = {
        name: schedule.name,
        dialect: schedule.dialect,
        unit: curve.unit,
        total: curve.total,
        lr: Array.from(lr ?? []),
      };
      if (curve.momentum?.[0]) out.momentum = Array.from(curve.momentum[0]);
      if (rest.length > 0) out.groups = Object.fromEntries(rest.map((g, i) => [`group${i + 1}`, Array.from(g)]));
      out.source = { file: schedule.source.file, line: schedule.source.startLine + 1 };
      if (schedule.stepsPerEpoch) out.stepsPerEpoch = schedule.stepsPerEpoch.value;
      out.boundaries = curve.boundaries;
      out.assumptions = schedule.assumptions.map((a) => ({ input: a.input, message: a.message, ...(a.value !== undefined ? { value: a.value } : {}), ...(a.range ? { line: a.range.startLine + 1 } : {}) }));
      out.warnings = [...schedule.problems, ...curve.problems].map((p) => ({ severity: p.severity, code: p.code, message: p.message, ...(p.range ? { line: p.range.startLine + 1 } : {}) }));
      if (report.at !== undefined) out.at = atEpoch(report, schedule.name);
      return out;
    }),
  };
}

function atEpoch(report: Report, name: string): unknown {
  const entry = report.entries.find((e) => e.schedule.name === name)!;
  const spe = entry.schedule.unit === "step" ? entry.schedule.stepsPerEpoch?.value : 1;
  if (spe === undefined) throw new UsageError(`${formatLocation(entry.schedule.source)}: --at needs steps per epoch for this per-step schedule; pass --steps-per-epoch N`);
  const tick = Math.floor(report.at! * spe);
  if (tick >= entry.curve.total) throw new UsageError(`--at ${report.at}: the training ends at epoch ${entry.curve.total / spe}`);
  return { epoch: report.at, tick, lr: entry.curve.groups[0]![tick] };
}

/** Supported files under a folder, sorted, skipping dependency and output folders. */
function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith(".") || name === "node_modules") continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else if (isSupportedFile(p)) out.push(p);
  }
  return out;
}

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (command === "curve") {
    const options = parseOptions(rest);
    if (options.positional.length !== 1) throw new UsageError("curve takes one file");
    const report = curveReport(options.positional[0]!, options);
    if (options.json) {
      const json = toJson(report);
      process.stdout.write(JSON.stringify(json) + "\n");
    } else {
      if (report.at !== undefined) report.entries.forEach((e) => atEpoch(report, e.schedule.name));
      process.stdout.write(formatReport(report).join("\n") + "\n");
    }
    return 0;
  }
  if (command === "demo") {
    const options = parseOptions(rest);
    const dir = options.positional[0] ?? "examples";
    let failures = 0;
    for (const file of listFiles(dir)) {
      try {
        process.stdout.write(formatReport(curveReport(relative(process.cwd(), file) || file, options)).join("\n") + "\n\n");
      } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        failures++;
        process.stdout.write(`${e.message}\n\n`);
      }
    }
    return failures === 0 ? 0 : 1;
  }
  throw new UsageError(command === undefined || command === "help" || command === "--help" ? "" : `unknown command ${command}`);
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  if (e instanceof UsageError) {
    if (e.message) process.stderr.write(`lrscope: ${e.message}\n`);
    else process.stdout.write(usage + "\n");
    process.exitCode = e.message ? 2 : 0;
  } else {
    process.stderr.write(`lrscope: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 70;
  }
}
