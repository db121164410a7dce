import type { Problem } from "../../core/problem";
import { literal } from "../../core/value";
import { entry, parseJsonConfig, parseYamlConfig, plain, type ConfigMap, type ConfigNode } from "../../parse/config";
import type { WorkspaceFiles } from "../index";
import { basename, dirname, joinPath } from "../paths";
import type { Flavor, HfArgs, Plain, Setting } from "./args";
import { axolotlAlternateSchedulers, axolotlKeys, isAxolotlConfig } from "./axolotl";

/** Keys that only a `TrainingArguments` config has (other tools say `lr`, `epochs`, `sched`...). */
const trainerKeys = ["lr_scheduler_type", "lr_scheduler_kwargs", "per_device_train_batch_size", "num_train_epochs", "warmup_ratio"];
/** With `learning_rate`, these make a config the Trainer's too. */
const companionKeys = ["max_steps", "warmup_steps", "gradient_accumulation_steps", "output_dir", "weight_decay"];
/** Keys of configs that are not training arguments although they share some names. */
const foreignKeys = [
  "log_history", // trainer_state.json, written by the Trainer
  "global_step",
  "zero_optimization", // DeepSpeed
  "train_micro_batch_size_per_gpu",
  "train_batch_size",
  "seed_everything", // Lightning CLI
  "class_path",
];
const megatronKeys = ["tensor_model_parallel_size", "pipeline_model_parallel_size", "expert_model_parallel_size"];

/** Reads a JSON or YAML file of training arguments; `undefined` when it is not one. */
export function readHfConfig(fileName: string, text: string, files: WorkspaceFiles): HfArgs | undefined {
  const isJson = fileName.endsWith(".json");
  const doc = isJson ? parseJsonConfig(fileName, text) : parseYamlConfig(fileName, text);
  const root = doc.root;
  if (root?.kind !== "map") return undefined;
  const flavor = flavorOf(root);
  if (!flavor) return undefined;

  const problems: Problem[] = [...doc.problems];
  const settings = new Map<string, Setting>();
  for (const e of root.entries) {
    const s = setting(e.key, e.value, e.keyRange, flavor);
    if (flavor === "axolotl") {
      if (e.key === "lr_scheduler" && typeof s.value === "string" && axolotlAlternateSchedulers.has(s.value)) {
        settings.set("alternate_lr_scheduler_type", { ...s, key: "alternate_lr_scheduler_type" });
        settings.set("lr_scheduler_type", { ...s, key: "lr_scheduler_type", value: "cosine" });
        continue;
      }
      const to = axolotlKeys[e.key];
      if (to) {
        settings.set(to, { ...s, key: to });
        continue;
      }
      // axolotl passes its own names; the Trainer's names in an axolotl file mean nothing to it.
      if (Object.values(axolotlKeys).includes(e.key)) continue;
    }
    settings.set(e.key, s);
  }

  if (flavor === "llamafactory") {
    const megatron = megatronKeys.map((k) => entry(root, k)).find((x) => x !== undefined);
    if (megatron)
      problems.push({
        severity: "warning",
        code: "megatron-trainer",
        message: "This LLaMA-Factory config trains with Megatron-Core (mcore_adapter), whose optimizer scheduler is not the Trainer's: the curve shown is what the Hugging Face Trainer would do",
        range: megatron.keyRange,
      });
  }
  const v1 = flavor === "llamafactory" && isLlamaFactoryV1(root);
  if (v1) {
    problems.push({
      severity: "error",
      code: "unsupported-trainer",
      message: "A LLaMA-Factory v1 config (model: / train_dataset:): its own trainer (llamafactory.v1, lr_scheduler_config plugins) is not the Hugging Face Trainer and is not followed",
      range: entry(root, "model")?.keyRange ?? root.range,
    });
  }
  deepSpeedFile(settings.get("deepspeed"), fileName, files, problems);

  const anchor = ["lr_scheduler_type", "learning_rate", "max_steps", "num_train_epochs"].map((k) => settings.get(k)).find((s) => s !== undefined);
  return {
    file: fileName,
    name: basename(fileName),
    source: anchor?.keyRange ?? root.range,
    flavor,
    className: flavor === "axolotl" ? "axolotl" : "TrainingArguments",
    settings,
    problems,
  };
}

function isLlamaFactoryV1(root: ConfigMap): boolean {
  const model = entry(root, "model");
  return model?.value.kind === "scalar" && ["train_dataset", "dist_config", "model_class"].some((k) => entry(root, k));
}

/** Which program reads this config, or `undefined` when it is not training arguments. */
function flavorOf(root: ConfigMap): Flavor | undefined {
  const has = (k: string): boolean => entry(root, k) !== undefined;
  if (foreignKeys.some(has)) return undefined;
  if (entry(root, "trainer")?.value.kind === "map") return undefined; // Lightning CLI
  if (has("sched") && has("opt")) return undefined; // timm args.yaml
  if (isAxolotlConfig(root)) return ["learning_rate", "lr_scheduler", "num_epochs", "max_steps"].some(has) ? "axolotl" : undefined;
  const trainer = trainerKeys.some(has) || (has("learning_rate") && companionKeys.some(has));
  const llamaFactory = has("stage") || (has("model_name_or_path") && ["template", "finetuning_type", "dataset"].some(has));
  if (llamaFactory) {
    const doTrain = entry(root, "do_train")?.value;
    if (trainer || (doTrain?.kind === "scalar" && doTrain.value === true)) return "llamafactory";
    return undefined;
  }
  if (isLlamaFactoryV1(root)) return has("learning_rate") || has("max_steps") ? "llamafactory" : undefined;
  return trainer ? "trainer" : undefined;
}

function setting(key: string, node: ConfigNode, keyRange: Setting["keyRange"], flavor: Flavor): Setting {
  if (node.kind === "scalar") {
    let value = node.value;
    // OmegaConf (LLaMA-Factory) and pydantic (axolotl) read `5e-5` as a float, PyYAML as a string.
    if (node.numberLikeString === true && typeof value === "string" && flavor !== "trainer") value = Number(value.replace(/_/g, ""));
    return { key, value, num: typeof value === "number" ? literal(value, node.range) : undefined, range: node.range, keyRange, numberLikeString: node.numberLikeString };
  }
  return { key, value: plain(node) as Plain, range: node.range, keyRange };
}

/** A `deepspeed:` config file with a `scheduler` section replaces the Trainer's scheduler. */
function deepSpeedFile(s: Setting | undefined, fileName: string, files: WorkspaceFiles, problems: Problem[]): void {
  if (typeof s?.value !== "string") return;
  const text = files.read(joinPath(dirname(fileName), s.value)) ?? files.read(s.value);
  if (text === undefined) return;
  const ds = parseJsonConfig(s.value, text).root;
  if (entry(ds, "scheduler"))
    problems.push({ severity: "warning", code: "deepspeed-scheduler", message: `${s.value} has a scheduler section, which replaces lr_scheduler_type under DeepSpeed: the curve shown is the Trainer's, not DeepSpeed's`, range: s.range });
}
