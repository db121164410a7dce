import type { Assumption, Problem } from "../../core/problem";
import type { SourceRange } from "../../core/range";
import type { ParamGroup, ScheduleDescription } from "../../core/schedule";
import type { UltralyticsGroupRole, UltralyticsProgram } from "../../core/ultralytics/spec";
import { derived, frameworkDefault, literal, userInput, type Value } from "../../core/value";
import type { Inputs, WorkspaceFiles } from "../index";
import { datasetClasses, TASK_DATA } from "./datasets";
import { DEFAULT_CFG, ULTRALYTICS_DEFAULTS, type Setting, type Settings } from "./settings";
import { followedRelease, type UltralyticsSemantics } from "./version";

export interface RunContext {
  readonly entry: string;
  readonly files: WorkspaceFiles;
  readonly inputs: Inputs;
  /** Where the run is written: the `.train(...)` call, the `yolo train` line, the YAML's first key. */
  readonly source: SourceRange;
  /** What the user calls it (`yolo11n.pt train`). */
  readonly name: string;
  /** The model's task where the file says it (`classify` for `yolo11n-cls.pt`). */
  readonly task?: string;
  /** Problems found while collecting the settings (a `**kwargs` spread...). */
  readonly problems?: readonly Problem[];
}

const adamFamily = new Set(["Adam", "Adamax", "AdamW", "NAdam", "RAdam"]);

/** Python's `round(x, n)` for a float: correctly rounded on the exact binary value, exact ties to even. */
export function pyRoundDigits(x: number, n: number): number {
  const fixed = x.toFixed(n);
  const exact = Math.abs(x).toFixed(100);
  const dot = exact.indexOf(".");
  const rest = exact.slice(dot + 1 + n);
  if (/^50*$/.test(rest)) {
    // An exact tie: toFixed took the larger magnitude; Python keeps the even last digit.
    const down = (Math.sign(x) * Number(exact.slice(0, dot + 1 + n))).toFixed(n);
    const lastDigit = Number(down[down.length - 1]);
    return Number(lastDigit % 2 === 0 ? down : fixed);
  }
  return Number(fixed);
}

/**
 * The schedule of one Ultralytics training run from its train arguments (what `get_cfg(DEFAULT_CFG,
 * overrides)` makes of them): the optimizer `build_optimizer` builds (with `optimizer: auto`'s own choice),
 * `LambdaLR(lf)` stepped per epoch and the per-iteration warmup, over `epochs × len(train_loader)` iterations.
 */
export function describeRun(settings: Settings, ctx: RunContext): ScheduleDescription {
  const problems: Problem[] = [...(ctx.problems ?? [])];
  const assumptions: Assumption[] = [];
  const sem = followedRelease(ctx.files, ctx.entry, problems);
  const get = (key: string): Setting | undefined => settings.get(key);
  const rangeOf = (key: string): SourceRange | undefined => get(key)?.range;

  /** A setting as Python holds it, or the default of default.yaml. */
  const raw = (key: string): { value: Setting["value"]; set: boolean } => {
    const s = get(key);
    if (s) return { value: s.value, set: true };
    let d = ULTRALYTICS_DEFAULTS[key];
    if (key === "optimizer" && !sem.hasAuto) d = "SGD";
    return { value: d ?? null, set: false };
  };
  const unknownSetting = (key: string): boolean => {
    const s = get(key);
    if (s && s.value === undefined) {
      problems.push({ severity: "error", code: "value-not-static", message: `${key}: ${s.unknown ?? "the value cannot be read without running the file"}`, range: s.range });
      return true;
    }
    return false;
  };
  const num = (key: string): Value => {
    const s = get(key);
    if (s && !unknownSetting(key)) {
      if (typeof s.value === "number") return s.prov ?? literal(s.value, s.range);
      if (typeof s.value === "boolean") return literal(s.value ? 1 : 0, s.range);
      problems.push({ severity: "error", code: "invalid-value", message: `${key} is ${JSON.stringify(s.value)}: the trainer needs a number here`, range: s.range });
    }
    const d = ULTRALYTICS_DEFAULTS[key];
    return frameworkDefault(typeof d === "number" ? d : 0, `${DEFAULT_CFG} ${key}: ${String(d)}`);
  };
  const bool = (key: string): boolean => {
    const s = get(key);
    if (s && !unknownSetting(key)) return s.value !== null && s.value !== false && s.value !== 0 && s.value !== "";
    return ULTRALYTICS_DEFAULTS[key] === true;
  };

  // --- epochs: `self.epochs = self.args.epochs or 100`.
  let epochs = num("epochs");
  if (!(epochs.value > 0) && get("epochs")?.value !== undefined) epochs = derived(100, `epochs ${String(get("epochs")?.value)} or 100`, [epochs], rangeOf("epochs"));
  if (!Number.isInteger(epochs.value)) problems.push({ severity: "error", code: "invalid-value", message: `epochs ${epochs.value}: the trainer runs whole epochs (an int)`, range: rangeOf("epochs") });
  const time = raw("time");
  if (time.set && typeof time.value === "number" && time.value > 0) problems.push({ severity: "warning", code: "timed-training", message: `time ${time.value}: the trainer re-estimates epochs after every epoch from the measured epoch time (ceil(time × 3600 / mean epoch time)) and rebuilds the schedule for it; the curve uses epochs ${epochs.value}`, range: rangeOf("time") });
  if (bool("resume")) problems.push({ severity: "info", code: "resume", message: "resume: the run continues from the last checkpoint's epoch with that checkpoint's arguments; the curve shows the whole schedule from epoch 0", range: rangeOf("resume") });

  const lrf = num("lrf");
  const cosLr = bool("cos_lr");
  const warmupEpochs = num("warmup_epochs");
  const warmupMomentum = num("warmup_momentum");
  const momentumArg = num("momentum");
  const nbs = num("nbs");
  const batchRaw = raw("batch");
  const batch: Value | undefined = typeof batchRaw.value === "number" && batchRaw.value >= 1 ? (get("batch")?.prov ?? (batchRaw.set ? literal(batchRaw.value, rangeOf("batch")) : frameworkDefault(batchRaw.value, `${DEFAULT_CFG} batch: 16`))) : undefined;
  if (!batch && !unknownSetting("batch")) problems.push({ severity: "info", code: "autobatch", message: `batch ${String(batchRaw.value)}: AutoBatch picks the batch size from the GPU memory when training starts`, range: rangeOf("batch") });

  // --- World size (only used to turn --dataset-size into batches per epoch).
  let world = 1;
  const device = raw("device").value;
  if (ctx.inputs.devices !== undefined) world = Math.max(1, ctx.inputs.devices);
  else if (typeof device === "string" && device.includes(",")) world = device.split(",").filter((d) => d.trim() !== "").length;
  else if (Array.isArray(device)) world = device.length;

  // --- Batches per epoch: nb = len(train_loader).
  let stepsPerEpoch: Value | undefined;
  if (ctx.inputs.stepsPerEpoch !== undefined) {
    stepsPerEpoch = userInput(ctx.inputs.stepsPerEpoch, "--steps-per-epoch");
    assumptions.push({ input: "stepsPerEpoch", message: `--steps-per-epoch ${ctx.inputs.stepsPerEpoch} (given): batches per epoch (len(train_loader))`, value: ctx.inputs.stepsPerEpoch });
  } else if (ctx.inputs.datasetSize !== undefined && batch) {
    // build_dataloader: batch // world_size per rank, DistributedSampler pads to ceil(N / world), drop_last off.
    const n = ctx.inputs.datasetSize;
    const perRank = Math.max(1, Math.floor(batch.value / world));
    const nb = Math.ceil(Math.ceil(n / world) / perRank);
    stepsPerEpoch = derived(nb, world > 1 ? `ceil(ceil(${n} images / ${world} ranks) / (batch ${batch.value} // ${world}))` : `ceil(${n} images / batch ${batch.value})`, [userInput(n, "--dataset-size"), batch]);
    assumptions.push({ input: "datasetSize", message: `--dataset-size ${n} (given): ${nb} batches per epoch`, value: n });
    if (raw("fraction").set && raw("fraction").value !== 1) problems.push({ severity: "warning", code: "fraction", message: `fraction ${String(raw("fraction").value)}: the trainer uses only that part of the dataset; --dataset-size should count the images it keeps`, range: rangeOf("fraction") });
  } else {
    assumptions.push({ input: "stepsPerEpoch", message: "The batches per epoch (len(train_loader) = ceil(images / batch)) depend on the dataset", range: rangeOf("data") ?? rangeOf("batch") ?? ctx.source });
  }

  // --- The optimizer build_optimizer makes (ultralytics/engine/trainer.py).
  const optRaw = raw("optimizer");
  const optText = typeof optRaw.value === "string" ? optRaw.value : String(optRaw.value);
  const optName = sem.optimizers.find((o) => o.toLowerCase() === optText.toLowerCase());
  let name: string;
  let lr: Value;
  let momentum: Value;
  let warmupBiasLr = num("warmup_bias_lr");
  if (optName === undefined) {
    problems.push({ severity: "error", code: "unknown-optimizer", message: `optimizer ${optText}: build_optimizer raises NotImplementedError (ultralytics ${sem.version} knows ${sem.optimizers.join(", ")})`, range: rangeOf("optimizer") });
    name = "SGD";
    lr = num("lr0");
    momentum = momentumArg;
  } else if (optName === "auto") {
    const chosen = chooseAuto(settings, ctx, sem, epochs, batch, nbs, stepsPerEpoch, problems);
    name = chosen.name;
    lr = chosen.lr;
    momentum = chosen.momentum;
    // build_optimizer: `self.args.warmup_bias_lr = 0.0  # no higher than 0.01 for Adam`.
    warmupBiasLr = derived(0, "optimizer auto sets warmup_bias_lr = 0.0", [], rangeOf("optimizer"));
    if (get("lr0")) problems.push({ severity: "info", code: "auto-ignores-lr0", message: `optimizer auto ignores lr0 ${String(get("lr0")?.value)} and momentum: it chose ${name} with lr ${lr.value}, momentum ${momentum.value}`, range: rangeOf("lr0") });
    if (get("warmup_bias_lr")) problems.push({ severity: "info", code: "auto-ignores-warmup-bias-lr", message: "optimizer auto sets warmup_bias_lr to 0.0", range: rangeOf("warmup_bias_lr") });
  } else {
    name = optName;
    lr = num("lr0");
    momentum = momentumArg;
  }

  // --- Param groups in the optimizer's order.
  const roles: UltralyticsGroupRole[] = [];
  const groupLrs: Value[] = [];
  const moving = name === "SGD" || name === "MuSGD" || name === "RMSProp" || name === "RMSprop";
  if (name === "MuSGD") {
    // g = [weight, bn, bias, muon]; each split into the head's params at lr * 3 and the rest.
    const boosted = derived(lr.value * 3, `lr ${lr.value} × 3 (MuSGD head params)`, [lr]);
    for (const role of ["weight", "bn", "bias", "muon"] as const) {
      roles.push(role, role);
      groupLrs.push(boosted, lr);
    }
  } else {
    roles.push(...((sem.labelledGroups ? ["weight", "bn", "bias"] : ["bias", "weight", "bn"]) as UltralyticsGroupRole[]));
    groupLrs.push(lr, lr, lr);
  }
  const groups: ParamGroup[] = groupLrs.map((l) => ({ lr: l, momentum, momentumKind: adamFamily.has(name) ? "beta1" : "momentum" }));

  // --- Length: epochs × nb iterations.
  let total: Value | undefined = stepsPerEpoch ? derived(epochs.value * stepsPerEpoch.value, `epochs ${epochs.value} × ${stepsPerEpoch.value} batches`, [epochs, stepsPerEpoch], rangeOf("epochs")) : undefined;
  if (ctx.inputs.totalSteps !== undefined) {
    total = userInput(ctx.inputs.totalSteps, "--total-steps");
    assumptions.push({ input: "totalSteps", message: `--total-steps ${ctx.inputs.totalSteps} (given): the run's length in iterations`, value: ctx.inputs.totalSteps });
  }

  const program: UltralyticsProgram = {
    family: "ultralytics",
    epochs: epochs.value,
    stepsPerEpoch: stepsPerEpoch?.value ?? 1,
    lrf: lrf.value,
    cosLr,
    warmupEpochs: warmupEpochs.value,
    warmupBiasLr: warmupBiasLr.value,
    warmupMomentum: warmupMomentum.value,
    momentumTarget: momentumArg.value,
    roles,
    warmupMovesMomentum: moving,
    loop: sem.loop,
    args: { lr0: lr, lrf, epochs, warmup_epochs: warmupEpochs, warmup_bias_lr: warmupBiasLr, warmup_momentum: warmupMomentum, momentum: momentumArg, nbs },
    range: ctx.source,
  };
  const failed = problems.some((p) => p.severity === "error");
  return {
    name: `${ctx.name} (${name})`,
    dialect: "ultralytics",
    unit: "step",
    total: failed ? undefined : total,
    epochs,
    ...(stepsPerEpoch ? { stepsPerEpoch } : {}),
    groups,
    program,
    source: ctx.source,
    assumptions,
    problems,
  };
}

/**
 * `optimizer: auto`: `nc = data["nc"]`, `lr_fit = round(0.002 * 5 / (4 + nc), 6)`, then
 * `(SGD | MuSGD, 0.01, 0.9) if iterations > 10000 else (AdamW, lr_fit, 0.9)` with
 * `iterations = ceil(len(dataset) / max(batch, nbs)) * epochs`.
 */
function chooseAuto(settings: Settings, ctx: RunContext, sem: UltralyticsSemantics, epochs: Value, batch: Value | undefined, nbs: Value, stepsPerEpoch: Value | undefined, problems: Problem[]): { name: string; lr: Value; momentum: Value } {
  const dataSetting = settings.get("data");
  const task = typeof settings.get("task")?.value === "string" ? (settings.get("task")!.value as string) : ctx.task;
  const data = typeof dataSetting?.value === "string" ? dataSetting.value : TASK_DATA[task ?? "detect"] ?? "coco8.yaml";
  const optRange = settings.get("optimizer")?.range ?? ctx.source;
  // iterations > 10000?
  let long: boolean | undefined;
  let why: string;
  const b = batch ? Math.max(batch.value, nbs.value) : undefined;
  if (b !== undefined && ctx.inputs.datasetSize !== undefined) {
    const iterations = Math.ceil(ctx.inputs.datasetSize / b) * epochs.value;
    long = iterations > 10000;
    why = `iterations = ceil(${ctx.inputs.datasetSize} / max(batch, nbs) ${b}) × ${epochs.value} = ${iterations}`;
  } else if (b !== undefined && batch && stepsPerEpoch) {
    // The images are between (nb - 1) × batch + 1 and nb × batch.
    const nb = stepsPerEpoch.value;
    const low = Math.ceil(((nb - 1) * batch.value + 1) / b) * epochs.value;
    const high = Math.ceil((nb * batch.value) / b) * epochs.value;
    long = high > 10000;
    why = low === high ? `iterations = ceil(images / max(batch, nbs) ${b}) × ${epochs.value} = ${high}` : `iterations = ceil(images / ${b}) × ${epochs.value}, ${low} – ${high} for ${nb} batches of ${batch.value}`;
    if ((low > 10000) !== (high > 10000)) problems.push({ severity: "warning", code: "auto-optimizer-undecided", message: `optimizer auto picks ${sem.autoLong} when ceil(images / ${b}) × epochs > 10000, else AdamW: with ${nb} batches per epoch that is ${low} – ${high}; ${sem.autoLong} is assumed, pass --dataset-size N to decide`, range: optRange });
  } else {
    why = "the dataset size is unknown";
  }
  const momentum = derived(0.9, "optimizer auto: momentum 0.9", [], optRange);
  if (long === undefined) {
    problems.push({ severity: "warning", code: "auto-optimizer-undecided", message: `optimizer auto picks ${sem.autoLong} (lr 0.01) for runs of more than 10000 iterations of max(batch, nbs) images, else AdamW: ${why}; AdamW is assumed, pass --dataset-size N (or --steps-per-epoch N) to decide`, range: optRange });
  }
  if (long === true) return { name: sem.autoLong, lr: derived(0.01, `optimizer auto: ${sem.autoLong} with lr 0.01 (${why} > 10000)`, [epochs], optRange), momentum };
  const nc = settings.get("single_cls")?.value === true ? literal(1, settings.get("single_cls")?.range) : datasetClasses(data, dataSetting?.range, ctx.entry, ctx.files);
  let ncValue: Value;
  if ("reason" in nc) {
    problems.push({ severity: "warning", code: "classes-unknown", message: `optimizer auto's AdamW lr is round(0.002 × 5 / (4 + nc), 6) with nc the dataset's classes: ${nc.reason}; 80 classes assumed (lr 0.000119)`, range: dataSetting?.range ?? optRange });
    ncValue = frameworkDefault(80, "80 classes (assumed)");
  } else ncValue = nc;
  const fit = pyRoundDigits((0.002 * 5) / (4 + ncValue.value), 6);
  return { name: "AdamW", lr: derived(fit, `optimizer auto: AdamW with lr_fit round(0.002 × 5 / (4 + nc ${ncValue.value}), 6)${long === false ? ` (${why} ≤ 10000)` : ""}`, [ncValue], optRange), momentum };
}
