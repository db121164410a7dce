import type { ConfigMap } from "../../parse/config";

// Keys only timm's train.py writes (its argparse dests); others' configs spell these differently.
const timmKeys = new Set(["lr_base", "lr_base_size", "lr_base_scale", "warmup_lr", "decay_epochs", "decay_milestones", "decay_rate", "sched_on_updates", "lr_cycle_mul", "lr_cycle_decay", "lr_cycle_limit", "lr_k_decay", "lr_noise", "lr_noise_pct", "lr_noise_std", "cooldown_epochs", "patience_epochs", "warmup_prefix", "opt_eps", "opt_betas", "model_ema", "model_ema_decay", "reprob", "remode", "recount", "resplit", "aa", "smoothing", "drop_path", "drop_connect", "mixup_switch_prob", "mixup_off_epoch", "train_interpolation", "clip_mode", "layer_decay", "grad_accum_steps", "dist_bn", "no_prefetcher", "pin_mem", "jsd_loss", "bce_loss", "aug_splits", "torchscript", "channels_last", "initial_checkpoint"]);
// Keys of other tools' YAML (Ultralytics/YOLOv5, LLaMA-Factory, axolotl, HF, Lightning, OpenMMLab).
const foreignKeys = new Set(["lr0", "lrf", "model_name_or_path", "stage", "finetuning_type", "trainer", "base_model", "lr_scheduler_type", "lr_scheduler", "micro_batch_size", "_base_", "param_scheduler", "train_cfg", "optim_wrapper", "optimizer", "scheduler", "per_device_train_batch_size", "learning_rate", "max_steps", "task"]);
// The only mapping values train.py's args have (utils.ParseKwargs).
const mappingKeys = new Set(["model_kwargs", "opt_kwargs"]);

/**
 * Whether a YAML file is a timm train.py args file (`args.yaml` or a `--config` hparams file): a flat mapping
 * with `sched` and another train.py key, or several keys only train.py uses, and nothing of another tool.
 */
export function isTimmArgsYaml(root: ConfigMap): boolean {
  const keys = new Set(root.entries.map((e) => e.key));
  if ([...keys].some((k) => foreignKeys.has(k))) return false;
  if (root.entries.some((e) => e.value.kind === "map" && !mappingKeys.has(e.key))) return false;
  const own = [...keys].filter((k) => timmKeys.has(k)).length;
  const sched = root.entries.find((e) => e.key === "sched");
  if (sched && sched.value.kind === "scalar" && typeof sched.value.value === "string") {
    return own > 0 || ["model", "opt", "epochs", "lr", "warmup_epochs", "min_lr", "batch_size"].some((k) => keys.has(k));
  }
  return own >= 2 && (keys.has("model") || keys.has("opt") || keys.has("epochs"));
}
