import type { Problem } from "../../core/problem";
import type { SourceRange } from "../../core/range";
import type { ScheduleDescription } from "../../core/schedule";
import { parseYamlConfig } from "../../parse/config";
import { Interpreter, type CallSite, type EvaluatedArguments, type Host } from "../../parse/python/interpreter";
import { parsePython, type PythonFile } from "../../parse/python/syntax";
import { unknown, type PyVal } from "../../parse/python/values";
import type { ReaderContext, ReadResult } from "../index";
import { basename, dirname, joinPath } from "../paths";
import { taskOfModel, yamlSettings } from "./reader";
import { describeRun } from "./run";
import type { Setting, Settings } from "./settings";

/** Model classes whose `.train()` runs an Ultralytics trainer (ultralytics/models). */
const modelClasses = new Set(["YOLO", "RTDETR", "YOLOWorld", "YOLOE", "NAS"]);

interface ModelData {
  readonly model?: string;
  readonly range: SourceRange;
  /** A trainer class made with `overrides=` (`DetectionTrainer(overrides=args).train()`). */
  readonly overrides?: EvaluatedArguments;
}

interface TrainCall {
  readonly model: ModelData;
  readonly args: EvaluatedArguments;
  readonly site: CallSite;
}

class UltralyticsHost implements Host {
  readonly calls: TrainCall[] = [];
  private readonly seen = new Set<number>();

  call(callee: PyVal, args: EvaluatedArguments, site: CallSite): PyVal | undefined {
    if (callee.kind === "ref" && callee.path.startsWith("ultralytics")) {
      const last = callee.path.slice(callee.path.lastIndexOf(".") + 1);
      if (modelClasses.has(last)) {
        const first = args.positional[0] ?? args.keyword.get("model");
        const data: ModelData = { ...(first?.kind === "str" ? { model: first.value } : {}), range: site.range };
        return { kind: "object", type: "ultralytics.Model", data };
      }
      if (last.endsWith("Trainer")) {
        const data: ModelData = { range: site.range, overrides: args };
        return { kind: "object", type: "ultralytics.Trainer", data };
      }
    }
    if (callee.kind === "method" && callee.self.kind === "object" && (callee.self.type === "ultralytics.Model" || callee.self.type === "ultralytics.Trainer")) {
      const model = callee.self.data as ModelData;
      if (callee.name === "train") {
        if (!this.seen.has(site.node.from)) {
          this.seen.add(site.node.from);
          this.calls.push({ model, args, site });
        }
        return unknown("the training results", site.range);
      }
      if (["load", "to", "fuse", "cuda", "cpu", "reset_weights"].includes(callee.name)) return callee.self;
    }
    return undefined;
  }
}

/** What a keyword argument holds, as a train setting. */
function settingOf(v: PyVal, range: SourceRange): Setting {
  switch (v.kind) {
    case "num":
      return { value: v.value, prov: v.prov, range, from: "train() keyword" };
    case "str":
      return { value: v.value, range, from: "train() keyword" };
    case "bool":
      return { value: v.value, range, from: "train() keyword" };
    case "none":
      return { value: null, range, from: "train() keyword" };
    case "seq":
      return { value: v.items.map((i) => (i.kind === "num" || i.kind === "str" || i.kind === "bool" ? i.value : null)), range, from: "train() keyword" };
    case "unknown":
      return { value: undefined, unknown: v.reason, range: v.range ?? range, from: "train() keyword" };
    default:
      return { value: undefined, unknown: `a ${v.kind} where the trainer expects a value`, range, from: "train() keyword" };
  }
}

/** The settings of a dict display (`overrides=dict(epochs=10)` / `{"epochs": 10}`). */
function dictSettings(v: PyVal | undefined, range: SourceRange, out: Settings): boolean {
  if (v?.kind !== "dict") return false;
  for (const [k, value] of v.entries) if (k.kind === "str") out.set(k.value, settingOf(value, range));
  return true;
}

/**
 * Reads `model.train(...)` calls on Ultralytics models (`YOLO("yolo11n.pt")`, `RTDETR(...)`) and
 * `XTrainer(overrides=...).train()`. `undefined` when the file makes no such call.
 */
export function readUltralyticsPython(fileName: string, text: string, context: ReaderContext): ReadResult | undefined {
  if (!text.includes("ultralytics") || !text.includes(".train(")) return undefined;
  const file = parsePython(fileName, text);
  const host = new UltralyticsHost();
  new Interpreter(file, host).run();
  if (host.calls.length === 0) return undefined;
  const schedules: ScheduleDescription[] = [];
  for (const call of host.calls) {
    const problems: Problem[] = [];
    const settings: Settings = new Map();
    const { args, site, model } = call;
    if (model.overrides) {
      const o = model.overrides.keyword.get("overrides") ?? model.overrides.positional[1];
      if (!dictSettings(o, model.range, settings)) problems.push({ severity: "error", code: "value-not-static", message: "The trainer's overrides= cannot be read without running the file", range: model.range });
    }
    // Model.train: `overrides = yaml_load(cfg) if cfg else self.overrides`, then `{**overrides, **custom, **kwargs}`.
    const cfg = args.keyword.get("cfg");
    if (cfg?.kind === "str") {
      const path = cfg.value.startsWith("/") ? cfg.value : joinPath(dirname(fileName), cfg.value);
      const cfgText = context.files.read(path) ?? context.files.read(cfg.value);
      const doc = cfgText !== undefined ? parseYamlConfig(path, cfgText) : undefined;
      if (doc?.root?.kind === "map") for (const [k, v] of yamlSettings(doc.root, `cfg ${cfg.value}`)) settings.set(k, v);
      else problems.push({ severity: "error", code: "config-not-found", message: `cfg=${JSON.stringify(cfg.value)}: the file is not in the workspace, so the arguments it sets cannot be read`, range: rangeOfKeyword(file, args, "cfg") ?? site.range });
    }
    for (const [k, v] of args.keyword) {
      if (k === "cfg") continue;
      if (k === "trainer") {
        problems.push({ severity: "warning", code: "custom-trainer", message: "trainer=: a custom trainer class may build its own optimizer or schedule; the curve is that of Ultralytics' own trainer", range: rangeOfKeyword(file, args, k) });
        continue;
      }
      settings.set(k, settingOf(v, rangeOfKeyword(file, args, k) ?? site.range));
    }
    if (args.syntax.spread) problems.push({ severity: "warning", code: "spread-arguments", message: "train(**kwargs): the arguments passed this way are not read; the curve uses the ones written out and default.yaml's for the rest", range: site.range });
    const data = settings.get("data")?.value;
    if (Array.isArray(data)) problems.push({ severity: "info", code: "multi-dataset", message: "data is a list: Model.train fine-tunes one run per dataset (MultiTrainer), each with this schedule", range: settings.get("data")?.range });
    const name = `${model.model ? basename(model.model) : "model"}.train`;
    const taskSetting = settings.get("task")?.value;
    const task = typeof taskSetting === "string" ? { task: taskSetting } : model.model ? taskOfModel(model.model) : {};
    schedules.push(describeRun(settings, { entry: fileName, files: context.files, inputs: context.inputs, source: site.range, name, ...task, problems }));
  }
  return { schedules, problems: [] };
}

function rangeOfKeyword(file: PythonFile, args: EvaluatedArguments, key: string): SourceRange | undefined {
  const k = args.syntax.keyword.get(key);
  return k ? file.rangeOf(k.value) : undefined;
}
