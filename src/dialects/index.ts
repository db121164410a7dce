import type { Input, Problem } from "../core/problem";
import type { ScheduleDescription } from "../core/schedule";
import { readDeepSpeedConfig } from "./deepspeed/reader";
import { readDetectron2Lazy } from "./detectron2/lazy";
import { readDetectron2Yaml } from "./detectron2/yaml";
import { readFairseq } from "./fairseq/reader";
import { readKeras } from "./keras/reader";
import { readLaunch } from "./launch/reader";
import { readMegatron } from "./megatron/reader";
import { readNemo } from "./nemo/reader";
import { readOptax } from "./optax/reader";
import { readLightningCliConfig } from "./lightning/cli";
import { readLightningModule } from "./lightning/module";
import { readMmengineConfig } from "./mmengine/reader";
import { readNotebook } from "./notebook/reader";
import { readPaddleConfig } from "./paddle/reader";
import { readPyTorchScript } from "./pytorch/reader";
import { withTorchPin } from "./pytorch/pin";
import { readTimm } from "./timm/reader";
import { readTransformers } from "./transformers/reader";
import { readUltralytics } from "./ultralytics/reader";
import { readYolov5Hyp } from "./yolov5/reader";

/** What the user supplies because the files cannot say it (CLI options, settings). */
export type Inputs = Partial<Record<Input, number>>;

/** Other files of the workspace, for readers that follow `_base_` chains or sibling configs. */
export interface WorkspaceFiles {
  /** The text of a file, by a path of the same form as the entry's; `undefined` when there is none. */
  read(path: string): string | undefined;
}

export interface ReaderContext {
  readonly inputs: Inputs;
  readonly files: WorkspaceFiles;
}

export interface ReadResult {
  readonly schedules: readonly ScheduleDescription[];
  readonly problems: readonly Problem[];
}

/**
 * A dialect reader. `read` returns `undefined` when the file is not one of its own (a Python file with no
 * optimizer, a YAML file of another tool), so several readers can look at the same kind of file.
 */
export interface DialectReader {
  readonly dialect: string;
  /** File names it may take (cheap test before reading). */
  readonly extensions: readonly string[];
  read(fileName: string, text: string, context: ReaderContext): ReadResult | undefined;
}

/** Every reader, in the order their schedules are listed when several take the same file. */
const readers: readonly DialectReader[] = [
  // Before pytorch: claims only Ultralytics train args (YAML with lr0/cos_lr...), `.train(` on a YOLO/RTDETR model, `yolo train` lines.
  { dialect: "ultralytics", extensions: [".yaml", ".yml", ".py", ".sh", ".bash"], read: (f, t, c) => readUltralytics(f, t, c) },
  // Before mmengine and pytorch: claims only detectron2 LazyConfigs (L(...) / model zoo imports with lr_multiplier, train.max_iter, optimizer)
  // and yacs YAML configs (`_BASE_: path`, `SOLVER:`, an upper-case `MODEL:`).
  { dialect: "detectron2", extensions: [".py"], read: (f, t, c) => readDetectron2Lazy(f, t, c) },
  { dialect: "detectron2", extensions: [".yaml", ".yml"], read: (f, t, c) => readDetectron2Yaml(f, t, c) },
  // Before pytorch: claims only OpenMMLab configs (param_scheduler / optim_wrapper / train_cfg / lr_config / _base_ / read_base).
  { dialect: "mmengine", extensions: [".py"], read: (f, t, c) => readMmengineConfig(f, t, c) },
  // Before pytorch: claim only scripts constructing keras.optimizers.schedules / LearningRateScheduler, or optax schedules.
  { dialect: "keras", extensions: [".py"], read: (f, t, c) => readKeras(f, t, c) },
  { dialect: "optax", extensions: [".py"], read: (f, t, c) => readOptax(f, t, c) },
  {
    dialect: "pytorch",
    extensions: [".py"],
    read: (f, t, c) => {
      const result = readPyTorchScript(f, t, c.inputs);
      return result.schedules.length > 0 ? withTorchPin(result, f, c.files) : undefined;
    },
  },
  // Before lightning/transformers/timm: claim only Megatron-LM launch lines (pretrain_*.py with --lr-decay-style/--train-iters...),
  // fairseq-train lines and fairseq Hydra YAML (lr_scheduler._name with optimization/task).
  { dialect: "megatron", extensions: [".sh", ".bash"], read: (f, t, c) => readMegatron(f, t, c) },
  { dialect: "fairseq", extensions: [".sh", ".bash", ".yaml", ".yml"], read: (f, t, c) => readFairseq(f, t, c) },
  // Before lightning/transformers/timm: claims only NeMo experiment YAML (model.optim with lr/sched, and a trainer or exp_manager section).
  { dialect: "nemo", extensions: [".yaml", ".yml"], read: (f, t, c) => readNemo(f, t, c) },
  // Claims only YOLOv5 hyp.*.yaml (lr0 with YOLOv5-only loss keys, no mode/task): what the ultralytics reader leaves.
  { dialect: "yolov5", extensions: [".yaml", ".yml"], read: (f, t, c) => readYolov5Hyp(f, t, c) },
  // Launch lines (python/torchrun/accelerate/deepspeed) of shell scripts and Makefiles that run a PyTorch script of the workspace.
  { dialect: "launch", extensions: [".sh", ".bash", "Makefile", "makefile", "GNUmakefile", ".mk"], read: (f, t, c) => withTorchPin(readLaunch(f, t, c), f, c.files) },
  { dialect: "deepspeed", extensions: [".json"], read: (f, t, c) => readDeepSpeedConfig(f, t, c.inputs) },
  { dialect: "lightning", extensions: [".yaml", ".yml"], read: (f, t, c) => readLightningCliConfig(f, t, c.inputs) },
  { dialect: "lightning", extensions: [".py"], read: (f, t, c) => withTorchPin(readLightningModule(f, t, c.inputs), f, c.files) },
  { dialect: "transformers", extensions: [".json", ".yaml", ".yml", ".py"], read: (f, t, c) => readTransformers(f, t, c) },
  { dialect: "timm", extensions: [".yaml", ".yml", ".sh"], read: (f, t, c) => readTimm(f, t, c) },
  // Claims only PaddleClas / PaddleOCR (Global + Optimizer), PaddleDetection (LearningRate, _BASE_ lists) and PaddleSeg (lr_scheduler.type + iters/model) YAML.
  { dialect: "paddle", extensions: [".yaml", ".yml"], read: (f, t, c) => readPaddleConfig(f, t, c) },
];

const noFiles: WorkspaceFiles = { read: () => undefined };

/** Whether some reader may take files of this name (the extension's activation and index use this). */
export function isSupportedFile(fileName: string): boolean {
  return fileName.endsWith(".ipynb") || readers.some((r) => r.extensions.some((e) => fileName.endsWith(e)));
}

/**
 * Reads the schedules of one file with every reader that takes it. Never throws: a reader failure
 * becomes a problem of the file, so one strange file cannot take down the extension host or the CLI.
 */
export function readSchedules(fileName: string, text: string, inputs: Inputs = {}, files: WorkspaceFiles = noFiles, rounds?: LoadingRounds): ReadResult & { readonly dialects: readonly string[] } {
  // A Jupyter notebook: its code cells as one Python program, read by the readers below (dialects/notebook).
  if (fileName.endsWith(".ipynb")) return readNotebook(fileName, text, (name, program) => readSchedules(name, program, inputs, files));
  const schedules: ScheduleDescription[] = [];
  const problems: Problem[] = [];
  const dialects: string[] = [];
  for (const reader of readers) {
    if (!reader.extensions.some((e) => fileName.endsWith(e))) continue;
    const outcome = readOnce(reader, fileName, text, inputs, files, rounds);
    if ("failed" in outcome) {
      problems.push({ severity: "error", code: "reader-failed", message: `The ${reader.dialect} reader failed on this file: ${outcome.failed}` });
      continue;
    }
    const result = outcome.result;
    if (!result) continue;
    dialects.push(reader.dialect);
    schedules.push(...result.schedules);
    problems.push(...result.problems);
  }
  return { schedules, problems, dialects };
}

/**
 * What one reader did in an earlier loading round of the same file: the files it read, the answers it got,
 * and its outcome. A reader is a deterministic function of the file name, the text, the inputs and those
 * answers, so when every file it read answers the same again (a store only adds files between rounds), its
 * outcome is reused instead of reading the file again.
 */
interface ReaderRound {
  readonly fileName: string;
  readonly text: string;
  readonly inputs: Inputs;
  readonly reads: readonly (readonly [string, string | undefined])[];
  readonly outcome: ReaderOutcome;
}

type ReaderOutcome = { readonly result: ReadResult | undefined } | { readonly failed: string };

/** Kept by a caller that reads a file in rounds (loading the `_base_` files readers ask for in between). */
export type LoadingRounds = Map<DialectReader, ReaderRound>;

function readOnce(reader: DialectReader, fileName: string, text: string, inputs: Inputs, files: WorkspaceFiles, rounds: LoadingRounds | undefined): ReaderOutcome {
  const before = rounds?.get(reader);
  if (before && before.fileName === fileName && before.text === text && before.inputs === inputs && before.reads.every(([p, answer]) => files.read(p) === answer)) return before.outcome;
  const reads: (readonly [string, string | undefined])[] = [];
  const tracked: WorkspaceFiles = rounds
    ? {
        read: (p) => {
          const answer = files.read(p);
          reads.push([p, answer]);
          return answer;
        },
      }
    : files;
  let outcome: ReaderOutcome;
  try {
    outcome = { result: reader.read(fileName, text, { inputs, files: tracked }) };
  } catch (e) {
    outcome = { failed: e instanceof Error ? e.message : String(e) };
  }
  rounds?.set(reader, { fileName, text, inputs, reads, outcome });
  return outcome;
}

/** Every registered reader, in order (the fuzz suite runs each one on its own). */
export function registeredReaders(): readonly DialectReader[] {
  return readers;
}
