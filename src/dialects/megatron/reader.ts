import type { Assumption, Problem } from "../../core/problem";
import type { MegatronProgram, MegatronScheduler } from "../../core/megatron/spec";
import type { ScheduleDescription } from "../../core/schedule";
import { derived, frameworkDefault, userInput, type Value } from "../../core/value";
import type { ReaderContext, ReadResult } from "../index";
import { pinnedVersion } from "../versions";
import { FlagReader, parseFlags } from "./flags";
import { parseLaunchScript, type LaunchCommand } from "../../parse/shell";

export const MEGATRON_REFERENCE = "NVIDIA/Megatron-LM megatron/core/optimizer_param_scheduler.py, megatron/training/training.py get_optimizer_param_scheduler";

const megatronFlags = /^--(lr-decay-style|lr-warmup-fraction|lr-warmup-iters|lr-warmup-samples|lr-decay-iters|lr-decay-samples|lr-wsd-decay-style|lr-wsd-decay-iters|train-iters|train-samples|micro-batch-size|global-batch-size|tensor-model-parallel-size|pipeline-model-parallel-size)$/;

/** The Megatron training script a command runs, and where its arguments start. */
function megatronRun(command: LaunchCommand): number | undefined {
  const words = command.words;
  // The script must be what the line runs (python / torchrun / deepspeed...), not a word of `[ -f pretrain_gpt.py ]` or `echo`.
  const launched = (i: number): boolean => words.slice(0, i).some((w) => /(^|\/)(python[\d.]*|torchrun|deepspeed|srun|mpirun|accelerate|uv|launch|run)$/.test(w.text) || /^torch\.distributed\./.test(w.text));
  const script = words.findIndex((w, i) => (/(^|\/)pretrain_\w+\.py$/.test(w.text) || /(^|\/)megatron\/.*train\w*\.py$/.test(w.text)) && launched(i));
  if (script >= 0) return script + 1;
  if (words.some((w) => /fairseq/.test(w.text))) return undefined;
  const py = words.findIndex((w, i) => /\.py$/.test(w.text) && launched(i));
  if (py < 0) return undefined;
  const own = words.slice(py + 1).filter((w) => megatronFlags.test(w.text.split("=")[0]!)).length;
  return own >= 2 && words.some((w) => /^--(lr-decay-style|lr-warmup-fraction|lr-warmup-iters|train-iters|train-samples)(=|$)/.test(w.text)) ? py + 1 : undefined;
}

/** Reads Megatron-LM launch scripts (`pretrain_gpt.py` with `--lr-decay-style`, `--train-iters`...). */
export function readMegatron(fileName: string, text: string, context: ReaderContext): ReadResult | undefined {
  if (!/\.(sh|bash)$/.test(fileName) || !/--(lr-decay-style|train-iters|train-samples|lr-warmup)/.test(text)) return undefined;
  const schedules: ScheduleDescription[] = [];
  for (const command of parseLaunchScript(fileName, text)) {
    const start = megatronRun(command);
    if (start === undefined) continue;
    schedules.push(describe(command, start, fileName, context));
  }
  return schedules.length > 0 ? { schedules, problems: [] } : undefined;
}

function describe(command: LaunchCommand, start: number, fileName: string, context: ReaderContext): ScheduleDescription {
  const words = command.words.slice(start);
  const f = new FlagReader(parseFlags(words), "Megatron-LM");
  const problems: Problem[] = [];
  const assumptions: Assumption[] = [];
  const pin = pinnedVersion(context.files, fileName, "megatron-core");
  problems.push({ severity: "info", code: "framework-version", message: pin ? `The workspace pins megatron-core ${pin.spec}; following ${MEGATRON_REFERENCE} (current), whose get_lr the recent releases share.` : `No Megatron-LM version is pinned: following the current ${MEGATRON_REFERENCE}.`, range: pin?.range });
  if (command.words.some((w) => w.text === "$@" || /argument of the script/.test(w.dynamic ?? ""))) problems.push({ severity: "info", code: "script-arguments", message: "The launch line also passes the script's own arguments: the curve shows what the script itself sets", range: command.range });

  const lr = f.number("--lr", null);
  const minLr = f.number("--min-lr", 0.0);
  const initLr = f.number("--lr-warmup-init", 0.0);
  const style = f.string("--lr-decay-style", "linear");
  const wsdStyle = f.string("--lr-wsd-decay-style", "exponential");
  const trainIters = f.number("--train-iters", null);
  const trainSamples = f.number("--train-samples", null);
  const decayIters = f.number("--lr-decay-iters", null);
  const decaySamples = f.number("--lr-decay-samples", null);
  const warmupFraction = f.number("--lr-warmup-fraction", null);
  const warmupIters = f.number("--lr-warmup-iters", 0);
  const warmupSamples = f.number("--lr-warmup-samples", 0);
  const wsdIters = f.number("--lr-wsd-decay-iters", null);
  const wsdSamples = f.number("--lr-wsd-decay-samples", null);
  const gbsFlag = f.number("--global-batch-size", null);
  const micro = f.number("--micro-batch-size", null);
  const tp = f.number("--tensor-model-parallel-size", 1) ?? 1;
  const pp = f.number("--pipeline-model-parallel-size", 1) ?? 1;
  const cp = f.number("--context-parallel-size", 1) ?? 1;
  problems.push(...f.problems);
  if (lr === null) problems.push({ severity: "error", code: "lr-missing", message: "--lr is not given: Megatron-LM has no default learning rate (max_lr=float(None) raises)", range: command.range });
  if (warmupFraction !== null && warmupFraction !== undefined && ((warmupIters ?? 0) !== 0 || (warmupSamples ?? 0) !== 0)) problems.push({ severity: "error", code: "invalid-argument", message: "--lr-warmup-fraction and --lr-warmup-iters/--lr-warmup-samples cannot both be set (validate_args asserts)", range: f.range("--lr-warmup-fraction") });

  // Samples per iteration: `--global-batch-size`, or micro batch × data-parallel size.
  let gbs: Value | undefined;
  if (gbsFlag !== null && gbsFlag !== undefined) gbs = f.values["--global-batch-size"];
  else if (micro !== null && micro !== undefined && context.inputs.devices !== undefined) {
    const dp = context.inputs.devices / (tp * pp * cp);
    gbs = derived(micro * dp, "micro batch × devices / (TP × PP × CP)", [f.values["--micro-batch-size"]!, userInput(context.inputs.devices, "--devices")]);
  }

  let scheduler: MegatronScheduler | undefined;
  let total: Value | undefined;
  let increment = 1;
  const ok = lr !== null && lr !== undefined && minLr !== null && minLr !== undefined && initLr !== null && initLr !== undefined && style !== undefined && wsdStyle !== undefined && warmupFraction !== undefined && warmupIters !== undefined && warmupSamples !== undefined;
  if (trainIters !== null && trainIters !== undefined && trainIters !== 0) {
    // The global batch size scales warmup, decay and the step alike: it only matters for rounding.
    const g = gbs?.value ?? 1;
    increment = g;
    const decay = (decayIters ?? trainIters) * g;
    total = f.values["--train-iters"];
    if (ok && decayIters !== undefined && wsdIters !== undefined) {
      scheduler = { initLr, maxLr: lr, minLr, warmupSteps: warmupFraction !== null ? warmupFraction * decay : warmupIters! * g, decaySteps: decay, decayStyle: style, wsdDecaySteps: wsdIters !== null ? wsdIters * g : null, wsdDecayStyle: wsdStyle };
    }
  } else if (trainSamples !== null && trainSamples !== undefined && trainSamples !== 0) {
    if (!gbs) assumptions.push({ input: "devices", message: "--train-samples counts samples: the iterations depend on the global batch size, which this script does not set (--global-batch-size, or --micro-batch-size with the number of devices)", range: command.range });
    else {
      increment = gbs.value;
      const decay = decaySamples ?? trainSamples;
      total = derived(Math.floor(trainSamples / gbs.value), "train_samples // global_batch_size", [f.values["--train-samples"]!, gbs]);
      if (ok && decaySamples !== undefined && wsdSamples !== undefined) scheduler = { initLr, maxLr: lr, minLr, warmupSteps: warmupFraction !== null ? warmupFraction * decay : warmupSamples!, decaySteps: decay, decayStyle: style, wsdDecaySteps: wsdSamples, wsdDecayStyle: wsdStyle };
    }
  } else {
    problems.push({ severity: "error", code: "total-unknown", message: "Neither --train-iters nor --train-samples is given: Megatron-LM raises 'either train-iters or train-samples should be provided'", range: command.range });
  }
  if (context.inputs.totalSteps !== undefined) {
    total = userInput(context.inputs.totalSteps, "--total-steps");
    assumptions.push({ input: "totalSteps", message: `--total-steps ${context.inputs.totalSteps} (given)`, value: context.inputs.totalSteps });
  }
  const program: MegatronProgram = {
    family: "megatron",
    scheduler: scheduler ?? { initLr: 0, maxLr: NaN, minLr: 0, warmupSteps: 0, decaySteps: 1, decayStyle: "linear", wsdDecaySteps: null, wsdDecayStyle: "exponential" },
    increment,
    summary: scheduler ? [`OptimizerParamScheduler(init_lr=${scheduler.initLr}, max_lr=${scheduler.maxLr}, min_lr=${scheduler.minLr}, lr_warmup_steps=${scheduler.warmupSteps}, lr_decay_steps=${scheduler.decaySteps}, lr_decay_style=${scheduler.decayStyle}${scheduler.decayStyle === "WSD" ? `, wsd_decay_steps=${scheduler.wsdDecaySteps}, lr_wsd_decay_style=${scheduler.wsdDecayStyle}` : ""})`, `stepped by ${increment} sample(s) per iteration`] : [],
  };
  return {
    name: "OptimizerParamScheduler",
    dialect: "megatron",
    unit: "step",
    total: scheduler ? total : undefined,
    groups: [{ lr: f.values["--lr"] ?? frameworkDefault(NaN, "Megatron-LM --lr (no default)") }],
    program,
    source: f.range("--lr-decay-style") ?? f.range("--lr") ?? command.range,
    assumptions,
    problems,
  };
}
