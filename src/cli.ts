import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { formatReport, type Report } from "./text/report";
import { evaluate, MAX_TICKS } from "./core/evaluate";
import { formatLocation } from "./core/range";
import { readSchedules, isSupportedFile, type Inputs } from "./dialects";
import { makeNonce, standaloneHtml } from "./extension/preview/html";
import { buildPreviewData } from "./extension/preview/previewModel";
import { logFormatOf, readRunLog, type RunLog } from "./logs";
import { compareWithPlans, formatComparisons } from "./text/comparison";
import { lrTable, parseEpochList } from "./text/lrTable";
import { chartSvg } from "./text/svgChart";

/** Configs and scripts are small; a file this large is data (a log, a checkpoint), not something to read. */
const maxFileMegabytes = 20;
const maxFileBytes = maxFileMegabytes * 1024 * 1024;

const usage = `Usage:
  lrscope curve <file> [--json] [--steps-per-epoch N] [--devices N] [--total-steps N] [--dataset-size N] [--epochs N] [--at EPOCH] [--allow-huge]
               [--svg out.svg [--x-axis epoch|step] [--y-scale linear|log]]
                                                     --svg also draws the chart as a vector image, for a paper
  lrscope demo [folder] [--steps-per-epoch N] ...   curves of every supported file under folder
  lrscope preview <file> --html out.html [--theme light|dark] [--locale zh-cn] [--at EPOCH] [--steps-per-epoch N] ...
                                                     the preview panel as a standalone HTML page
  lrscope compare <file> <log> [--json] [--steps-per-epoch N] ...
                                                     a run's logged LR (trainer_state.json, metrics.csv, scalars.json,
                                                     summary.csv, results.csv, events.out.tfevents.*) against the plan;
                                                     exit code 1 when they part
  lrscope table <file> --epochs 0,30,60,89 [--format md|latex] [--steps-per-epoch N] ...
                                                     the LR at the start of each epoch, as a table for a paper

Options supply what the files cannot say (steps per epoch, devices, training length) and override what
they do; each one used is listed among the schedule's assumptions. Curves longer than ${MAX_TICKS.toLocaleString("en-US")} steps
are refused unless --allow-huge is given; files over ${maxFileMegabytes} MB are not read.`;

class UsageError extends Error {}
/** A schedule needs a value the files do not say (steps per epoch, devices...): the message names the option. */
class InputNeeded extends UsageError {}

function tooLarge(path: string): number | undefined {
  try {
    const size = statSync(path).size;
    return size > maxFileBytes ? size : undefined;
  } catch {
    return undefined;
  }
}

/** Other files (`_base_` configs...) are read relative to the working directory, like the entry. */
const workspaceFiles = {
  read(path: string): string | undefined {
    try {
      if (tooLarge(path) !== undefined) return undefined;
      return readFileSync(path, "utf8");
    } catch {
      return undefined;
    }
  },
};

interface Options {
  readonly json: boolean;
  readonly at?: number;
  /** Evaluate curves longer than MAX_TICKS. */
  readonly allowHuge: boolean;
  readonly inputs: Inputs;
  readonly positional: string[];
  /** `preview`: where to write the page, its theme and language. */
  readonly html?: string;
  readonly theme?: "light" | "dark";
  readonly locale?: string;
  /** `curve --svg`: where to write the chart, and how to draw its axes. */
  readonly svg?: string;
  readonly xAxis?: "epoch" | "step";
  readonly yScale?: "linear" | "log";
}

function parseOptions(argv: string[]): Options {
  const inputs: Record<string, number> = {};
  const positional: string[] = [];
  let json = false;
  let allowHuge = false;
  let at: number | undefined;
  const strings: { html?: string; theme?: "light" | "dark"; locale?: string; svg?: string; xAxis?: "epoch" | "step"; yScale?: "linear" | "log" } = {};
  const flags: Record<string, keyof Inputs | "at"> = { "--steps-per-epoch": "stepsPerEpoch", "--devices": "devices", "--total-steps": "totalSteps", "--dataset-size": "datasetSize", "--epochs": "epochs", "--at": "at" };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    if (flag === "--json") json = true;
    else if (flag === "--allow-huge") allowHuge = true;
    else if (flag === "--html" || flag === "--theme" || flag === "--locale" || flag === "--svg" || flag === "--x-axis" || flag === "--y-scale") {
      const text = inline ?? argv[++i];
      if (text === undefined || text === "") throw new UsageError(`${flag} needs a value`);
      if (flag === "--theme" && text !== "light" && text !== "dark") throw new UsageError(`--theme is light or dark, got ${text}`);
      if (flag === "--x-axis" && text !== "epoch" && text !== "step") throw new UsageError(`--x-axis is epoch or step, got ${text}`);
      if (flag === "--y-scale" && text !== "linear" && text !== "log") throw new UsageError(`--y-scale is linear or log, got ${text}`);
      if (flag === "--html") strings.html = text;
      else if (flag === "--svg") strings.svg = text;
      else if (flag === "--x-axis") strings.xAxis = text as "epoch" | "step";
      else if (flag === "--y-scale") strings.yScale = text as "linear" | "log";
      else if (flag === "--theme") strings.theme = text as "light" | "dark";
      else strings.locale = text;
    }
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
  return { json, allowHuge, at, inputs, positional, ...strings };
}

/** Reads and evaluates one file; throws `UsageError` with file:line when the curve cannot be made. */
function curveReport(path: string, options: Options): Report {
  const size = tooLarge(path);
  if (size !== undefined) throw new UsageError(`${path}: ${size.toLocaleString("en-US")} bytes is over the ${maxFileMegabytes} MB limit; LR Scope reads configs and training scripts, not data files`);
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
      if (missing) throw new InputNeeded(`${missing.range ? formatLocation(missing.range) : formatLocation(schedule.source)}: ${missing.message}; pass ${inputFlag(missing.input)} N`);
      const error = schedule.problems.find((p) => p.severity === "error");
      if (error) throw new UsageError(`${error.range ? formatLocation(error.range) : formatLocation(schedule.source)}: ${error.message}`);
      throw new UsageError(`${formatLocation(schedule.source)}: the training length of ${schedule.name} is unknown; pass --total-steps N`);
    }
    const curve = evaluate(schedule, undefined, { allowHuge: options.allowHuge });
    const error = curve.problems.find((p) => p.severity === "error" && curve.total === 0);
    const message = error?.code === "too-many-ticks" ? `${error.message.replace(/\.$/, "")}; pass --allow-huge to evaluate it anyway` : error?.message;
    if (error) throw new UsageError(`${error.range ? formatLocation(error.range) : formatLocation(schedule.source)}: ${message}`);
    return { schedule, curve };
  });
  return { file: path, entries, at: options.at };
}

function readLogFile(path: string): RunLog {
  if (logFormatOf(path) === undefined) throw new UsageError(`${path}: not a run log LR Scope reads (trainer_state.json, metrics.csv, scalars.json, *.log.json, summary.csv, results.csv, events.out.tfevents.*)`);
  const size = tooLarge(path);
  if (size !== undefined) throw new UsageError(`${path}: ${size.toLocaleString("en-US")} bytes is over the ${maxFileMegabytes} MB limit`);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new UsageError(`${path}: cannot read the file`);
  }
  return readRunLog(path, bytes)!;
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
      out.source = { file: schedule.source.file, line: schedule.source.startLine + 1, ...(schedule.source.cell !== undefined ? { cell: schedule.source.cell + 1 } : {}) };
      if (schedule.stepsPerEpoch) out.stepsPerEpoch = schedule.stepsPerEpoch.value;
      out.boundaries = curve.boundaries;
      out.assumptions = schedule.assumptions.map((a) => ({ input: a.input, message: a.message, ...(a.value !== undefined ? { value: a.value } : {}), ...(a.range ? { line: a.range.startLine + 1, ...(a.range.file !== schedule.source.file ? { file: a.range.file } : {}) } : {}) }));
      out.warnings = [...schedule.problems, ...curve.problems].map((p) => ({ severity: p.severity, code: p.code, message: p.message, ...(p.range ? { line: p.range.startLine + 1, ...(p.range.file !== schedule.source.file ? { file: p.range.file } : {}), ...(p.range.cell !== undefined ? { cell: p.range.cell + 1 } : {}) } : {}) }));
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

/** `curve --svg`: the chart drawn from the report's curves (decimated as in the panel), for a paper. */
function writeSvg(report: Report, out: string, options: Options): void {
  const data = buildPreviewData({ source: report.file, label: report.file, version: 0, entries: report.entries, problems: [], inputs: options.inputs, epoch: 0, standalone: true });
  const svg = chartSvg({ title: report.file, schedules: data.schedules }, { xAxis: options.xAxis ?? "epoch", yScale: options.yScale === "log" ? "logarithmic" : "linear" });
  mkdirSync(dirname(out) || ".", { recursive: true });
  writeFileSync(out, svg);
}

/** The preview panel as one HTML file: the page bundle and CSS inlined, the data of `file` in it. */
function writePreview(file: string, out: string, options: Options): void {
  const report = curveReport(file, options);
  const data = buildPreviewData({
    source: file,
    label: file,
    version: 0,
    entries: report.entries,
    problems: [],
    inputs: options.inputs,
    epoch: options.at ?? 0,
    standalone: true,
  });
  const asset = (p: string): string => {
    try {
      return readFileSync(join(__dirname, p), "utf8");
    } catch {
      throw new UsageError(`${join(__dirname, p)} is missing: run npm run build first`);
    }
  };
  const script = asset("webview/preview.js").replace(/\n\/\/# sourceMappingURL=.*$/m, "");
  const locale = options.locale?.toLowerCase();
  let l10n: Record<string, string> | undefined;
  if (locale && locale !== "en") {
    try {
      l10n = JSON.parse(asset(`../l10n/bundle.l10n.${locale}.json`)) as Record<string, string>;
    } catch {
      throw new UsageError(`no translation for --locale ${options.locale}`);
    }
  }
  const html = standaloneHtml({
    script,
    css: [asset("../media/standalone-theme.css"), asset("../media/preview.css")],
    data,
    nonce: makeNonce(),
    ...(locale ? { lang: locale } : {}),
    ...(l10n ? { l10n } : {}),
    ...(options.theme ? { theme: options.theme === "dark" ? "vscode-dark" : "vscode-light" } : {}),
  });
  mkdirSync(dirname(out) || ".", { recursive: true });
  writeFileSync(out, html);
}

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (command === "curve") {
    const options = parseOptions(rest);
    if (options.positional.length !== 1) throw new UsageError("curve takes one file");
    const report = curveReport(options.positional[0]!, options);
    if (!options.svg && (options.xAxis || options.yScale)) throw new UsageError("--x-axis and --y-scale go with --svg out.svg");
    if (options.svg) writeSvg(report, options.svg, options);
    if (options.json) {
      const json = toJson(report);
      process.stdout.write(JSON.stringify(json) + "\n");
    } else {
      if (report.at !== undefined) report.entries.forEach((e) => atEpoch(report, e.schedule.name));
      process.stdout.write(formatReport(report).join("\n") + "\n");
    }
    return 0;
  }
  if (command === "table") {
    // `--epochs` is a list here (not the training length), and `--format` is table-only: taken out first.
    let epochs: number[] | undefined;
    let format: "md" | "latex" = "md";
    const others: string[] = [];
    for (let i = 0; i < rest.length; i++) {
      const arg = rest[i]!;
      const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
      if (flag !== "--epochs" && flag !== "--format") {
        others.push(arg);
        continue;
      }
      const text = inline ?? rest[++i] ?? "";
      if (flag === "--format") {
        if (text !== "md" && text !== "latex") throw new UsageError(`--format is md or latex, got ${text}`);
        format = text;
      } else {
        const parsed = parseEpochList(text);
        if ("error" in parsed) throw new UsageError(parsed.error);
        epochs = parsed.epochs;
      }
    }
    const options = parseOptions(others);
    if (options.positional.length !== 1) throw new UsageError("table takes one file");
    if (!epochs) throw new UsageError("table needs --epochs, e.g. --epochs 0,30,60,89");
    process.stdout.write(lrTable(curveReport(options.positional[0]!, options).entries, epochs, format));
    return 0;
  }
  if (command === "compare") {
    const options = parseOptions(rest);
    if (options.positional.length !== 2) throw new UsageError("compare takes a config or script and a run log");
    const [file, logPath] = options.positional as [string, string];
    const log = readLogFile(logPath);
    const results = compareWithPlans(curveReport(file, options).entries.map((e) => e.schedule), log, options.inputs.stepsPerEpoch);
    if (options.json) process.stdout.write(JSON.stringify({ log: { file: logPath, format: log.source.format, unit: log.unit, problems: log.problems }, schedules: results.map(({ schedule, comparison: c }) => ({ name: schedule.name, ...c, overlay: undefined })) }) + "\n");
    else process.stdout.write(formatComparisons(log, results).join("\n") + "\n");
    return results.some((r) => r.comparison.firstDifference) ? 1 : 0;
  }
  if (command === "preview") {
    const options = parseOptions(rest);
    if (options.positional.length !== 1) throw new UsageError("preview takes one file");
    if (!options.html) throw new UsageError("preview needs --html out.html");
    writePreview(options.positional[0]!, options.html, options);
    process.stdout.write(`${options.html}\n`);
    return 0;
  }
  if (command === "demo") {
    const options = parseOptions(rest);
    const dir = options.positional[0] ?? "examples";
    let failures = 0;
    for (const file of listFiles(dir)) {
      try {
        const path = relative(process.cwd(), file) || file;
        process.stdout.write(formatReport(curveReport(path, options)).join("\n") + "\n\n");
        if (options.html) {
          // `demo --html DIR`: each file's preview page too, named after its path.
          const out = join(options.html, path.replace(/[\\/]/g, "_").replace(/\.[^.]+$/, "") + ".html");
          writePreview(path, out, options);
          process.stdout.write(`  preview   ${out}\n\n`);
        }
      } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        // A file that needs an input the demo's options do not give is shown with the option to pass, not a failure.
        if (!(e instanceof InputNeeded)) failures++;
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
