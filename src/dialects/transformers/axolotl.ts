import type { ConfigMap } from "../../parse/config";
import { entry } from "../../parse/config";

/**
 * How axolotl turns its YAML keys into `TrainingArguments` (axolotl-ai-cloud/axolotl
 * src/axolotl/core/builders/base.py): the key of the Trainer each axolotl key becomes. Keys that keep their
 * name (`learning_rate`, `gradient_accumulation_steps`, `max_steps`, `warmup_steps`, `lr_scheduler_kwargs`,
 * `cosine_min_lr_ratio`...) are not listed.
 */
export const axolotlKeys: Readonly<Record<string, string>> = {
  lr_scheduler: "lr_scheduler_type",
  num_epochs: "num_train_epochs",
  micro_batch_size: "per_device_train_batch_size",
};

/** `lr_scheduler: one_cycle | rex` are axolotl's own; the Trainer is told `cosine` (base.py `_configure_scheduler`). */
export const axolotlAlternateSchedulers = new Set(["one_cycle", "rex"]);

/**
 * An axolotl config: `base_model` with `datasets`, or its own batch/epoch keys. LLaMA-Factory's v1 configs
 * also say `micro_batch_size`, but name the model `model:`.
 */
export function isAxolotlConfig(root: ConfigMap): boolean {
  if (entry(root, "base_model")) return true;
  const own = ["micro_batch_size", "num_epochs", "lr_scheduler", "sequence_len", "sample_packing"].filter((k) => entry(root, k)).length;
  return own >= 2 && !entry(root, "model") && (entry(root, "datasets") !== undefined || entry(root, "learning_rate") !== undefined);
}
