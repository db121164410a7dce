import type { Problem } from "../../core/problem";
import type { SourceRange } from "../../core/range";
import type { TorchSchedulerSpec } from "../../core/torch/spec";
import { literal, type Value } from "../../core/value";
import { entry, parseYamlConfig, type ConfigMap, type ConfigNode } from "../../parse/config";
import type { Inputs, ReadResult } from "../index";
import { describeLightning } from "./describe";
import { buildTorchScheduler, configArg, torchOptimizerGroup, torchOptimizerName, torchSchedulerName, type Arg, type ArgProblem } from "./torchArgs";
import type { TrainerLimits } from "./trainer";

/** `class_path` + `init_args`, or a bare class path (jsonargparse's shorthand). */
interface ClassSpec {
  readonly path: string;
  readonly pathRange: SourceRange;
  readonly args: Map<string, Arg>;
}

function classSpec(node: ConfigNode | undefined): ClassSpec | undefined {
  if (node?.kind === "scalar" && typeof node.value === "string") return { path: node.value, pathRange: node.range, args: new Map() };
  if (node?.kind !== "map") return undefined;
  const path = entry(node, "class_path")?.value;
  if (path?.kind !== "scalar" || typeof path.value !== "string") return undefined;
  const args = new Map<string, Arg>();
  const init = entry(node, "init_args")?.value;
  if (init?.kind === "map") for (const e of init.entries) args.set(e.key, configArg(e.value, true));
  // Parameters next to class_path are read as init_args too (jsonargparse accepts both spellings).
  for (const e of node.entries) if (e.key !== "class_path" && e.key !== "init_args" && e.key !== "dict_kwargs") args.set(e.key, configArg(e.value, true));
  return { path: path.value, pathRange: path.range, args };
}

/** A LightningCLI config may put everything under the subcommand (`fit:`), as `--print_config` of `python main.py --config` does. */
function section(root: ConfigMap): ConfigMap {
  const fit = entry(root, "fit")?.value;
  return fit?.kind === "map" && ["optimizer", "lr_scheduler", "trainer", "model"].some((k) => entry(fit, k)) ? fit : root;
}

/** Whether a YAML config is a LightningCLI one: optimizer/lr_scheduler as classes, next to a trainer or model. */
function isLightningCli(cfg: ConfigMap): boolean {
  const classy = (key: string): boolean => {
    const node = entry(cfg, key)?.value;
    if (node?.kind === "map") return entry(node, "class_path") !== undefined;
    if (node?.kind === "scalar" && typeof node.value === "string") return key === "optimizer" ? torchOptimizerName(node.value) !== undefined && node.value.includes(".") : torchSchedulerName(node.value) !== undefined && node.value.includes(".");
    return false;
  };
  const lightningKeys = ["trainer", "model", "data", "seed_everything", "ckpt_path"].some((k) => entry(cfg, k));
  return (classy("optimizer") || classy("lr_scheduler")) && lightningKeys;
}

function trainerLimits(cfg: ConfigMap): TrainerLimits {
  const trainer = entry(cfg, "trainer");
  const read = (key: string): Value | null | undefined => {
    const node = trainer?.value.kind === "map" ? entry(trainer.value, key)?.value : undefined;
    if (!node) return undefined;
    if (node.kind === "scalar" && typeof node.value === "number") return literal(node.value, node.range);
    return null;
  };
  return { maxEpochs: read("max_epochs") ?? undefined, maxSteps: read("max_steps") ?? undefined, range: trainer?.keyRange };
}

/**
 * Reads a LightningCLI YAML config (`python main.py fit --config config.yaml`): `optimizer` and
 * `lr_scheduler` as jsonargparse classes, built as LightningCLI.configure_optimizers does
 * (lightning/pytorch/cli.py: `[optimizer], [lr_scheduler]`, so Lightning steps the scheduler once per
 * epoch) and `trainer.max_epochs` / `max_steps`. `undefined` for YAML of other tools.
 */
export function readLightningCliConfig(fileName: string, text: string, inputs: Inputs = {}): ReadResult | undefined {
  const doc = parseYamlConfig(fileName, text);
  if (doc.root?.kind !== "map") return undefined;
  const cfg = section(doc.root);
  if (!isLightningCli(cfg)) return undefined;
  const problems: Problem[] = [...doc.problems];
  const optEntry = entry(cfg, "optimizer");
  const schedEntry = entry(cfg, "lr_scheduler");
  const opt = classSpec(optEntry?.value);
  const sched = schedEntry?.value.kind === "scalar" && schedEntry.value.value === null ? undefined : classSpec(schedEntry?.value);
  if (!opt) {
    problems.push({ severity: "info", code: "no-optimizer", message: "No optimizer in this config: LightningCLI then ignores lr_scheduler and the model's own configure_optimizers decides the schedule", range: schedEntry?.keyRange });
    return { schedules: [], problems };
  }
  const own: ArgProblem[] = [];
  const optName = torchOptimizerName(opt.path);
  const { group, problems: optProblems } = torchOptimizerGroup(optName ?? opt.path, opt.args, opt.pathRange);
  own.push(...optProblems);
  const schedulers: TorchSchedulerSpec[] = [];
  let name = "optimizer";
  let source = optEntry!.keyRange;
  if (sched) {
    const className = torchSchedulerName(sched.path);
    name = sched.path.split(".").at(-1) ?? sched.path;
    source = schedEntry!.keyRange;
    if (!className) own.push({ severity: "error", code: "scheduler-unknown", message: `${sched.path} is not a torch.optim.lr_scheduler class this reader knows`, range: sched.pathRange });
    else {
      if (className === "ReduceLROnPlateau") {
        const monitorRequired = /lightning/.test(sched.path) && !sched.args.has("monitor");
        if (monitorRequired) own.push({ severity: "error", code: "missing-monitor", message: "lightning.pytorch.cli.ReduceLROnPlateau needs init_args.monitor (TypeError)", range: sched.pathRange });
        own.push({ severity: "warning", code: "plateau", message: "ReduceLROnPlateau lowers the LR when the monitored metric stops improving, which a static reading cannot know: the LR is drawn flat", range: sched.pathRange });
      }
      const built = buildTorchScheduler(className, sched.args, 1, name, sched.pathRange);
      if ("severity" in built) own.push(built);
      else {
        own.push(...built.problems);
        schedulers.push({ ...built.kind, name, range: sched.pathRange, args: built.args });
      }
    }
  } else own.push({ severity: "info", code: "no-scheduler", message: "No lr_scheduler: LightningCLI returns the optimizer alone, and its LR stays constant", range: optEntry!.keyRange });
  const description = describeLightning({ name, groups: [group], schedulers, stepped: schedulers.length > 0 ? 0 : undefined, interval: "epoch", frequency: 1, limits: trainerLimits(cfg), source, problems: own }, inputs);
  return { schedules: [description], problems };
}
