import type { Assumption, Problem } from "../../core/problem";
import type { SourceRange } from "../../core/range";
import type { ScalingRule, ScheduleDescription, Unit } from "../../core/schedule";
import { cycleLength } from "../../core/timm/cycles";
import { pyFloorDiv } from "../../core/timm/pymath";
import type { TimmNoise, TimmProgram, TimmSchedulerKind, TimmWarmup } from "../../core/timm/spec";
import { derived, frameworkDefault, literal, userInput, type Value } from "../../core/value";
import { entry, parseYamlConfig, type ConfigDocument, type ConfigMap } from "../../parse/config";
import type { Inputs, ReaderContext, ReadResult } from "../index";
import { dirname, joinPath } from "../paths";
import { TrainArgs } from "./args";
import { parseTrainArgv, type Setting } from "./argv";
import { optionOfDest, scheduleOptions, TIMM_REFERENCE } from "./options";
import { pyRepr } from "./pyvalue";
import { parseShell, type ShellCommand, type ShellWord } from "./shell";
import { isTimmArgsYaml } from "./sniff";

/** How train.py was launched, as far as the file says: the world size, and where. */
interface Launch {
  /** Processes (world size) the launch line starts; absent when it cannot be read. */
  readonly devices?: Value;
  /** Why the world size cannot be read (`--nproc_per_node=$NUM_GPUS`). */
  readonly devicesUnknown?: { readonly reason: string; readonly range: SourceRange };
  readonly range: SourceRange;
  readonly scriptArgs?: SourceRange;
}

/**
 * Reads timm train.py runs: an `args.yaml` (written by train.py, or given with `--config`), or the train.py
 * command lines of a shell script. `undefined` when the file is neither (a YAML of another tool, a script
 * that does not run timm's train.py).
 */
export function readTimm(fileName: string, text: string, context: ReaderContext): ReadResult | undefined {
  if (/\.ya?ml$/i.test(fileName)) {
    const doc = parseYamlConfig(fileName, text);
    if (doc.root?.kind !== "map" || !isTimmArgsYaml(doc.root)) return undefined;
    const problems: Problem[] = [...doc.problems];
    const settings = yamlSettings(doc.root, problems);
    const sched = entry(doc.root, "sched");
    const source = sched ? { ...sched.keyRange, endLine: sched.value.range.endLine, endColumn: sched.value.range.endColumn } : { ...doc.root.range, endLine: doc.root.range.startLine, endColumn: doc.root.range.startColumn };
    return { schedules: [describeRun(settings, undefined, context.inputs, source, problems)], problems: [] };
  }
  if (/\.(?:sh|bash)$/i.test(fileName)) return readScript(fileName, text, context);
  return undefined;
}

function readScript(fileName: string, text: string, context: ReaderContext): ReadResult | undefined {
  const schedules: ScheduleDescription[] = [];
  for (const command of parseShell(fileName, text)) {
    const run = trainCommand(command);
    if (!run) continue;
    // A train.py of the workspace that is not timm's (never mentions timm) is the launch reader's (src/dialects/launch).
    const script = run.viaTimmScript ? undefined : command.words.find((w) => w.text === "train.py" || w.text.endsWith("/train.py"));
    const own = script && !script.text.startsWith("/") ? context.files.read(joinPath(dirname(fileName), script.text)) : undefined;
    if (own !== undefined && !/\btimm\b/.test(own)) continue;
    const parsed = parseTrainArgv(run.args);
    const problems: Problem[] = [...parsed.problems];
    let settings = new Map<string, Setting>();
    const path = parsed.config?.text ?? "";
    const candidates = path.startsWith("/") ? [path] : [joinPath(dirname(fileName), path), path];
    const found = !parsed.config || parsed.config.dynamic ? undefined : candidates.map((p) => ({ p, text: context.files.read(p) })).find((c) => c.text !== undefined);
    const configDoc = found ? parseYamlConfig(found.p, found.text!) : undefined;
    const timmConfig = configDoc?.root?.kind === "map" && isTimmArgsYaml(configDoc.root);
    if (!run.viaTimmScript && !timmConfig && !looksLikeTimm(parsed.recognised, parsed.unknown.length)) continue;
    if (parsed.config) {
      if (!found || !configDoc) {
        problems.push({ severity: "error", code: "config-not-found", message: parsed.config.dynamic ? `--config ${parsed.config.dynamic}: the shell names the config file when the script runs; the schedule it sets cannot be read` : `--config ${path}: the file is not in the workspace, so the schedule it sets cannot be read`, range: parsed.config.range });
      } else {
        const doc: ConfigDocument = configDoc;
        problems.push(...doc.problems);
        if (doc.root?.kind === "map") settings = yamlSettings(doc.root, problems);
        else if (doc.root) problems.push({ severity: "error", code: "invalid-config", message: `--config ${path}: train.py passes it to parser.set_defaults(**cfg), which needs a mapping`, range: parsed.config.range });
      }
    }
    for (const [dest, s] of parsed.settings) settings.set(dest, s);
    for (const w of parsed.unknown) problems.push({ severity: "warning", code: "unknown-option", message: `${w.text} is not an option of timm's train.py (${TIMM_REFERENCE}): argparse would stop with "unrecognized arguments"; ignored here (a modified train.py?)`, range: w.range });
    if (parsed.scriptArgs) problems.push({ severity: "info", code: "script-arguments", message: `train.py also gets this script's own arguments ("$@"): the curve shows what the line itself sets, with train.py's defaults for the rest`, range: parsed.scriptArgs });
    const launch: Launch = { ...run.launch, ...(parsed.scriptArgs ? { scriptArgs: parsed.scriptArgs } : {}) };
    const schedule = describeRun(settings, launch, context.inputs, run.trainRange, problems);
    schedules.push(schedule);
  }
  return schedules.length > 0 ? { schedules, problems: [] } : undefined;
}

/** A train.py command with a timm launcher around it, or undefined. */
function trainCommand(command: ShellCommand): { args: ShellWord[]; launch: Launch; trainRange: SourceRange; viaTimmScript: boolean } | undefined {
  const words = command.words;
  const base = (w: ShellWord): string => w.text.slice(w.text.lastIndexOf("/") + 1);
  const trainAt = words.findIndex((w) => base(w) === "train.py");
  const scriptAt = words.findIndex((w) => base(w) === "distributed_train.sh");
  if (scriptAt >= 0 && (trainAt < 0 || scriptAt < trainAt)) {
    // timm's distributed_train.sh: `NUM_PROC=$1; shift; torchrun --nproc_per_node=$NUM_PROC train.py "$@"`.
    const n = words[scriptAt + 1];
    const launch: Launch = !n
      ? { range: command.range, devicesUnknown: { reason: "distributed_train.sh is given no process count", range: words[scriptAt]!.range } }
      : n.dynamic || !/^\d+$/.test(n.text)
        ? { range: command.range, devicesUnknown: { reason: `distributed_train.sh ${n.dynamic ?? n.text}: the process count is not a number the file says`, range: n.range } }
        : { range: command.range, devices: derived(Number(n.text), `distributed_train.sh ${n.text} (torchrun --nproc_per_node=${n.text})`, [literal(Number(n.text), n.range)], n.range) };
    return { args: words.slice(scriptAt + 2), launch, trainRange: command.range, viaTimmScript: true };
  }
  if (trainAt < 0) return undefined;
  const before = words.slice(0, trainAt);
  const launcher = before.findIndex((w) => /^(?:torchrun|torch\.distributed\.(?:launch|run))$/.test(base(w)) || w.text === "torch.distributed.launch" || w.text === "torch.distributed.run");
  let launch: Launch;
  if (launcher < 0) {
    const single = before.length === 0 || before.every((w) => /^(?:python[\d.]*|.*\/python[\d.]*|-u|-O|-B|CUDA_VISIBLE_DEVICES=.*)$/.test(w.text));
    launch = single
      ? { range: command.range, devices: derived(1, `one process (${[...before, words[trainAt]!].map((w) => w.text).join(" ")})`, [], words[trainAt]!.range) }
      : { range: command.range, devicesUnknown: { reason: `${before.map((w) => w.text).join(" ")} starts train.py: how many processes it runs is not written here`, range: before[0]!.range } };
  } else {
    const flag = (names: readonly string[]): ShellWord | undefined | "missing" => {
      let found: ShellWord | undefined | "missing";
      for (let k = launcher + 1; k < before.length; k++) {
        const w = before[k]!;
        const eq = w.text.indexOf("=");
        const name = eq > 0 ? w.text.slice(0, eq) : w.text;
        if (!names.includes(name)) continue;
        found = eq > 0 ? { ...w, text: w.text.slice(eq + 1) } : (before[k + 1] ?? "missing");
      }
      return found;
    };
    const nproc = flag(["--nproc_per_node", "--nproc-per-node"]);
    const nnodes = flag(["--nnodes"]);
    const read = (w: ShellWord | undefined | "missing", what: string): Value | { reason: string; range: SourceRange } | undefined => {
      if (w === undefined) return undefined;
      if (w === "missing") return { reason: `${what} has no value`, range: command.range };
      if (w.dynamic) return { reason: `${what} ${w.dynamic}: set by the shell when the script runs`, range: w.range };
      if (!/^\d+$/.test(w.text)) return { reason: `${what} ${w.text}: not a fixed number of processes`, range: w.range };
      return literal(Number(w.text), w.range);
    };
    const p = read(nproc, "--nproc_per_node") ?? frameworkDefault(1, "torchrun default of --nproc_per_node");
    const m = read(nnodes, "--nnodes") ?? frameworkDefault(1, "torchrun default of --nnodes");
    if ("reason" in p) launch = { range: command.range, devicesUnknown: p };
    else if ("reason" in m) launch = { range: command.range, devicesUnknown: m };
    else launch = { range: command.range, devices: m.value === 1 && m.origin.kind === "default" ? p : derived(p.value * m.value, `--nproc_per_node ${p.value} × --nnodes ${m.value}`, [p, m], p.range) };
  }
  return { args: words.slice(trainAt + 1), launch, trainRange: { ...words[trainAt]!.range, endLine: command.range.endLine, endColumn: command.range.endColumn }, viaTimmScript: false };
}

/** A train.py of timm, not another project's (YOLOv5's train.py takes `--weights`, `--img`...). */
function looksLikeTimm(recognised: readonly string[], unknown: number): boolean {
  const signature = ["--model", "--sched", "--lr-base", "--warmup-lr", "--decay-epochs", "--decay-rate", "--opt", "--model-ema", "--aa", "--reprob", "--remode", "--warmup-epochs", "--cooldown-epochs", "--lr-cycle-limit", "--sched-on-updates", "--smoothing", "--drop-path", "--data-dir", "--opt-eps", "--min-lr", "--lr-noise"];
  const hits = recognised.filter((f) => signature.includes(f)).length;
  return hits >= 1 && recognised.length > unknown;
}

function yamlSettings(root: ConfigMap, problems: Problem[]): Map<string, Setting> {
  const settings = new Map<string, Setting>();
  for (const e of root.entries) {
    const value = plainValue(e.value);
    settings.set(e.key, { value, range: e.value.range, keyRange: { ...e.keyRange, endLine: e.value.range.endLine, endColumn: e.value.range.endColumn }, from: "yaml" });
    const dest = e.key.replace(/-/g, "_");
    if (dest !== e.key && (optionOfDest(dest) || scheduleOptions.has(dest))) problems.push({ severity: "warning", code: "dashed-key", message: `${e.key}: train.py's set_defaults(**cfg) only knows the attribute ${dest}; this key is ignored and ${dest} keeps its default`, range: e.keyRange });
  }
  return settings;
}

function plainValue(node: ConfigMap["entries"][number]["value"]): unknown {
  if (node.kind === "scalar") return node.value;
  if (node.kind === "seq") return node.items.map(plainValue);
  return Object.fromEntries(node.entries.map((e) => [e.key, plainValue(e.value)]));
}

const knownScheds = ["cosine", "tanh", "step", "multistep", "plateau", "poly"] as const;

/**
 * The schedule of one train.py run: the LR train.py resolves, the scheduler `create_scheduler_v2` builds from
 * `scheduler_kwargs(args)`, and the length train.py runs (`num_epochs` the factory returns).
 */
function describeRun(settings: ReadonlyMap<string, Setting>, launch: Launch | undefined, inputs: Inputs, source: SourceRange, problems: Problem[]): ScheduleDescription {
  const args = new TrainArgs(settings, problems);
  const assumptions: Assumption[] = [];
  const sched = args.str("sched");
  const model = args.str("model");
  const name = `${model.value} ${sched.value}`;
  const onUpdates = args.bool("sched_on_updates");
  const unit: Unit = onUpdates.value ? "step" : "epoch";

  // --- The learning rate (train.py main(): `if not args.lr:` lr from lr_base and the global batch).
  const lrSet = args.optionalNum("lr");
  let lr: Value;
  let scaling: ScalingRule | undefined;
  const devicesValue = (): Value => {
    if (inputs.devices !== undefined) {
      const v = userInput(inputs.devices, "--devices");
      assumptions.push({ input: "devices", message: `--devices ${inputs.devices} (given): world size ${inputs.devices}`, value: inputs.devices });
      return v;
    }
    if (launch?.devices) return launch.devices;
    const why = launch?.devicesUnknown;
    assumptions.push({ input: "devices", message: `${why ? why.reason : "The world size (processes × nodes) is not in this file"}: 1 process assumed for the global batch; pass --devices N`, value: 1, range: why?.range ?? args.range("batch_size") ?? args.range("lr_base") });
    return frameworkDefault(1, "world size 1 (assumed)");
  };
  if (lrSet.value !== null && lrSet.value !== 0) {
    lr = lrSet as Value;
  } else {
    const batch = args.num("batch_size");
    const accumRaw = args.num("grad_accum_steps");
    const accum = accumRaw.value >= 1 ? accumRaw : derived(1, `max(1, grad_accum_steps ${accumRaw.value})`, [accumRaw]);
    const lrBase = args.num("lr_base");
    const baseSize = args.num("lr_base_size");
    const scaleSet = args.str("lr_base_scale");
    const opt = args.str("opt");
    const world = devicesValue();
    const rule: "linear" | "sqrt" = scaleSet.value ? (scaleSet.value === "sqrt" ? "sqrt" : "linear") : /ada|lamb/.test(opt.value.toLowerCase()) ? "sqrt" : "linear";
    if (args.has("train_img_sizes") && args.value("train_img_sizes").value !== null) problems.push({ severity: "warning", code: "scheduled-batch", message: "With --train-img-sizes train.py scales lr_base by the scheduled sampler's average batch size, which depends on the dataset: batch_size is used here", range: args.range("train_img_sizes") });
    // global_batch_size = batch_size_reference * world_size * grad_accum_steps; batch_ratio = global / lr_base_size
    const global = batch.value * world.value * accum.value;
    const globalBatch = derived(global, `batch_size ${batch.value} × world size ${world.value} × grad_accum_steps ${accum.value}`, [batch, world, accum]);
    let ratio = global / baseSize.value;
    if (rule === "sqrt") ratio = Math.pow(ratio, 0.5);
    const value = lrBase.value * ratio;
    const why = scaleSet.value ? `lr_base_scale ${scaleSet.value}` : `${rule}: opt ${opt.value}${rule === "sqrt" ? " is an ada*/lamb optimizer" : ""}`;
    lr = derived(value, rule === "sqrt" ? `lr_base ${lrBase.value} × sqrt(${global} / ${baseSize.value}) (${why})` : `lr_base ${lrBase.value} × ${global} / ${baseSize.value} (${why})`, [lrBase, globalBatch, baseSize], lrSet.range ?? lrBase.range);
    scaling = { rule, referenceLr: lrBase, referenceBatch: baseSize, globalBatch };
  }

  // --- scheduler_kwargs(args) → create_scheduler_v2 (timm/scheduler/scheduler_factory.py).
  const epochs = args.num("epochs");
  const warmupEpochs = args.num("warmup_epochs");
  const cooldownEpochs = args.num("cooldown_epochs");
  const warmupPrefix = args.bool("warmup_prefix");
  const warmupLr = args.num("warmup_lr");
  const minLr = args.num("min_lr");
  const decayRate = args.num("decay_rate");
  let stepsPerEpoch: Value | undefined;
  if (onUpdates.value) {
    if (inputs.stepsPerEpoch !== undefined) {
      stepsPerEpoch = userInput(inputs.stepsPerEpoch, "--steps-per-epoch");
      assumptions.push({ input: "stepsPerEpoch", message: `--steps-per-epoch ${inputs.stepsPerEpoch} (given): optimizer updates per epoch`, value: inputs.stepsPerEpoch });
      if (inputs.stepsPerEpoch === 0) problems.push({ severity: "error", code: "invalid-argument", message: "create_scheduler_v2: assert updates_per_epoch > 0 fails ('updates_per_epoch must be set to number of dataloader batches')" });
    } else {
      assumptions.push({ input: "stepsPerEpoch", message: "sched_on_updates steps the schedule per optimizer update: the updates per epoch (batches per epoch / grad_accum_steps, rounded up) depend on the dataset", range: args.range("sched_on_updates") });
    }
  }
  const upe = stepsPerEpoch?.value ?? 1;
  const inTicks = (v: Value, what: string): Value => (onUpdates.value && stepsPerEpoch ? derived(v.value * upe, `${what} ${v.value} × ${upe} updates per epoch`, [v, stepsPerEpoch], v.range) : v);
  const tInitial = inTicks(epochs, "epochs");
  const warmupT = inTicks(warmupEpochs, "warmup_epochs");
  const cooldownT = inTicks(cooldownEpochs, "cooldown_epochs");
  const warmup: TimmWarmup = { warmupT: warmupT.value, warmupLrInit: warmupLr.value, warmupPrefix: warmupPrefix.value };
  const cycles = { cycleMul: args.num("lr_cycle_mul").value, cycleDecay: args.num("lr_cycle_decay").value, cycleLimit: args.num("lr_cycle_limit").value };
  const kDecay = args.num("lr_k_decay").value;
  const programArgs: Record<string, Value> = { lr, t_initial: tInitial, warmup_t: warmupT, warmup_lr_init: warmupLr, lr_min: minLr };
  const schedRange = args.range("sched");

  let kind: TimmSchedulerKind;
  switch (sched.value) {
    case "cosine":
      kind = { kind: "cosine", tInitial: tInitial.value, lrMin: minLr.value, kDecay, ...cycles };
      break;
    case "tanh":
      kind = { kind: "tanh", tInitial: tInitial.value, lrMin: minLr.value, lb: -7, ub: 3, ...cycles };
      break;
    case "poly":
      kind = { kind: "poly", tInitial: tInitial.value, lrMin: minLr.value, power: decayRate.value, kDecay, ...cycles };
      programArgs.power = decayRate;
      break;
    case "step": {
      const decayEpochs = args.num("decay_epochs");
      const decayT = inTicks(decayEpochs, "decay_epochs");
      kind = { kind: "step", decayT: decayT.value, decayRate: decayRate.value };
      Object.assign(programArgs, { decay_t: decayT, decay_rate: decayRate });
      break;
    }
    case "multistep": {
      const milestones = args.value<unknown>("decay_milestones");
      const list = Array.isArray(milestones.value) ? (milestones.value as unknown[]) : undefined;
      if (!list || list.some((m) => typeof m !== "number")) {
        problems.push({ severity: "error", code: "invalid-value", message: `decay_milestones is ${pyRepr(milestones.value)}: MultiStepLRScheduler needs a list of numbers (bisect_right raises TypeError)`, range: args.range("decay_milestones") });
        kind = { kind: "multistep", decayT: [], decayRate: decayRate.value };
      } else {
        const ms = (list as number[]).map((m) => (onUpdates.value ? m * upe : m));
        if (ms.some((m, i) => i > 0 && m < ms[i - 1]!)) problems.push({ severity: "warning", code: "unsorted-milestones", message: "decay_milestones are not increasing: timm's bisect_right assumes a sorted list, so the decays come where its search lands", range: args.range("decay_milestones") });
        kind = { kind: "multistep", decayT: ms, decayRate: decayRate.value };
      }
      Object.assign(programArgs, { decay_rate: decayRate });
      break;
    }
    case "plateau": {
      if (onUpdates.value) problems.push({ severity: "error", code: "invalid-argument", message: "create_scheduler_v2: assert step_on_epochs fails ('Plateau LR only supports step per epoch.')", range: args.range("sched_on_updates") });
      const patience = args.num("patience_epochs");
      const metric = args.str("eval_metric");
      kind = { kind: "plateau", decayRate: decayRate.value, patienceT: patience.value, lrMin: minLr.value, mode: metric.value.includes("loss") ? "min" : "max" };
      programArgs.patience_t = patience;
      problems.push({ severity: "info", code: "plateau-metric", message: `sched plateau: after warmup the LR is multiplied by decay_rate ${decayRate.value} whenever ${metric.value} has not improved for ${patience.value} epochs — that depends on the validation results, so the curve holds the LR flat`, range: schedRange });
      break;
    }
    default:
      kind = { kind: "none" };
      if (sched.value === "none") problems.push({ severity: "warning", code: "no-scheduler", message: `sched none: create_scheduler_v2 returns no scheduler, so the LR stays ${lr.value}; train.py (${TIMM_REFERENCE}) then fails logging lr_scheduler.t_in_epochs (AttributeError) — older releases ran it with a constant LR`, range: schedRange });
      else problems.push({ severity: "error", code: "unknown-scheduler", message: `sched ${pyRepr(sched.value)} is not a timm scheduler (${knownScheds.join(", ")}, none): create_scheduler_v2 would build none`, range: schedRange });
  }

  // Noise (`lr_noise`: on/off fractions of t_initial): random, so left out of the curve and said so.
  let noise: TimmNoise | undefined;
  const noiseSet = args.value<unknown>("lr_noise");
  if (noiseSet.value !== null && kind.kind !== "none") {
    const fractions = Array.isArray(noiseSet.value) ? (noiseSet.value as number[]) : [noiseSet.value as number];
    const scaled = fractions.map((f) => f * tInitial.value);
    const rangeT: number | [number, number] = !Array.isArray(noiseSet.value) || scaled.length === 1 ? scaled[0]! : [scaled[0]!, scaled[1]!];
    const pct = args.num("lr_noise_pct").value;
    noise = { rangeT, pct, std: args.num("lr_noise_std").value, seed: args.num("seed").value };
    const window = typeof rangeT === "number" ? `from ${unit} ${rangeT}` : `during ${unit}s [${rangeT[0]}, ${rangeT[1]})`;
    problems.push({ severity: "warning", code: "lr-noise", message: `lr_noise: ${window} every step multiplies the LR by (1 + n), n random in (−${pct}, ${pct}) (torch generator seeded with seed ${noise.seed} + t); the curve shows the LR without noise, so the real one lies within ±${pct * 100}% of it there`, range: args.range("lr_noise") });
  }

  // --- Length: create_scheduler_v2's num_epochs; train.py runs `for epoch in range(start_epoch, num_epochs)`.
  let total: Value | undefined;
  let numEpochs: Value;
  const cycleKind = kind.kind === "cosine" || kind.kind === "tanh" || kind.kind === "poly";
  if (cycleKind) {
    const cyc = cycleLength(tInitial.value, cycles, warmup);
    const withCooldown = cyc + cooldownT.value;
    const parts = [`${cycles.cycleLimit > 1 ? `${cycles.cycleLimit} cycles of ` : ""}epochs ${epochs.value}`, warmupPrefix.value ? `warmup_epochs ${warmupEpochs.value} (warmup_prefix)` : "", cooldownEpochs.value ? `cooldown_epochs ${cooldownEpochs.value}` : ""].filter(Boolean);
    const inputsOf = [epochs, warmupEpochs, cooldownEpochs];
    if (onUpdates.value && stepsPerEpoch) {
      numEpochs = derived(pyFloorDiv(withCooldown, upe), `(${parts.join(" + ")}) in updates // ${upe}`, inputsOf);
    } else numEpochs = parts.length > 1 || cycles.cycleLimit > 1 ? derived(withCooldown, parts.join(" + "), inputsOf, epochs.range) : epochs;
  } else {
    numEpochs = warmupPrefix.value ? derived(epochs.value + warmupEpochs.value, `epochs ${epochs.value} + warmup_epochs ${warmupEpochs.value} (warmup_prefix)`, [epochs, warmupEpochs], epochs.range) : epochs;
    if (cooldownEpochs.value && args.has("cooldown_epochs") && kind.kind !== "none") problems.push({ severity: "info", code: "cooldown-unused", message: `cooldown_epochs ${cooldownEpochs.value} only lengthens cycle-based schedules (cosine, tanh, poly): the ${kind.kind} schedule runs ${numEpochs.value} epochs`, range: args.range("cooldown_epochs") });
  }
  if (!Number.isInteger(numEpochs.value) || numEpochs.value < 0) {
    problems.push({ severity: "error", code: "invalid-value", message: `train.py runs range(start_epoch, ${numEpochs.value}): ${Number.isInteger(numEpochs.value) ? "a negative number of epochs" : "TypeError, the epoch count is not an int"}`, range: args.range("epochs") });
  } else if (!onUpdates.value) total = numEpochs;
  else if (stepsPerEpoch) total = derived(numEpochs.value * upe, `${numEpochs.value} epochs × ${upe} updates per epoch`, [numEpochs, stepsPerEpoch], numEpochs.range);
  if (inputs.totalSteps !== undefined) {
    if (unit === "step") {
      total = userInput(inputs.totalSteps, "--total-steps");
      assumptions.push({ input: "totalSteps", message: `--total-steps ${inputs.totalSteps} (given): the run's length in updates`, value: inputs.totalSteps });
    } else problems.push({ severity: "info", code: "total-steps-ignored", message: "--total-steps is ignored: this schedule steps once per epoch (sched_on_updates is off)" });
  }

  const startEpoch = args.optionalNum("start_epoch");
  if (startEpoch.value !== null && startEpoch.value > 0) problems.push({ severity: "info", code: "start-epoch", message: `start_epoch ${startEpoch.value}: the run resumes there (the scheduler is stepped to it first); the curve shows the whole schedule from epoch 0`, range: args.range("start_epoch") });
  const layerDecay = args.optionalNum("layer_decay");
  if (layerDecay.value !== null) problems.push({ severity: "info", code: "layer-decay", message: `layer_decay ${layerDecay.value}: each layer's param group gets this LR × its lr_scale (layer_decay ** depth), which depends on the model: the curve is the unscaled LR`, range: args.range("layer_decay") });

  const failed = problems.some((p) => p.severity === "error");
  const program: TimmProgram = { family: "timm", scheduler: kind, warmup, tInEpochs: !onUpdates.value, ...(noise ? { noise } : {}), args: programArgs, range: source };
  return {
    name,
    dialect: "timm",
    unit,
    total: failed ? undefined : total,
    epochs: numEpochs,
    ...(stepsPerEpoch ? { stepsPerEpoch } : {}),
    groups: [{ lr }],
    ...(scaling ? { scaling } : {}),
    program,
    source,
    assumptions,
    problems,
  };
}
