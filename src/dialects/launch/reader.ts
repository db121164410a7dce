import type { Problem } from "../../core/problem";
import { formatLr } from "../../core/explain";
import type { ScheduleDescription } from "../../core/schedule";
import type { LaunchArgv } from "../../parse/python/argparse";
import type { PyVal } from "../../parse/python/values";
import { parseLaunchScript, type LaunchCommand } from "../../parse/shell";
import type { ReaderContext, ReadResult } from "../index";
import { basename, dirname, joinPath } from "../paths";
import { readPyTorchScript } from "../pytorch/reader";
import { hfArgumentsClass, hfLaunchSchedule } from "./hf";
import { findLaunch, type LaunchLine } from "./launchers";
import { isMakefileName, makefileShell } from "./makefile";

/** How far up from the launch file's folder a relative script path is looked for (scripts/run.sh run from the repository root). */
const maxParents = 3;

/**
 * Launch lines of shell scripts and Makefiles (`python train.py --lr 0.1`, `torchrun --nproc_per_node 8 train.py`,
 * `accelerate launch`, `deepspeed`) that run a PyTorch script of the workspace: the script is read with the
 * line's command line applied to its argparse defaults, and with the world size the launcher starts. The
 * schedule lives in the launch file (its source is the launch line); values the line overrides point to the
 * line and name the script's default. `undefined` when the file runs no script of the workspace that has a schedule.
 */
export function readLaunch(fileName: string, text: string, context: ReaderContext): ReadResult | undefined {
  const makefile = isMakefileName(fileName);
  if (!makefile && !/\.(?:sh|bash)$/i.test(fileName)) return undefined;
  // Cheap test before reading: a `.py` word or a `python -m`.
  if (!/\.py\b|\bpython[\d.]*\s+(?:-\S+\s+)*-m\s/.test(text)) return undefined;
  const commands: LaunchCommand[] = makefile ? ((m) => parseLaunchScript(fileName, m.text, m.options))(makefileShell(fileName, text)) : parseLaunchScript(fileName, text);

  const schedules: ScheduleDescription[] = [];
  const home = dirname(fileName);
  // The working directory as `cd` lines change it; undefined once a `cd` goes where the file cannot say.
  let cwd: string | undefined = home;
  let cwdLine = -1;
  for (const command of commands) {
    // Each recipe line of a Makefile runs in its own shell, from the Makefile's folder.
    if (makefile && command.range.startLine !== cwdLine) cwd = home;
    cwdLine = command.range.startLine;
    if (command.words[0]?.text === "cd" && !command.words[0].dynamic) {
      const dir = command.words[1];
      if (!dir) cwd = undefined;
      else if (dir.dynamic) cwd = /dirname/.test(dir.dynamic) && /\$0|BASH_SOURCE/.test(dir.dynamic) ? home : undefined;
      else cwd = cwd === undefined ? undefined : joinPath(cwd, dir.text);
      continue;
    }
    const line = findLaunch(command);
    if (!line) continue;
    const found = resolveScript(line, cwd, home, context);
    if (!found) continue;
    schedules.push(...readLine(line, found, context));
  }
  return schedules.length > 0 ? { schedules, problems: [] } : undefined;
}

interface Script {
  readonly path: string;
  readonly text: string;
  /** Why the script was looked for elsewhere than where the launch line runs it from. */
  readonly note?: string;
}

/** The script's text: relative to the working directory, else (said out loud) to a folder above the launch file. */
function resolveScript(line: LaunchLine, cwd: string | undefined, home: string, context: ReaderContext): Script | undefined {
  const rel = line.path;
  const candidates: { path: string; note?: string }[] = [];
  if (rel.startsWith("/")) candidates.push({ path: rel });
  else {
    if (cwd !== undefined) candidates.push({ path: joinPath(cwd, rel) });
    let dir = home;
    for (let k = 0; k <= maxParents; k++) {
      const path = joinPath(dir, rel);
      if (!candidates.some((c) => c.path === path)) candidates.push({ path, note: cwd === undefined ? `the working directory is not known here (a \`cd\` the file cannot follow); ${rel} was found at ${path}` : `${rel} is not in ${cwd}; read ${path} instead (the script is run from ${dir}?)` });
      const up = dirname(dir);
      if (up === dir || dir === "." || dir === "/") break;
      dir = up;
    }
  }
  for (const c of candidates) {
    const text = context.files.read(c.path);
    if (text !== undefined) return { path: c.path, text, ...(c.note ? { note: c.note } : {}) };
  }
  return undefined;
}

/** The schedules of one launch line: the script read with the line's arguments and world size. */
function readLine(line: LaunchLine, script: Script, context: ReaderContext): ScheduleDescription[] {
  const tolerated = new Set<string>();
  // deepspeed.add_config_arguments(parser) adds these flags to the script's parser, out of the reader's sight.
  if (/add_config_arguments/.test(script.text)) for (const f of ["--deepspeed", "--deepspeed_config", "--deepscale", "--deepscale_config"]) tolerated.add(f);
  const argv: LaunchArgv = { words: line.args, range: line.range, tolerated, problems: [], applied: new Map() };
  const result = readPyTorchScript(script.path, script.text, context.inputs, { argv, ...(line.worldSize ? { worldSize: line.worldSize } : {}), ...(line.worldSizeUnknown ? { worldSizeUnknown: line.worldSizeUnknown } : {}) });
  if (result.schedules.length === 0) {
    // A Hugging Face script (HfArgumentParser): the Trainer's schedule from the line's TrainingArguments flags.
    const className = hfArgumentsClass(script.path, script.text);
    return className ? [hfLaunchSchedule(line, script.path, className, context.inputs)] : [];
  }
  const extra: Problem[] = [...argv.problems];
  if (script.note) extra.push({ severity: "info", code: "launch-script-path", message: script.note, range: line.script.range });
  const passed = line.args.find((x) => x.dynamic && /^\$[@*] is an argument of the script/.test(x.dynamic));
  if (passed) extra.push({ severity: "info", code: "script-arguments", message: `${basename(script.path)} also gets this script's own arguments: the curve shows what the line itself sets, with the script's defaults for the rest`, range: passed.range });
  if (line.deepspeedConfig) extra.push({ severity: "info", code: "deepspeed-config", message: `--deepspeed ${line.deepspeedConfig.text}: a "scheduler" section in that config replaces the script's own scheduler when the script passes it to deepspeed.initialize (its schedule is shown on the config file)`, range: line.deepspeedConfig.range });
  // Both values of every flag the line gives, once per launch line (each value also explains itself in the hover).
  const overrides = [...argv.applied.values()].map((a) => (a.flag.startsWith("-") ? `${a.flag} ${shown(a.value)} (default ${shown(a.default)}${defaultAt(a.default)})` : `${a.flag}=${shown(a.value)}`));
  if (overrides.length > 0) extra.unshift({ severity: "info", code: "launch-overrides", message: `${basename(script.path)} run by ${line.launcher} with ${overrides.join(", ")}`, range: line.range });
  return result.schedules.map((s) => ({
    ...s,
    name: `${basename(script.path)} ${s.name}`,
    source: line.range,
    problems: [...extra, ...result.problems, ...s.problems],
  }));
}

function defaultAt(v: PyVal): string {
  const first = v.kind === "seq" ? v.items[0] : undefined;
  const range = v.kind === "num" ? v.prov.range : v.kind === "seq" ? (v.range ?? (first?.kind === "num" ? first.prov.range : undefined)) : undefined;
  return range ? ` at ${basename(range.file)}:${range.startLine + 1}` : "";
}

function shown(v: PyVal): string {
  switch (v.kind) {
    case "num":
      return formatLr(v.value);
    case "str":
      return v.value;
    case "bool":
      return v.value ? "True" : "False";
    case "none":
      return "None";
    case "seq":
      return v.items.map(shown).join(" ");
    case "unknown":
      return "unknown";
    default:
      return v.kind;
  }
}
