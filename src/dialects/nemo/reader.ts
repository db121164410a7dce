import type { Assumption, Problem } from "../../core/problem";
import type { SourceRange } from "../../core/range";
import type { ScheduleDescription } from "../../core/schedule";
import { NEMO_SCHEDULERS, type NemoProgram, type NemoSchedulerArgs, type NemoSchedulerName } from "../../core/nemo/spec";
import { derived, frameworkDefault, literal, userInput, type Value } from "../../core/value";
import { entry, parseYamlConfig, resolvePlainScalar, type ConfigEntry, type ConfigMap, type ConfigNode } from "../../parse/config";
import type { ReaderContext, ReadResult } from "../index";
import { pinnedVersion } from "../versions";

export const NEMO_REFERENCE = "NVIDIA/NeMo nemo/core/optim/lr_scheduler.py, nemo/core/classes/modelPT.py (main @ 8cfedd72)";

/** Keys `prepare_lr_scheduler` removes from `sched` before passing the rest to the scheduler's constructor. */
const notArguments = new Set(["name", "t_max_epochs", "t_accumulate_grad_batches", "t_limit_train_batches", "t_num_workers", "monitor", "reduce_on_plateau"]);

const warmupKeys = ["warmup_steps", "warmup_ratio", "max_steps", "min_lr", "last_epoch"];
const holdKeys = [...warmupKeys, "hold_steps", "hold_ratio"];
/** The keyword arguments each constructor takes (anything else raises TypeError). */
const accepted: Record<NemoSchedulerName, readonly string[]> = {
  WarmupPolicy: warmupKeys,
  SquareAnnealing: warmupKeys,
  SquareRootAnnealing: warmupKeys,
  WarmupAnnealing: warmupKeys,
  InverseSquareRootAnnealing: warmupKeys,
  PolynomialDecayAnnealing: [...warmupKeys, "power", "cycle"],
  WarmupHoldPolicy: holdKeys,
  WarmupHoldAnnealOneMinusSquareRoot: holdKeys,
  WarmupHoldAnnealLinear: holdKeys,
  NoamHoldAnnealing: [...holdKeys, "decay_rate"],
  PolynomialHoldDecayAnnealing: [...holdKeys, "power", "cycle"],
  CosineAnnealing: ["warmup_steps", "warmup_ratio", "constant_steps", "constant_ratio", "max_steps", "min_lr", "last_epoch"],
  NoamAnnealing: ["d_model", ...warmupKeys],
  T5InverseSquareRootAnnealing: ["constant_steps", "constant_ratio", "max_steps", "min_lr", "last_epoch"],
};

/** Schedulers NeMo registers that this reader does not evaluate. */
const torchSchedulers = new Set(["StepLR", "ExponentialLR", "ReduceLROnPlateau", "CyclicLR"]);

/** A value read from the config, after OmegaConf's `${...}` interpolation. */
interface Read {
  readonly value: string | number | boolean | null;
  readonly node?: ConfigNode;
  /** Where it is written (the referencing site for an interpolation). */
  readonly range?: SourceRange;
  readonly prov?: Value;
}

/**
 * Reads NeMo (1.x, Hydra/OmegaConf) experiment configs: `model.optim` with `lr` and `sched`, and the
 * `trainer` section that gives the training length. `undefined` for YAML without `model.optim` and a
 * `trainer` / `exp_manager` section.
 */
export function readNemo(fileName: string, text: string, context: ReaderContext): ReadResult | undefined {
  if (!/\.ya?ml$/i.test(fileName) || !/optim/.test(text)) return undefined;
  const doc = parseYamlConfig(fileName, text);
  const root = doc.root;
  if (root?.kind !== "map") return undefined;
  const model = entry(root, "model")?.value;
  const optim = entry(model, "optim");
  if (model?.kind !== "map" || optim?.value.kind !== "map") return undefined;
  if (!entry(root, "trainer") && !entry(root, "exp_manager")) return undefined;
  if (!entry(optim.value, "lr") && !entry(optim.value, "sched") && !entry(optim.value, "name")) return undefined;
  const d = describe(fileName, text, root, optim, context);
  return { schedules: [{ ...d, problems: [...doc.problems, ...d.problems] }], problems: [] };
}

/** OmegaConf's interpolation for plain references (`${trainer.max_steps}`, `${.warmup_steps}`), followed to the value. */
class Config {
  readonly problems: Problem[] = [];

  private readonly lines: string[];

  constructor(
    readonly root: ConfigMap,
    text: string,
  ) {
    this.lines = text.split(/\r?\n/);
  }

  /** The source text of a one-line node. */
  textOf(node: ConfigNode): string | undefined {
    const r = node.range;
    return r.startLine === r.endLine ? (this.lines[r.startLine] ?? "").slice(r.startColumn, r.endColumn).trim() : undefined;
  }

  /** A YAML alias `*name` of a scalar anchored `&name value` in the same file (the parser gives aliases no value). */
  private alias(node: ConfigNode & { kind: "scalar" }): string | number | boolean | null {
    const m = /^\*([^\s,\]}]+)$/.exec(this.textOf(node) ?? "");
    if (!m) return node.value;
    const name = m[1]!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    // Greedy up to a comment, trimmed after: a lazy `[^#]*?\s*` backtracked quadratically on long blank runs.
    const anchor = new RegExp(`&${name}[ \t]+([^\\s#][^#]*)(?:#.*)?$`);
    for (const line of this.lines) {
      const a = anchor.exec(line);
      if (a) return resolvePlainScalar(a[1]!.trimEnd()).value;
    }
    return node.value;
  }

  /** The node at `path` (segments from the root), interpolations followed. */
  get(path: readonly string[]): Read | undefined {
    let cur: ConfigNode | undefined = this.root;
    let last: ConfigEntry | undefined;
    for (let i = 0; i < path.length; i++) {
      last = entry(cur, path[i]!);
      if (!last) return undefined;
      cur = this.follow(last.value, path.slice(0, i), 0)?.node;
      if (!cur) return undefined;
    }
    const site = last!.value;
    const target = this.follow(site, path.slice(0, -1), 0);
    if (!target) return { value: null, range: site.range };
    const value = target.node.kind === "scalar" ? (target.node.value === null ? this.alias(target.node) : scalarValue(target.node)) : null;
    if (target.via.length === 0) return { value, node: target.node, range: site.range };
    const text = target.via.join(" → ");
    return { value, node: target.node, range: site.range, prov: typeof value === "number" ? derived(value, text, [literal(value, target.node.range)], site.range) : undefined };
  }

  /** A node with its interpolation resolved; `parent` is the path of the map that holds it. */
  private follow(node: ConfigNode, parent: readonly string[], depth: number): { node: ConfigNode; via: string[] } | undefined {
    if (node.kind !== "scalar" || typeof node.value !== "string" || !node.value.includes("${")) return { node, via: [] };
    const m = /^\$\{([^${}:]+)\}$/.exec(node.value.trim());
    if (!m || depth > 16) {
      this.problems.push({ severity: "warning", code: "interpolation-not-static", message: `${node.value}: only plain references (\${model.x}) are followed here, not resolvers or string interpolation`, range: node.range });
      return undefined;
    }
    const ref = m[1]!.trim();
    let base: string[];
    let rest: string;
    if (ref.startsWith(".")) {
      // `.x`: a sibling; each further dot goes one level up.
      const dots = /^\.+/.exec(ref)![0].length;
      base = parent.slice(0, Math.max(0, parent.length - (dots - 1)));
      rest = ref.slice(dots);
    } else {
      base = [];
      rest = ref;
    }
    const path = [...base, ...rest.split(".").filter((p) => p !== "")];
    let cur: ConfigNode | undefined = this.root;
    for (let i = 0; i < path.length; i++) {
      const e = entry(cur, path[i]!);
      if (!e) {
        this.problems.push({ severity: "error", code: "interpolation-missing", message: `${node.value}: ${path.slice(0, i + 1).join(".")} is not in this file (OmegaConf raises InterpolationKeyError)`, range: node.range });
        return undefined;
      }
      const next = this.follow(e.value, path.slice(0, i), depth + 1);
      if (!next) return undefined;
      cur = next.node;
    }
    return { node: cur, via: [node.value] };
  }
}

/** OmegaConf reads `1e-4` as a float, unlike PyYAML. */
function scalarValue(node: ConfigNode & { kind: "scalar" }): string | number | boolean | null {
  if (node.numberLikeString === true && typeof node.value === "string") return Number(node.value.replace(/_/g, ""));
  return node.value;
}

function describe(fileName: string, text: string, root: ConfigMap, optim: ConfigEntry, context: ReaderContext): ScheduleDescription {
  const cfg = new Config(root, text);
  /** Whether the value at `path` is written as a YAML int (`isinstance(x, int)` after loading). */
  const writtenAsInt = (path: string): boolean => {
    const node = cfg.get(path.split("."))?.node;
    return node !== undefined && /^[-+]?[0-9][0-9_]*$/.test(cfg.textOf(node) ?? "");
  };
  const problems: Problem[] = [];
  const assumptions: Assumption[] = [];
  const values: Record<string, Value> = {};
  const optimMap = optim.value as ConfigMap;
  const pin = pinnedVersion(context.files, fileName, "nemo_toolkit");
  const release = pin ? pin.version.split(".").map((x) => parseInt(x, 10) || 0) : undefined;
  /** Whether the pinned release is older than `major.minor`. */
  const before = (major: number, minor: number): boolean => release !== undefined && (release[0]! < major || (release[0] === major && (release[1] ?? 0) < minor));
  problems.push({ severity: "info", code: "framework-version", message: pin ? `The workspace pins nemo_toolkit ${pin.spec}: following that release's lr_scheduler.py where it differs from ${NEMO_REFERENCE} (WarmupAnnealing before 1.6, sched.max_steps -1 before 1.23, the WarmupHoldAnneal* schedulers only from 2.5).` : `No NeMo version is pinned: following ${NEMO_REFERENCE}.`, range: pin?.range });

  /** A number from the config (`null` where it says null or nothing). */
  const num = (path: string, what: string = path): number | null | undefined => {
    const r = cfg.get(path.split("."));
    if (!r || r.value === null) return null;
    if (typeof r.value === "boolean") {
      values[what] = literal(r.value ? 1 : 0, r.range);
      return r.value ? 1 : 0;
    }
    if (r.value === "???") {
      problems.push({ severity: "error", code: "value-missing", message: `${path}: ??? (OmegaConf's mandatory value) must be given when the run starts (e.g. ${path}=N on the command line); write it in the file to see the curve`, range: r.range });
      return undefined;
    }
    if (typeof r.value !== "number" || !Number.isFinite(r.value)) {
      problems.push({ severity: "error", code: "invalid-value", message: `${path}: ${JSON.stringify(r.value)} is not a number`, range: r.range });
      return undefined;
    }
    values[what] = r.prov ?? literal(r.value, r.range);
    return r.value;
  };
  const rangeOf = (path: string): SourceRange | undefined => cfg.get(path.split("."))?.range;

  const lrRead = num("model.optim.lr", "lr");
  const schedEntry = entry(optimMap, "sched");
  const sched = schedEntry?.value.kind === "map" ? schedEntry.value : undefined;
  const source: SourceRange = schedEntry ? { ...schedEntry.keyRange, endLine: schedEntry.value.range.endLine, endColumn: schedEntry.value.range.endColumn } : optim.keyRange;
  if (lrRead === null) problems.push({ severity: "error", code: "missing-lr", message: "model.optim.lr is not set: setup_optimization needs the learning rate", range: optim.keyRange });

  const nameRead = sched ? cfg.get(["model", "optim", "sched", "name"]) : undefined;
  const schedName = typeof nameRead?.value === "string" ? nameRead.value : undefined;
  let name: NemoSchedulerName | undefined;
  let constant = false;
  if (!sched) {
    constant = true;
    problems.push({ severity: "info", code: "no-scheduler", message: "model.optim has no sched: NeMo builds no scheduler and the LR stays at model.optim.lr", range: optim.keyRange });
  } else if (entry(sched, "args") || entry(sched, "_target_")) {
    problems.push({ severity: "error", code: "unsupported-scheduler", message: "sched.args / sched._target_ (scheduler params dataclasses) are not read here: write the scheduler's arguments in sched itself", range: source });
  } else if (schedName === undefined) {
    problems.push({ severity: "warning", code: "no-scheduler", message: "sched has no name: prepare_lr_scheduler logs a warning and builds no scheduler, so the LR stays at model.optim.lr", range: source });
    constant = true;
  } else if ((NEMO_SCHEDULERS as readonly string[]).includes(schedName) && !(before(2, 5) && schedName.startsWith("WarmupHoldAnneal"))) {
    name = schedName as NemoSchedulerName;
  } else {
    const where = (NEMO_SCHEDULERS as readonly string[]).includes(schedName) ? ` in nemo_toolkit ${pin?.version ?? ""} (added after 2.4)` : "";
    problems.push({ severity: "error", code: "unsupported-scheduler", message: torchSchedulers.has(schedName) ? `sched ${schedName}: a torch scheduler, which this reader does not evaluate` : `sched ${schedName}: not a NeMo scheduler${where} (get_scheduler raises ValueError: Cannot resolve scheduler)`, range: nameRead?.range ?? source });
  }

  // Arguments the constructor would reject.
  if (name && sched) {
    for (const e of sched.entries) {
      if (notArguments.has(e.key) || accepted[name].includes(e.key)) continue;
      problems.push({ severity: "error", code: "invalid-argument", message: `sched.${e.key}: ${name}.__init__() got an unexpected keyword argument '${e.key}' (TypeError)`, range: e.keyRange });
    }
    const last = num("model.optim.sched.last_epoch");
    if (last != null && last !== -1) problems.push({ severity: "error", code: "invalid-argument", message: `sched.last_epoch ${last}: _LRScheduler then needs 'initial_lr' in the optimizer's groups (KeyError) on a fresh run`, range: rangeOf("model.optim.sched.last_epoch") });
  }

  // --- max_steps, as setup_optimization and prepare_lr_scheduler compute it.
  const trainerMaxSteps = num("trainer.max_steps") ?? -1;
  let maxSteps: Value | undefined;
  let total: Value | undefined;
  if (trainerMaxSteps === undefined) {
    // an invalid value, already reported
  } else if (trainerMaxSteps >= 0) {
    maxSteps = values["trainer.max_steps"] ?? frameworkDefault(trainerMaxSteps, "trainer.max_steps");
    if (sched && entry(sched, "max_steps")) problems.push({ severity: "info", code: "max-steps-overridden", message: `setup_optimization replaces sched.max_steps with trainer.max_steps ${trainerMaxSteps}`, range: rangeOf("model.optim.sched.max_steps") });
    total = maxSteps;
    const epochs = num("trainer.max_epochs");
    if (epochs != null && epochs > 0) problems.push({ severity: "info", code: "max-epochs-also", message: `trainer.max_epochs ${epochs}: Lightning also stops after that many epochs, which may come before max_steps ${trainerMaxSteps}`, range: rangeOf("trainer.max_epochs") });
  } else {
    const fromSched = sched ? num("model.optim.sched.max_steps", "sched.max_steps") : null;
    if (fromSched != null && fromSched !== undefined) {
      if (fromSched === -1 && before(1, 23)) {
        // Before 1.23 (7449c672) a -1 was used as it is: max_steps = -1.
        maxSteps = values["sched.max_steps"];
        problems.push({ severity: "warning", code: "max-steps-negative", message: `sched.max_steps -1: nemo_toolkit ${pin?.version ?? ""} builds the scheduler with max_steps = -1, so every step after the warmup is past max_steps (min_lr)`, range: rangeOf("model.optim.sched.max_steps") });
      } else if (fromSched === -1) {
        problems.push({ severity: "warning", code: "no-scheduler", message: "sched.max_steps -1 (with trainer.max_steps unset): prepare_lr_scheduler builds no scheduler, the LR stays at model.optim.lr", range: rangeOf("model.optim.sched.max_steps") });
        constant = true;
      } else if (fromSched < 0) {
        problems.push({ severity: "error", code: "invalid-value", message: `sched.max_steps ${fromSched}: AssertionError (max_steps must be a non-negative integer)`, range: rangeOf("model.optim.sched.max_steps") });
      } else maxSteps = values["sched.max_steps"];
    }
    const negative = maxSteps !== undefined && maxSteps.value < 0;
    if ((maxSteps === undefined || negative) && !problems.some((p) => p.severity === "error") && context.inputs.totalSteps === undefined) {
      // Without a scheduler (or with a negative max_steps) the run's length still comes from the epochs.
      const computed = computeMaxSteps(cfg, num, rangeOf, writtenAsInt("trainer.limit_train_batches"), values, context, problems, assumptions, source);
      if (!constant && !negative) maxSteps = computed;
      total = computed;
    } else total = negative ? undefined : maxSteps;
  }
  if (context.inputs.totalSteps !== undefined) {
    const given = userInput(context.inputs.totalSteps, "--total-steps");
    assumptions.push({ input: "totalSteps", message: `--total-steps ${context.inputs.totalSteps} (given): the run's length in optimizer steps${maxSteps ? "" : ", also the scheduler's max_steps"}`, value: context.inputs.totalSteps });
    if (!maxSteps && !constant) maxSteps = given;
    total = given;
  }

  // --- The scheduler's arguments.
  let args: NemoSchedulerArgs | undefined;
  const arg = (key: string): number | null | undefined => (sched ? num(`model.optim.sched.${key}`, key) : null);
  if (name && maxSteps) {
    const defaultMin = name === "SquareAnnealing" ? 1e-5 : 0.0;
    const minLr = arg("min_lr") ?? defaultMin;
    if (!values["min_lr"]) values["min_lr"] = frameworkDefault(defaultMin, `${name} default min_lr`);
    const power = arg("power") ?? 1.0;
    const decayRate = arg("decay_rate") ?? 0.5;
    const cycleRead = sched ? cfg.get(["model", "optim", "sched", "cycle"]) : undefined;
    const dModel = arg("d_model");
    const [ws, wr, hs, hr, cs, cr] = ["warmup_steps", "warmup_ratio", "hold_steps", "hold_ratio", "constant_steps", "constant_ratio"].map(arg);
    if ([minLr, power, decayRate, dModel, ws, wr, hs, hr, cs, cr].every((x) => x !== undefined)) {
      args = {
        name,
        maxSteps: maxSteps.value,
        warmupSteps: ws!,
        warmupRatio: wr!,
        holdSteps: hs!,
        holdRatio: hr!,
        constantSteps: cs!,
        constantRatio: cr!,
        minLr,
        power,
        cycle: cycleRead?.value === true,
        decayRate,
        dModel: dModel!,
        ...(name === "WarmupAnnealing" && before(1, 6) ? { legacyWarmupAnnealing: true } : {}),
      };
    }
  } else if (constant && total) {
    args = { name: "WarmupPolicy", maxSteps: Infinity, warmupSteps: null, warmupRatio: null, holdSteps: null, holdRatio: null, constantSteps: null, constantRatio: null, minLr: 0, power: 1, cycle: false, decayRate: 0.5, dModel: null };
  }
  problems.push(...cfg.problems);
  const failed = problems.some((p) => p.severity === "error");
  const shown = Object.entries(values).filter(([k]) => !k.startsWith("trainer.") && k !== "lr" && k !== "sched.max_steps" && k !== "last_epoch");
  const program: NemoProgram = {
    family: "nemo",
    scheduler: args ?? { name: "WarmupPolicy", maxSteps: 0, warmupSteps: null, warmupRatio: null, holdSteps: null, holdRatio: null, constantSteps: null, constantRatio: null, minLr: 0, power: 1, cycle: false, decayRate: 0.5, dModel: null },
    summary: args ? [constant ? "no scheduler: constant model.optim.lr" : `${args.name}(${[...shown.map(([k, v]) => `${k}=${v.value}`), `max_steps=${args.maxSteps}`].join(", ")}) stepped per optimizer step`] : [],
  };
  return {
    name: `model.optim.sched ${name ?? schedName ?? "(none)"}`,
    dialect: "nemo",
    unit: "step",
    total: args && !failed ? total : undefined,
    groups: [{ lr: values["lr"] ?? frameworkDefault(NaN, "model.optim.lr (missing)") }],
    program,
    source,
    assumptions,
    problems,
  };
}

/**
 * `trainer.max_steps < 0`: setup_optimization passes `t_max_epochs`, `t_accumulate_grad_batches`,
 * `t_limit_train_batches` and `t_num_workers` (devices × nodes), and prepare_lr_scheduler's
 * `compute_max_steps` makes `ceil(steps_per_epoch / accumulate_grad_batches) × max_epochs` with
 * `steps_per_epoch = (floor if drop_last else ceil)(ceil(num_samples / num_workers) / batch_size)`, limited by
 * `limit_train_batches`. The dataset size (and often the devices) are not in the file.
 */
function computeMaxSteps(
  cfg: Config,
  num: (path: string, what?: string) => number | null | undefined,
  rangeOf: (path: string) => SourceRange | undefined,
  limitIsInt: boolean,
  values: Record<string, Value>,
  context: ReaderContext,
  problems: Problem[],
  assumptions: Assumption[],
  source: SourceRange,
): Value | undefined {
  const inputs = context.inputs;
  const epochsRead = num("trainer.max_epochs");
  if (epochsRead === undefined) return undefined;
  // Lightning: max_epochs None with max_steps -1 → 1000 epochs.
  const epochs = epochsRead ?? 1000;
  const epochsValue = values["trainer.max_epochs"] ?? frameworkDefault(1000, "Lightning Trainer: max_epochs 1000 when neither max_epochs nor max_steps is set");
  if (epochs < 0) {
    problems.push({ severity: "error", code: "infinite-training", message: `trainer.max_epochs ${epochs} with max_steps unset: Lightning trains until stopped and NeMo's max_steps comes out negative; set trainer.max_steps`, range: rangeOf("trainer.max_epochs") });
    return undefined;
  }
  const accumulate = num("trainer.accumulate_grad_batches") ?? 1;
  const limit = num("trainer.limit_train_batches") ?? 1.0;
  if (accumulate === undefined || limit === undefined) return undefined;

  let stepsPerEpoch: number | undefined;
  let how: string;
  const inputsUsed: Value[] = [epochsValue];
  if (inputs.stepsPerEpoch !== undefined) {
    stepsPerEpoch = inputs.stepsPerEpoch;
    how = `${stepsPerEpoch} batches per epoch (given)`;
    inputsUsed.push(userInput(stepsPerEpoch, "--steps-per-epoch"));
    assumptions.push({ input: "stepsPerEpoch", message: `--steps-per-epoch ${stepsPerEpoch} (given): batches per epoch on each rank, before limit_train_batches and gradient accumulation`, value: stepsPerEpoch });
  } else {
    const batch = num("model.train_ds.batch_size");
    const dropRead = num("model.train_ds.drop_last");
    // `devices` may be "auto", a list or -1 (every GPU): only a positive count is used.
    const devicesRead = cfg.get(["trainer", "devices"])?.value;
    const nodes = num("trainer.num_nodes") ?? 1;
    let devices: number | undefined = inputs.devices;
    if (devices !== undefined) assumptions.push({ input: "devices", message: `--devices ${devices} (given): data-parallel ranks (devices × nodes)`, value: devices });
    else if (typeof devicesRead === "number" && devicesRead > 0 && typeof nodes === "number") devices = devicesRead * nodes;
    else assumptions.push({ input: "devices", message: `trainer.devices ${devicesRead === null || devicesRead === undefined ? "is not set" : devicesRead === -1 ? "-1 (every GPU)" : `${JSON.stringify(devicesRead)} is not a count`}: give the data-parallel ranks (devices × nodes, divided by the model-parallel size)`, range: rangeOf("trainer.devices") ?? source });
    if (inputs.datasetSize === undefined) assumptions.push({ input: "datasetSize", message: "trainer.max_steps is not set, so NeMo computes the scheduler's max_steps from max_epochs and len(train_dataloader.dataset): give the number of training samples", range: rangeOf("trainer.max_epochs") ?? source });
    if (batch == null) assumptions.push({ input: "stepsPerEpoch", message: "model.train_ds.batch_size is not set: give the batches per epoch", range: rangeOf("model.train_ds") ?? source });
    if (inputs.datasetSize === undefined || batch == null || devices === undefined || typeof dropRead === "undefined") return undefined;
    const dropLast = dropRead === 1;
    const samples = Math.ceil(inputs.datasetSize / Math.max(1, devices));
    stepsPerEpoch = dropLast ? Math.floor(samples / batch) : Math.ceil(samples / batch);
    how = `${dropLast ? "floor" : "ceil"}(ceil(${inputs.datasetSize} samples / ${devices} ranks) / batch ${batch})`;
    inputsUsed.push(userInput(inputs.datasetSize, "--dataset-size"));
    if (values["model.train_ds.batch_size"]) inputsUsed.push(values["model.train_ds.batch_size"]);
    assumptions.push({ input: "datasetSize", message: `--dataset-size ${inputs.datasetSize} (given): ${stepsPerEpoch} batches per epoch on each rank`, value: inputs.datasetSize });
  }
  if (limitIsInt || limit === 0) stepsPerEpoch = Math.min(stepsPerEpoch, Math.trunc(limit));
  else stepsPerEpoch = Math.trunc(stepsPerEpoch * limit);
  if (limit !== 1.0) how += `, limit_train_batches ${limit}`;
  const maxSteps = Math.ceil(stepsPerEpoch / accumulate) * epochs;
  return derived(maxSteps, `compute_max_steps: ceil(${how} → ${stepsPerEpoch} / accumulate_grad_batches ${accumulate}) × max_epochs ${epochs}`, inputsUsed, rangeOf("trainer.max_epochs"));
}
