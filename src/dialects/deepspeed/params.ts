import type { DeepSpeedSchedulerKind } from "../../core/deepspeed/spec";

/** A parameter of one of lr_schedules.py's constructors: name and default as the signature declares it. */
export type DsDefault = number | boolean | null | "log" | "required";

/**
 * Constructor parameters of deepspeed/runtime/lr_schedules.py (after `optimizer`), with their defaults.
 * The engine calls `scheduler(optimizer, **scheduler["params"])`, so these are the defaults that apply;
 * the argparse defaults of `add_tuning_arguments` (a different set) are only for `--lr_schedule` launches.
 */
export const deepSpeedSchedulerParams: Readonly<Record<DeepSpeedSchedulerKind["kind"], readonly (readonly [string, DsDefault])[]>> = {
  LRRangeTest: [
    ["lr_range_test_min_lr", 1e-3],
    ["lr_range_test_step_size", 2000],
    ["lr_range_test_step_rate", 1.0],
    ["lr_range_test_staircase", false],
    ["last_batch_iteration", -1],
  ],
  OneCycle: [
    ["cycle_min_lr", "required"],
    ["cycle_max_lr", "required"],
    ["decay_lr_rate", 0],
    ["cycle_first_step_size", 2000],
    ["cycle_second_step_size", null],
    ["cycle_first_stair_count", 0],
    ["cycle_second_stair_count", null],
    ["decay_step_size", 0],
    ["cycle_momentum", true],
    ["cycle_min_mom", 0.8],
    ["cycle_max_mom", 0.9],
    ["decay_mom_rate", 0],
    ["last_batch_iteration", -1],
  ],
  WarmupLR: [
    ["warmup_min_lr", 0.0],
    ["warmup_max_lr", 0.001],
    ["warmup_num_steps", 1000],
    ["warmup_type", "log"],
    ["last_batch_iteration", -1],
  ],
  WarmupDecayLR: [
    ["total_num_steps", "required"],
    ["warmup_min_lr", 0.0],
    ["warmup_max_lr", 0.001],
    ["warmup_num_steps", 1000],
    ["warmup_type", "log"],
    ["last_batch_iteration", -1],
  ],
  WarmupCosineLR: [
    ["total_num_steps", "required"],
    ["warmup_min_ratio", 0.0],
    ["warmup_num_steps", 1000],
    ["cos_min_ratio", 0.0001],
    ["warmup_type", "log"],
    ["last_batch_iteration", -1],
  ],
};

export function isDeepSpeedScheduler(name: string): name is DeepSpeedSchedulerKind["kind"] {
  return Object.prototype.hasOwnProperty.call(deepSpeedSchedulerParams, name);
}

/**
 * What the Hugging Face Trainer (transformers integrations/deepspeed.py `trainer_config_process`) writes
 * over an `"auto"` value, and the TrainingArguments flag it comes from with that flag's default.
 */
export const hfAutoFill: Readonly<Record<string, { readonly flag?: string; readonly value: number; readonly note: string }>> = {
  "scheduler.params.warmup_min_lr": { value: 0, note: "the Hugging Face Trainer fills 0" },
  "scheduler.params.warmup_max_lr": { flag: "--learning_rate", value: 5e-5, note: "the Hugging Face Trainer fills --learning_rate" },
  "scheduler.params.warmup_num_steps": { flag: "--warmup_steps", value: 0, note: "the Hugging Face Trainer fills its warmup steps (--warmup_steps / --warmup_ratio)" },
  "optimizer.params.lr": { flag: "--learning_rate", value: 5e-5, note: "the Hugging Face Trainer fills --learning_rate" },
  "optimizer.params.betas": { flag: "--adam_beta1", value: 0.9, note: "the Hugging Face Trainer fills --adam_beta1, --adam_beta2" },
};

/**
 * DeepSpeed's own optimizers (`optimizer.type`, case-insensitive: runtime/config.py lowercases these) and
 * the lr default of the class the engine builds (FusedAdam / DeepSpeedCPUAdam, FusedLamb, OnebitAdam...).
 * Any other type is `getattr(torch.optim, type)`, case-sensitive.
 */
export const deepSpeedOptimizers: Readonly<Record<string, { readonly className: string; readonly lr: number; readonly betas: boolean }>> = {
  adam: { className: "FusedAdam", lr: 1e-3, betas: true },
  adamw: { className: "FusedAdam (adam_w_mode)", lr: 1e-3, betas: true },
  lamb: { className: "FusedLamb", lr: 1e-3, betas: true },
  onebitadam: { className: "OnebitAdam", lr: 1e-3, betas: true },
  zerooneadam: { className: "ZeroOneAdam", lr: 1e-3, betas: true },
  onebitlamb: { className: "OnebitLamb", lr: 1e-3, betas: true },
  lion: { className: "FusedLion", lr: 1e-3, betas: true },
  adagrad: { className: "torch.optim.Adagrad", lr: 1e-2, betas: false },
  muadam: { className: "mup.MuAdam", lr: 1e-3, betas: true },
  muadamw: { className: "mup.MuAdamW", lr: 1e-3, betas: true },
  musgd: { className: "mup.MuSGD", lr: 1e-3, betas: false },
};
