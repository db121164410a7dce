import type { Problem } from "../../core/problem";
import type { ScheduleDescription } from "../../core/schedule";
import { derived } from "../../core/value";
import { parsePython } from "../../parse/python/syntax";
import type { ArgWord } from "../../parse/shell";
import type { Inputs } from "../index";
import { basename } from "../paths";
import type { Setting } from "../transformers/args";
import { argumentClasses } from "../transformers/python";
import { describeHfArgs } from "../transformers/schedule";
import type { LaunchLine } from "./launchers";

/**
 * The training-arguments class a script parses its command line into with `HfArgumentParser((ModelArguments,
 * DataArguments, TrainingArguments))` (or TRL's `TrlParser`): the Trainer's schedule then comes from the launch
 * line's `--learning_rate`, `--num_train_epochs`, `--lr_scheduler_type`, `--warmup_ratio`... over that class's defaults.
 * `undefined` when the script builds no such parser.
 */
export function hfArgumentsClass(fileName: string, text: string): string | undefined {
  if (!text.includes("HfArgumentParser") && !text.includes("TrlParser")) return undefined;
  const file = parsePython(fileName, text);
  let found: string | undefined;
  file.tree.iterate({
    enter: (n) => {
      if (found !== undefined) return false;
      if (n.name !== "CallExpression") return undefined;
      const callee = n.node.firstChild;
      const args = n.node.getChild("ArgList");
      if (!callee || !args || !/(^|\.)(HfArgumentParser|TrlParser)$/.test(file.textOf(callee))) return undefined;
      file.tree.iterate({
        from: args.from,
        to: args.to,
        enter: (m) => {
          if (found === undefined && m.name === "VariableName" && argumentClasses.has(file.textOf(m.node))) found = file.textOf(m.node);
        },
      });
      return false;
    },
  });
  return found;
}

/**
 * The Trainer's schedule of a launch line, read as `HfArgumentParser` parses it: `--key value`, `--key=value`,
 * a bare `--flag` (True), dashes as underscores; `true`/`false` as booleans, numbers as numbers. Keys of the
 * other dataclasses (model, data) are there too and ignored by the schedule.
 */
export function hfLaunchSchedule(line: LaunchLine, scriptPath: string, className: string, inputs: Inputs): ScheduleDescription {
  const settings = new Map<string, Setting>();
  const problems: Problem[] = [];
  const words = line.args;
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    if (!w.text.startsWith("--") || w.text === "--") continue;
    const eq = w.text.indexOf("=");
    const key = (eq > 0 ? w.text.slice(2, eq) : w.text.slice(2)).replace(/-/g, "_");
    let value: ArgWord | undefined;
    if (eq > 0) value = { ...w, text: w.text.slice(eq + 1) };
    else if (words[k + 1] && !words[k + 1]!.text.startsWith("--")) value = words[++k];
    const keyRange = value && value !== w ? { ...w.range, endLine: value.range.endLine, endColumn: value.range.endColumn } : w.range;
    if (!value) {
      settings.set(key, { key, value: true, range: w.range, keyRange: w.range });
      continue;
    }
    if (value.dynamic) {
      settings.set(key, { key, value: undefined, range: value.range, keyRange, unknown: { reason: `--${key} ${value.dynamic}: the launch line does not say the value`, needs: "commandLine" } });
      continue;
    }
    const t = value.text;
    if (/^(?:true|false)$/i.test(t)) settings.set(key, { key, value: t.toLowerCase() === "true", range: value.range, keyRange });
    else if (/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(t)) {
      const n = Number(t);
      settings.set(key, { key, value: n, num: derived(n, `--${key} ${t} on the launch line (${className} field)`, [], value.range), range: value.range, keyRange });
    } else settings.set(key, { key, value: t, range: value.range, keyRange });
  }
  if (line.worldSize && line.worldSize.value !== 1 && inputs.devices === undefined)
    problems.push({ severity: "info", code: "launch-devices", message: `${line.launcher} starts ${line.worldSize.value} processes: the Trainer's steps per epoch from --dataset-size use them when you pass --devices ${line.worldSize.value}`, range: line.worldSize.range ?? line.range });
  const desc = describeHfArgs({ file: line.range.file, name: `${basename(scriptPath)} ${className}`, source: line.range, flavor: "trainer", className, settings, problems: [] }, inputs);
  return { ...desc, problems: [...problems, ...desc.problems] };
}
