import type { Assumption, Problem } from "../../core/problem";
import type { SourceRange } from "../../core/range";
import type { ParamGroup, ScheduleDescription } from "../../core/schedule";
import type { UltralyticsProgram } from "../../core/ultralytics/spec";
import { derived, frameworkDefault, literal, userInput, type Value } from "../../core/value";
import { entry, parseYamlConfig, type ConfigMap, type ConfigNode } from "../../parse/config";
import type { ReaderContext, ReadResult } from "../index";
import { basename, dirname, joinPath } from "../paths";
import { isUltralyticsArgs } from "../ultralytics/reader";
import { YOLOV5_HYP_KEYS } from "../ultralytics/settings";
import { pinnedVersion } from "../versions";

export const YOLOV5_REFERENCE = "ultralytics/yolov5 train.py, utils/torch_utils.py smart_optimizer (master @ 5081342f, as v7.0)";

/** The hyp keys train.py reads for the LR (`hyp["lr0"]`...: a missing one raises KeyError). */
const lrKeys = ["lr0", "lrf", "momentum", "warmup_epochs", "warmup_momentum", "warmup_bias_lr"] as const;

/** train.py's argparse defaults that shape the LR (master; `--epochs` was 300 before v7.0). */
const argDefaults = { epochs: 100, batch_size: 16, cos_lr: false, optimizer: "SGD" } as const;

/**
 * Reads YOLOv5 hyperparameter files (`data/hyps/hyp.scratch-low.yaml`, a run's `hyp.yaml`): YAML with `lr0`
 * and YOLOv5's own loss keys (`anchor_t`, `iou_t`, `obj_pw`...), without Ultralytics' `mode` / `task`. The
 * run's `epochs`, `--cos-lr`, `--optimizer` and batch come from a sibling `opt.yaml` (what train.py saves next
 * to `hyp.yaml`) or else train.py's argparse defaults, said as assumptions. The training loop is the one the
 * Ultralytics evaluator runs with YOLOv5's rules: `LambdaLR` stepped after each epoch, warmup of
 * `max(round(warmup_epochs × nb), 100)` iterations while `ni <= nw`, the bias group (group 0) falling from
 * `warmup_bias_lr`.
 */
export function readYolov5Hyp(fileName: string, text: string, context: ReaderContext): ReadResult | undefined {
  if (!/\.ya?ml$/i.test(fileName) || !/lr0/.test(text)) return undefined;
  const doc = parseYamlConfig(fileName, text);
  const root = doc.root;
  if (root?.kind !== "map") return undefined;
  // A run's opt.yaml: train.py's arguments with the hyp dict it trained with (`opt.hyp = hyp.copy()`).
  const inline = entry(root, "hyp")?.value;
  const fromOpt = isYolov5Opt(root) && inline?.kind === "map" && entry(inline, "lr0") ? inline : undefined;
  if (!fromOpt && !isYolov5Hyp(root)) return undefined;
  const d = describe(fileName, fromOpt ?? root, context, fromOpt ? root : undefined);
  return { schedules: [{ ...d, problems: [...doc.problems, ...d.problems] }], problems: [] };
}

/** `lr0` with a YOLOv5-only hyp key, no `mode` / `task`, and nothing the Ultralytics reader takes. */
export function isYolov5Hyp(root: ConfigMap): boolean {
  const keys = new Set(root.entries.map((e) => e.key));
  if (!keys.has("lr0") || keys.has("mode") || keys.has("task")) return false;
  if (![...keys].some((k) => YOLOV5_HYP_KEYS.has(k))) return false;
  return !isUltralyticsArgs(root);
}

/** train.py's `vars(opt)` as saved to opt.yaml: a `hyp` map and flags only YOLOv5's train.py has. */
export function isYolov5Opt(root: ConfigMap): boolean {
  return entry(root, "hyp")?.value.kind === "map" && ["noautoanchor", "evolve", "bucket", "image_weights", "quad"].some((k) => entry(root, k));
}

interface Arg {
  readonly value: number | string | boolean | null;
  readonly prov?: Value;
  readonly range?: SourceRange;
}

function scalar(node: ConfigNode | undefined): ConfigNode & { kind: "scalar" } | undefined {
  return node?.kind === "scalar" ? node : undefined;
}

function describe(fileName: string, root: ConfigMap, context: ReaderContext, optMap?: ConfigMap): ScheduleDescription {
  const problems: Problem[] = [];
  const assumptions: Assumption[] = [];
  const hyp: Record<string, Value> = {};
  const first = root.entries.find((e) => e.key === "lr0")!;
  const source: SourceRange = { ...first.keyRange, endLine: first.value.range.endLine, endColumn: first.value.range.endColumn };

  const pin = pinnedVersion(context.files, fileName, "yolov5");
  const old = pin !== undefined && /^([0-5]\.|6\.[01](\.|$))/.test(pin.version);
  problems.push(
    old
      ? { severity: "warning", code: "framework-version", message: `The workspace pins yolov5 ${pin.spec}: releases before 6.2 warm up for at least 1000 iterations with the bias group last, and before 6.1 default to a cosine lf; the curve follows ${YOLOV5_REFERENCE}`, range: pin.range }
      : { severity: "info", code: "framework-version", message: pin ? `The workspace pins yolov5 ${pin.spec}; following ${YOLOV5_REFERENCE}.` : `No yolov5 version is pinned: following ${YOLOV5_REFERENCE}.`, range: pin?.range },
  );

  // hyp values: yaml.safe_load (PyYAML), so `1e-3` is a string.
  for (const key of lrKeys) {
    const e = entry(root, key);
    const s = scalar(e?.value);
    if (!e) {
      problems.push({ severity: "error", code: "missing-hyperparameter", message: `${key} is not in the hyp file: train.py reads hyp["${key}"] (KeyError)`, range: source });
      continue;
    }
    if (typeof s?.value !== "number") {
      const why = s?.numberLikeString ? `PyYAML reads ${String(s.value)} as a string (write it with a dot and a signed exponent, e.g. 1.0e-3)` : `${JSON.stringify(s?.value ?? null)} is not a number`;
      problems.push({ severity: "error", code: "invalid-value", message: `${key}: ${why}`, range: e.value.range });
      continue;
    }
    hyp[key] = literal(s.value, s.range);
  }

  // The run's arguments: a sibling opt.yaml (train.py saves it with hyp.yaml), else argparse defaults.
  const optPath = joinPath(dirname(fileName), "opt.yaml");
  const optText = optMap || basename(fileName) === "opt.yaml" ? undefined : context.files.read(optPath);
  const optRoot = optMap ?? (optText !== undefined ? parseYamlConfig(optPath, optText).root : undefined);
  const opt = (key: keyof typeof argDefaults): Arg => {
    const s = scalar(entry(optRoot, key)?.value);
    if (s && s.value !== null) return { value: s.value, prov: typeof s.value === "number" ? literal(s.value, s.range) : undefined, range: s.range };
    const d = argDefaults[key];
    return { value: d, prov: typeof d === "number" ? frameworkDefault(d, `train.py --${key.replace("_", "-")} default ${d}`) : undefined };
  };
  const epochsArg = opt("epochs");
  const cosArg = opt("cos_lr");
  const optimizerArg = opt("optimizer");
  const batchArg = opt("batch_size");
  const fromOpt = optRoot?.kind === "map";
  let epochs: Value = epochsArg.prov ?? frameworkDefault(100, "train.py --epochs default 100");
  if (context.inputs.epochs !== undefined) {
    epochs = userInput(context.inputs.epochs, "--epochs");
    assumptions.push({ input: "epochs", message: `--epochs ${context.inputs.epochs} (given)`, value: context.inputs.epochs });
  } else if (!epochsArg.range) {
    assumptions.push({ input: "epochs", message: `The hyp file does not say how long training runs: train.py's --epochs default ${argDefaults.epochs} is assumed`, value: argDefaults.epochs, range: source });
  }
  if (!Number.isInteger(epochs.value) || epochs.value < 1) problems.push({ severity: "error", code: "invalid-value", message: `epochs ${epochs.value}: train.py runs a positive whole number of epochs`, range: epochsArg.range });
  const cosLr = cosArg.value === true;
  const optimizer = String(optimizerArg.value);
  if (!fromOpt) assumptions.push({ input: "commandLine", message: `train.py --hyp ${basename(fileName)} without --cos-lr or --optimizer: linear lf and SGD (nesterov) are assumed`, value: 0, range: source });
  if (!["SGD", "Adam", "AdamW", "RMSProp"].includes(optimizer)) problems.push({ severity: "error", code: "unknown-optimizer", message: `optimizer ${optimizer}: smart_optimizer raises NotImplementedError`, range: optimizerArg.range });

  // nb = len(train_loader).
  let stepsPerEpoch: Value | undefined;
  const batch = typeof batchArg.value === "number" && batchArg.value >= 1 ? batchArg.value : undefined;
  if (context.inputs.stepsPerEpoch !== undefined) {
    stepsPerEpoch = userInput(context.inputs.stepsPerEpoch, "--steps-per-epoch");
    assumptions.push({ input: "stepsPerEpoch", message: `--steps-per-epoch ${context.inputs.stepsPerEpoch} (given): batches per epoch (len(train_loader))`, value: context.inputs.stepsPerEpoch });
  } else if (context.inputs.datasetSize !== undefined && batch !== undefined) {
    // create_dataloader: batch_size // WORLD_SIZE per rank, the sampler pads to ceil(N / WORLD_SIZE), drop_last off.
    const world = Math.max(1, context.inputs.devices ?? 1);
    const n = context.inputs.datasetSize;
    const nb = Math.ceil(Math.ceil(n / world) / Math.max(1, Math.floor(batch / world)));
    stepsPerEpoch = derived(nb, world > 1 ? `ceil(ceil(${n} images / ${world} ranks) / (batch ${batch} // ${world}))` : `ceil(${n} images / batch ${batch})`, [userInput(n, "--dataset-size"), batchArg.prov ?? literal(batch, batchArg.range)]);
    assumptions.push({ input: "datasetSize", message: `--dataset-size ${n} (given): ${nb} batches per epoch${batchArg.range ? "" : ` with train.py's --batch-size default ${batch}`}`, value: n });
  } else {
    assumptions.push({ input: "stepsPerEpoch", message: "The batches per epoch (len(train_loader) = ceil(images / batch size)) depend on the dataset", range: source });
  }

  const lr0 = hyp["lr0"] ?? frameworkDefault(NaN, "lr0 (missing)");
  const momentum = hyp["momentum"] ?? frameworkDefault(NaN, "momentum (missing)");
  const adam = optimizer === "Adam" || optimizer === "AdamW";
  // smart_optimizer: the optimizer is built on g[2] (biases), then g[0] (weights with decay), then g[1] (norm weights).
  const groups: ParamGroup[] = [0, 1, 2].map(() => ({ lr: lr0, momentum, momentumKind: adam ? "beta1" : "momentum" }));
  let total: Value | undefined = stepsPerEpoch ? derived(epochs.value * stepsPerEpoch.value, `epochs ${epochs.value} × ${stepsPerEpoch.value} batches`, [epochs, stepsPerEpoch]) : undefined;
  if (context.inputs.totalSteps !== undefined) {
    total = userInput(context.inputs.totalSteps, "--total-steps");
    assumptions.push({ input: "totalSteps", message: `--total-steps ${context.inputs.totalSteps} (given): the run's length in iterations`, value: context.inputs.totalSteps });
  }
  const num = (key: string): number => hyp[key]?.value ?? NaN;
  const program: UltralyticsProgram = {
    family: "ultralytics",
    epochs: epochs.value,
    stepsPerEpoch: stepsPerEpoch?.value ?? 1,
    lrf: num("lrf"),
    // lf linear `(1 - x / epochs) * (1.0 - lrf) + lrf` (no clamp, unlike Ultralytics 8's `max(..., 0)`: the
    // same for every epoch the run has), or `one_cycle(1, lrf, epochs)`.
    cosLr,
    warmupEpochs: num("warmup_epochs"),
    warmupBiasLr: num("warmup_bias_lr"),
    warmupMomentum: num("warmup_momentum"),
    momentumTarget: num("momentum"),
    roles: ["bias", "weight", "bn"],
    // `if "momentum" in x`: SGD and RMSprop groups have one; Adam's betas stay.
    warmupMovesMomentum: !adam,
    loop: { warmupRule: "always100", schedulerStep: "epoch-end" },
    args: { ...hyp, epochs },
    range: source,
  };
  const failed = problems.some((p) => p.severity === "error");
  return {
    name: `${basename(fileName)} (YOLOv5 ${optimizer}${cosLr ? ", cos_lr" : ""})`,
    dialect: "yolov5",
    unit: "step",
    total: failed ? undefined : total,
    epochs,
    ...(stepsPerEpoch ? { stepsPerEpoch } : {}),
    groups,
    program,
    source,
    assumptions,
    problems,
  };
}
