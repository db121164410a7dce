/**
 * The command line of timm's train.py (huggingface/pytorch-image-models `train.py` @ aa4b5850), transcribed:
 * every option string with how many values it takes, so a shell line is split into arguments as argparse
 * splits it (prefix abbreviations included), and the typed defaults of the options the schedule depends on.
 */

/** Values an option takes: 0 (store_true), 1, a fixed count, or argparse's "?", "+", "*". */
export type Arity = 0 | 1 | 3 | "?" | "+" | "*";

/** [option strings, arity] in train.py's order (its `-c/--config` is read by a separate parser first). */
const table: readonly (readonly [string, Arity])[] = [
  ["--data-dir", 1],
  ["--dataset", 1],
  ["--train-split", 1],
  ["--val-split", 1],
  ["--train-num-samples", 1],
  ["--val-num-samples", 1],
  ["--dataset-download", 0],
  ["--class-map", 1],
  ["--input-img-mode", 1],
  ["--input-key", 1],
  ["--target-key", 1],
  ["--dataset-trust-remote-code", 0],
  ["--model", 1],
  ["--pretrained", 0],
  ["--pretrained-path", 1],
  ["--initial-checkpoint", 1],
  ["--resume", 1],
  ["--no-resume-opt", 0],
  ["--num-classes", 1],
  ["--gp", 1],
  ["--img-size", 1],
  ["--in-chans", 1],
  ["--input-size", 3],
  ["--crop-pct", 1],
  ["--mean", "+"],
  ["--std", "+"],
  ["--interpolation", 1],
  ["-b --batch-size", 1],
  ["-vb --validation-batch-size", 1],
  ["--channels-last", 0],
  ["--fuser", 1],
  ["--grad-accum-steps", 1],
  ["--grad-checkpointing", 0],
  ["--fast-norm", 0],
  ["--model-kwargs", "*"],
  ["--head-init-scale", 1],
  ["--head-init-bias", 1],
  ["--torchcompile-mode", 1],
  ["--torchscript", 0],
  ["--torchcompile", "?"],
  ["--device", 1],
  ["--amp", 0],
  ["--amp-dtype", 1],
  ["--model-dtype", 1],
  ["--no-ddp-bb", 0],
  ["--synchronize-step", 0],
  ["--local_rank", 1],
  ["--device-modules", "+"],
  ["--opt", 1],
  ["--opt-eps", 1],
  ["--opt-betas", "+"],
  ["--momentum", 1],
  ["--weight-decay", 1],
  ["--clip-grad", 1],
  ["--clip-mode", 1],
  ["--layer-decay", 1],
  ["--layer-decay-min-scale", 1],
  ["--layer-decay-no-opt-scale", 1],
  ["--opt-kwargs", "*"],
  ["--sched", 1],
  ["--sched-on-updates", 0],
  ["--lr", 1],
  ["--lr-base", 1],
  ["--lr-base-size", 1],
  ["--lr-base-scale", 1],
  ["--lr-noise", "+"],
  ["--lr-noise-pct", 1],
  ["--lr-noise-std", 1],
  ["--lr-cycle-mul", 1],
  ["--lr-cycle-decay", 1],
  ["--lr-cycle-limit", 1],
  ["--lr-k-decay", 1],
  ["--warmup-lr", 1],
  ["--min-lr", 1],
  ["--epochs", 1],
  ["--epoch-repeats", 1],
  ["--start-epoch", 1],
  ["--decay-milestones", "+"],
  ["--decay-epochs", 1],
  ["--warmup-epochs", 1],
  ["--warmup-prefix", 0],
  ["--cooldown-epochs", 1],
  ["--patience-epochs", 1],
  ["--decay-rate --dr", 1],
  ["--no-aug", 0],
  ["--train-crop-mode", 1],
  ["--scale", "+"],
  ["--ratio", "+"],
  ["--hflip", 1],
  ["--vflip", 1],
  ["--color-jitter", 1],
  ["--color-jitter-prob", 1],
  ["--grayscale-prob", 1],
  ["--gaussian-blur-prob", 1],
  ["--aa", 1],
  ["--aug-repeats", 1],
  ["--aug-splits", 1],
  ["--jsd-loss", 0],
  ["--bce-loss", 0],
  ["--bce-sum", 0],
  ["--bce-target-thresh", 1],
  ["--bce-pos-weight", 1],
  ["--reprob", 1],
  ["--remode", 1],
  ["--recount", 1],
  ["--resplit", 0],
  ["--mixup", 1],
  ["--cutmix", 1],
  ["--cutmix-minmax", "+"],
  ["--mixup-prob", 1],
  ["--mixup-switch-prob", 1],
  ["--mixup-mode", 1],
  ["--mixup-off-epoch", 1],
  ["--smoothing", 1],
  ["--train-interpolation", 1],
  ["--drop", 1],
  ["--drop-connect", 1],
  ["--drop-path", 1],
  ["--drop-block", 1],
  ["--bn-momentum", 1],
  ["--bn-eps", 1],
  ["--sync-bn", 0],
  ["--dist-bn", 1],
  ["--split-bn", 0],
  ["--model-ema", 0],
  ["--model-ema-force-cpu", 0],
  ["--model-ema-decay", 1],
  ["--model-ema-warmup", 0],
  ["--seed", 1],
  ["--worker-seeding", 1],
  ["--log-interval", 1],
  ["--val-interval", 1],
  ["--recovery-interval", 1],
  ["--checkpoint-hist", 1],
  ["-j --workers", 1],
  ["--save-images", 0],
  ["--pin-mem", 0],
  ["--no-prefetcher", 0],
  ["--output", 1],
  ["--experiment", 1],
  ["--eval-metric", 1],
  ["--tta", 1],
  ["--use-multi-epochs-loader", 0],
  ["--log-wandb", 0],
  ["--wandb-project", 1],
  ["--wandb-tags", "+"],
  ["--wandb-resume-id", 1],
  ["--train-img-sizes", "+"],
  ["--train-batch-sizes", "+"],
  ["--train-size-probs", "+"],
  ["--train-size-schedule", 1],
  ["--train-size-schedule-spread", 1],
  ["--train-size-random-mix", 1],
  ["--train-batches-per-epoch --train-steps-per-epoch", 1],
  ["--variable-batch-loss-scale", 1],
  ["--naflex-loader", 0],
  ["--naflex-train-seq-lens", "+"],
  ["--naflex-max-seq-len", 1],
  ["--naflex-patch-sizes", "+"],
  ["--naflex-patch-size-probs", "+"],
  ["--naflex-loss-scale", 1],
  ["--naflex-patchify-channels-first", 0],
  ["--kd-model-name", 1],
  ["--kd-distill-type", 1],
  ["--kd-loss-type", 1],
  ["--distill-loss-weight", 1],
  ["--task-loss-weight", 1],
  ["--kd-temperature", 1],
  ["--kd-student-feature-dim", 1],
  ["--kd-teacher-feature-dim", 1],
  ["--kd-token-distill-type", 1],
];

export interface TrainOption {
  /** `--lr-base`, or the first long spelling. */
  readonly flag: string;
  readonly strings: readonly string[];
  /** The attribute on `args` (argparse's dest: first long option, dashes → underscores). */
  readonly dest: string;
  readonly arity: Arity;
}

export const trainOptions: readonly TrainOption[] = table.map(([names, arity]) => {
  const strings = names.split(" ");
  const flag = strings.find((s) => s.startsWith("--")) ?? strings[0]!;
  return { flag, strings, dest: flag.replace(/^-+/, "").replace(/-/g, "_"), arity };
});

const byString = new Map<string, TrainOption>(trainOptions.flatMap((o) => o.strings.map((s) => [s, o] as const)));
const byDest = new Map<string, TrainOption>(trainOptions.map((o) => [o.dest, o]));

export function optionOfDest(dest: string): TrainOption | undefined {
  return byDest.get(dest);
}

/**
 * The option an argument names, as argparse finds it: an exact option string, else (long options, and
 * `allow_abbrev` is on) the one option it is a prefix of. `ambiguous` lists the candidates when several match.
 */
export function findOption(arg: string): { option?: TrainOption; ambiguous?: readonly string[] } {
  const exact = byString.get(arg);
  if (exact) return { option: exact };
  if (!arg.startsWith("--")) return {};
  const matches = [...byString.keys()].filter((s) => s.startsWith("--") && s.startsWith(arg));
  const options = [...new Set(matches.map((m) => byString.get(m)!))];
  if (options.length === 1) return { option: options[0] };
  return options.length > 1 ? { ambiguous: matches } : {};
}

/** Python types of the options the schedule depends on (argparse converts string values and string defaults). */
export type OptionType = "int" | "float" | "str" | "bool" | "int+" | "float+";

export type PyDefault = number | string | boolean | null | readonly number[];

/** [dest, default, type, train.py line] for every option the schedule or the LR depends on. */
const scheduleDefaults: readonly (readonly [string, PyDefault, OptionType, number])[] = [
  ["model", "resnet50", "str", 112],
  ["batch_size", 128, "int", 142],
  ["grad_accum_steps", 1, "int", 150],
  ["opt", "sgd", "str", 191],
  ["momentum", 0.9, "float", 197],
  ["layer_decay", null, "float", 205],
  ["sched", "cosine", "str", 215],
  ["sched_on_updates", false, "bool", 217],
  ["lr", null, "float", 219],
  ["lr_base", 0.1, "float", 221],
  ["lr_base_size", 256, "int", 223],
  ["lr_base_scale", "", "str", 225],
  ["lr_noise", null, "float+", 227],
  ["lr_noise_pct", 0.67, "float", 229],
  ["lr_noise_std", 1.0, "float", 231],
  ["lr_cycle_mul", 1.0, "float", 233],
  ["lr_cycle_decay", 0.5, "float", 235],
  ["lr_cycle_limit", 1, "int", 237],
  ["lr_k_decay", 1.0, "float", 239],
  ["warmup_lr", 1e-5, "float", 241],
  ["min_lr", 0, "float", 243],
  ["epochs", 300, "int", 245],
  ["start_epoch", null, "int", 249],
  ["decay_milestones", [90, 180, 270], "int+", 251],
  ["decay_epochs", 90, "float", 253],
  ["warmup_epochs", 5, "int", 255],
  ["warmup_prefix", false, "bool", 257],
  ["cooldown_epochs", 0, "int", 259],
  ["patience_epochs", 10, "int", 261],
  ["decay_rate", 0.1, "float", 263],
  ["seed", 42, "int", 365],
  ["val_interval", 1, "int", 371],
  ["eval_metric", "top1", "str", 389],
  ["train_img_sizes", null, "int+", 405],
];

export interface ScheduleOption {
  readonly dest: string;
  readonly flag: string;
  readonly default: PyDefault;
  readonly type: OptionType;
  /** Where train.py declares it, for hovers: `train.py:221`. */
  readonly line: number;
}

export const scheduleOptions: ReadonlyMap<string, ScheduleOption> = new Map(scheduleDefaults.map(([dest, def, type, line]) => [dest, { dest, flag: byDest.get(dest)?.flag ?? `--${dest.replace(/_/g, "-")}`, default: def, type, line }]));

/** The timm version whose train.py and schedulers these tables follow. */
export const TIMM_REFERENCE = "pytorch-image-models @ aa4b5850";
