import type { Problem } from "../../core/problem";
import type { SourceRange } from "../../core/range";
import type { ScheduleDescription } from "../../core/schedule";
import { parseYamlConfig, type ConfigMap, type ConfigNode } from "../../parse/config";
import type { ReaderContext, ReadResult } from "../index";
import { basename, dirname, joinPath } from "../paths";
import { parseShell, type ShellWord } from "../timm/shell";
import { readUltralyticsPython } from "./python";
import { describeRun } from "./run";
import { ULTRALYTICS_ONLY_KEYS, YOLOV5_HYP_KEYS, type Setting, type Settings } from "./settings";

/**
 * Reads Ultralytics YOLO training runs: train-args YAML (a run's `args.yaml`, a `cfg=` file overriding
 * default.yaml), `model.train(...)` calls in Python, and `yolo train key=value` lines of shell scripts.
 * `undefined` for anything else (YOLOv5 hyp files, data YAML, other tools' configs).
 */
export function readUltralytics(fileName: string, text: string, context: ReaderContext): ReadResult | undefined {
  if (/\.ya?ml$/i.test(fileName)) return readArgsYaml(fileName, text, context);
  if (/\.py$/i.test(fileName)) return readUltralyticsPython(fileName, text, context);
  if (/\.(?:sh|bash)$/i.test(fileName)) return readScript(fileName, text, context);
  return undefined;
}

/** A mapping of Ultralytics train arguments: `lr0` or `epochs` with keys only its default.yaml has, and no YOLOv5 hyp keys. */
export function isUltralyticsArgs(root: ConfigMap): boolean {
  const keys = new Set(root.entries.map((e) => e.key));
  const own = [...keys].filter((k) => ULTRALYTICS_ONLY_KEYS.has(k)).length;
  const lrKeys = ["lr0", "lrf", "warmup_epochs", "cos_lr", "optimizer", "epochs"].filter((k) => keys.has(k)).length;
  if ([...keys].some((k) => YOLOV5_HYP_KEYS.has(k)) && !keys.has("mode") && !keys.has("task") && !keys.has("epochs")) return false;
  if (root.entries.some((e) => e.key === "_base_" || e.key === "param_scheduler" || e.key === "optim_wrapper")) return false;
  // YOLOv5's opt.yaml (train.py's arguments with a `hyp` map): the yolov5 reader's.
  if (root.entries.some((e) => e.key === "hyp" && e.value.kind === "map") && keys.has("noautoanchor")) return false;
  return (keys.has("lr0") && (own >= 1 || keys.has("lrf"))) || (lrKeys >= 2 && own >= 3);
}

export function yamlSettings(root: ConfigMap, from: string): Settings {
  const out: Settings = new Map();
  for (const e of root.entries) {
    const keyRange = { ...e.keyRange, endLine: e.value.range.endLine, endColumn: e.value.range.endColumn };
    out.set(e.key, { value: plainOf(e.value), range: e.value.range, keyRange, from });
  }
  return out;
}

function plainOf(node: ConfigNode): Setting["value"] {
  if (node.kind === "scalar") return node.value;
  if (node.kind === "seq") return node.items.map(plainOf);
  return String(node.kind);
}

function readArgsYaml(fileName: string, text: string, context: ReaderContext): ReadResult | undefined {
  const doc = parseYamlConfig(fileName, text);
  if (doc.root?.kind !== "map" || !isUltralyticsArgs(doc.root)) return undefined;
  const settings = yamlSettings(doc.root, "YAML");
  const first = doc.root.entries.find((e) => e.key === "lr0") ?? doc.root.entries[0]!;
  const source: SourceRange = { ...first.keyRange, endLine: first.value.range.endLine, endColumn: first.value.range.endColumn };
  const mode = settings.get("mode")?.value;
  const problems: Problem[] = [...doc.problems];
  if (typeof mode === "string" && mode !== "train") problems.push({ severity: "info", code: "not-train-mode", message: `mode ${mode}: these arguments only schedule an LR when used to train (yolo train cfg=${basename(fileName)})`, range: settings.get("mode")?.range });
  const model = settings.get("model")?.value;
  const name = typeof model === "string" && model ? `${basename(model)} train` : `${basename(fileName)} train`;
  const schedule = describeRun(settings, { entry: fileName, files: context.files, inputs: context.inputs, source, name, ...taskOf(settings), problems });
  return { schedules: [schedule], problems: [] };
}

function taskOf(settings: Settings): { task?: string } {
  const t = settings.get("task")?.value;
  if (typeof t === "string") return { task: t };
  const model = settings.get("model")?.value;
  return typeof model === "string" ? taskOfModel(model) : {};
}

/** The task a model file names (`yolo11n-cls.pt` → classify), as `guess_model_task` does from the name. */
export function taskOfModel(model: string): { task?: string } {
  const stem = basename(model).toLowerCase();
  if (/-cls\b/.test(stem)) return { task: "classify" };
  if (/-seg\b/.test(stem)) return { task: "segment" };
  if (/-pose\b/.test(stem)) return { task: "pose" };
  if (/-obb\b/.test(stem)) return { task: "obb" };
  return {};
}

const modes = new Set(["train", "val", "predict", "export", "track", "benchmark"]);
const tasks = new Set(["detect", "segment", "classify", "pose", "obb"]);

/** `smart_value` of ultralytics/cfg/__init__.py: none / true / false, a Python literal, else the string. */
function smartValue(text: string): Setting["value"] {
  const lower = text.toLowerCase();
  if (lower === "none") return null;
  if (lower === "true") return true;
  if (lower === "false") return false;
  // One way to split the digits (`[\d_]*\.?[\d_]*` backtracked quadratically on a long digit run).
  if (/^[-+]?(?:\d[\d_]*(?:\.[\d_]*)?(?:e[-+]?\d+)?|\.\d+(?:e[-+]?\d+)?)$/i.test(text)) return Number(text.replace(/_/g, ""));
  if (/^\[.*\]$|^\(.*\)$|^\d+(?:,\d+)+$/.test(text)) return text.replace(/[[\]()\s]/g, "").split(",").filter(Boolean);
  return text.replace(/^(['"])(.*)\1$/, "$2");
}

function readScript(fileName: string, text: string, context: ReaderContext): ReadResult | undefined {
  const schedules: ScheduleDescription[] = [];
  for (const command of parseShell(fileName, text)) {
    const at = command.words.findIndex((w) => basename(w.text) === "yolo" || basename(w.text) === "ultralytics");
    if (at < 0) continue;
    const words = command.words.slice(at + 1);
    const settings: Settings = new Map();
    const problems: Problem[] = [];
    let mode: string | undefined;
    let task: string | undefined;
    let cfg: ShellWord | undefined;
    for (const w of words) {
      const eq = w.text.indexOf("=");
      if (eq < 0) {
        if (modes.has(w.text)) mode = w.text;
        else if (tasks.has(w.text)) task = w.text;
        continue;
      }
      const key = w.text.slice(0, eq).replace(/^-+/, "");
      const valueText = w.text.slice(eq + 1);
      if (key === "mode") mode = valueText;
      if (key === "task") task = valueText;
      if (key === "cfg") cfg = { ...w, text: valueText };
      settings.set(key, w.dynamic ? { value: undefined, unknown: `${w.text}: set by the shell when the script runs`, range: w.range, from: "command line" } : { value: smartValue(valueText), range: w.range, keyRange: w.range, from: "command line" });
    }
    if (mode !== "train") continue;
    if (cfg && cfg.text) {
      // `cfg=custom.yaml` replaces default.yaml's values; the line's own key=value pairs win.
      const path = cfg.text.startsWith("/") ? cfg.text : joinPath(dirname(fileName), cfg.text);
      const cfgText = context.files.read(path) ?? context.files.read(cfg.text);
      const doc = cfgText !== undefined ? parseYamlConfig(path, cfgText) : undefined;
      if (doc?.root?.kind === "map") {
        for (const [k, v] of yamlSettings(doc.root, `cfg ${cfg.text}`)) if (!settings.has(k)) settings.set(k, v);
      } else problems.push({ severity: "error", code: "config-not-found", message: `cfg=${cfg.text}: the file is not in the workspace, so the arguments it sets cannot be read`, range: cfg.range });
    }
    const model = settings.get("model")?.value;
    const name = `${typeof model === "string" ? basename(model) : "yolo"} train`;
    const taskHint = task ? { task } : typeof model === "string" ? taskOfModel(model) : {};
    schedules.push(describeRun(settings, { entry: fileName, files: context.files, inputs: context.inputs, source: command.range, name, ...taskHint, problems }));
  }
  return schedules.length > 0 ? { schedules, problems: [] } : undefined;
}
