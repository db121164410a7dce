// Random but realistic workspaces per framework family for the differential runner (run.mjs). Each generator
// takes a seeded rng ({next, int, pick, chance}) and returns a case: files, entry, options, unit, dialect,
// reference, and what reference.py needs (`ref`, `total`, `momentum`).

const TORCH_REF =
  "torch 1.13.0a0 (Debian python3-torch 1.13.1): the file exec'd as written; the training step records optimizer.param_groups[k]['lr'] (and momentum or betas[0]) each time it runs";

// ------------------------------------------------------------------------------------------------ torch
function torchSimple(r, N, lr) {
  // One chainable scheduler over about N ticks (N = ticks it runs for).
  const kind = r.pick(["StepLR", "MultiStepLR", "ExponentialLR", "CosineAnnealingLR", "LinearLR", "ConstantLR", "PolynomialLR", "LambdaLR", "MultiplicativeLR", "CosineAnnealingWarmRestarts"]);
  const gamma = r.pick([0.1, 0.5, 0.2, 0.3]);
  switch (kind) {
    case "StepLR":
      return `StepLR(optimizer, step_size=${r.int(1, Math.max(1, Math.floor(N / 2)))}, gamma=${gamma})`;
    case "MultiStepLR": {
      const k = r.int(1, 3);
      const ms = [...new Set(Array.from({ length: k }, () => r.int(1, Math.max(1, N - 1))))].sort((a, b) => a - b);
      return `MultiStepLR(optimizer, milestones=[${ms.join(", ")}], gamma=${gamma})`;
    }
    case "ExponentialLR":
      return `ExponentialLR(optimizer, gamma=${r.pick([0.9, 0.95, 0.97, 0.99, 0.999])})`;
    case "CosineAnnealingLR": {
      const T = r.chance(0.7) ? N : r.int(1, Math.max(1, N));
      return `CosineAnnealingLR(optimizer, T_max=${T}${r.chance(0.5) ? `, eta_min=${r.pick([0, 1e-6, lr / 100, 1e-5])}` : ""})`;
    }
    case "LinearLR":
      return `LinearLR(optimizer, start_factor=${r.pick([0.001, 0.01, 0.1, 1 / 3, 0.5, 1.0])}, end_factor=${r.pick([1.0, 1.0, 0.1, 0.01, 0.0])}, total_iters=${r.int(1, Math.max(1, N))})`;
    case "ConstantLR":
      return `ConstantLR(optimizer, factor=${r.pick([1 / 3, 0.5, 0.1, 0.25])}, total_iters=${r.int(1, Math.max(1, N))})`;
    case "PolynomialLR":
      return `PolynomialLR(optimizer, total_iters=${r.int(1, Math.max(1, N))}, power=${r.pick([1.0, 2.0, 0.9, 0.5])})`;
    case "LambdaLR": {
      const W = r.int(1, Math.max(1, Math.floor(N / 3)));
      return `LambdaLR(optimizer, lr_lambda=${r.pick([
        `lambda epoch: ${r.pick([0.95, 0.9, 0.98])} ** epoch`,
        `lambda epoch: min(1.0, (epoch + 1) / ${W})`,
        `lambda epoch: 1 - epoch / ${N + r.int(0, 5)}`,
        `lambda epoch: (1 - epoch / ${N + r.int(0, 5)}) ** 0.9`,
        `lambda epoch: 0.1 ** (epoch // ${W})`,
      ])})`;
    }
    case "MultiplicativeLR":
      return `MultiplicativeLR(optimizer, lr_lambda=lambda epoch: ${r.pick([0.95, 0.9, 0.99])})`;
    case "CosineAnnealingWarmRestarts":
      return `CosineAnnealingWarmRestarts(optimizer, T_0=${r.int(1, Math.max(1, Math.floor(N / 2)))}, T_mult=${r.pick([1, 1, 2, 3])}${r.chance(0.5) ? `, eta_min=${r.pick([1e-6, lr / 100])}` : ""})`;
  }
  throw new Error(kind);
}

function torchCase(r) {
  const lr = r.pick([0.1, 0.01, 0.001, 3e-4, 0.05, 0.4, 5e-4]);
  const perStep = r.chance(0.4);
  const spe = perStep ? r.int(2, 40) : 1;
  const epochs = perStep ? r.int(2, 12) : r.int(5, 120);
  const N = epochs * spe;
  const family = r.pick(["simple", "simple", "simple", "sequential", "sequential", "chained", "onecycle", "cyclic"]);
  let optKind = r.pick(["sgd", "sgd", "adam", "adamw"]);
  const twoGroups = r.chance(0.3);
  let momentum = false;
  const imports = new Set();
  let sched;
  let note = family;
  const use = (code) => {
    imports.add(code.slice(0, code.indexOf("(")));
    return code;
  };
  if (family === "simple") {
    sched = use(torchSimple(r, N, lr));
  } else if (family === "sequential") {
    const w = r.int(1, Math.max(1, Math.floor(N / 4)));
    const warm = use(r.pick([
      `LinearLR(optimizer, start_factor=${r.pick([0.001, 0.01, 0.1])}, total_iters=${w})`,
      `ConstantLR(optimizer, factor=${r.pick([0.1, 0.5])}, total_iters=${w})`,
      `LambdaLR(optimizer, lr_lambda=lambda epoch: (epoch + 1) / ${w})`,
      `ExponentialLR(optimizer, gamma=${r.pick([1.1, 1.5])})`,
    ]));
    const main = use(torchSimple(r, N - w, lr));
    const three = r.chance(0.25) && N - w > 4;
    if (three) {
      const m2 = r.int(w + 1, N - 1);
      const tail = use(torchSimple(r, N - m2, lr));
      sched = `SequentialLR(optimizer, schedulers=[\n    ${warm},\n    ${main},\n    ${tail},\n], milestones=[${w}, ${m2}])`;
    } else {
      sched = `SequentialLR(optimizer, schedulers=[\n    ${warm},\n    ${main},\n], milestones=[${w}])`;
    }
    imports.add("SequentialLR");
  } else if (family === "chained") {
    const a = use(torchSimple(r, N, lr));
    const b = use(torchSimple(r, N, lr));
    sched = `ChainedScheduler([\n    ${a},\n    ${b},\n])`;
    imports.add("ChainedScheduler");
  } else if (family === "onecycle") {
    momentum = true;
    const cyc = r.chance(0.8);
    const peak = r.pick([0.1, 0.01, 1e-3, 0.4]);
    const bits = [`max_lr=${twoGroups && r.chance(0.5) ? `[${peak / 10}, ${peak}]` : peak}`];
    if (perStep && r.chance(0.6)) bits.push(`epochs=${epochs}`, "steps_per_epoch=len(train_loader)");
    else bits.push(`total_steps=${N}`);
    if (r.chance(0.5)) bits.push(`pct_start=${r.pick([0.1, 0.25, 0.3, 0.4])}`);
    if (r.chance(0.4)) bits.push(`anneal_strategy="${r.pick(["cos", "linear"])}"`);
    if (r.chance(0.3)) bits.push(`div_factor=${r.pick([10, 25.0, 100])}`);
    if (r.chance(0.3)) bits.push(`final_div_factor=${r.pick([1e4, 100, 1e3])}`);
    if (r.chance(0.3)) bits.push("three_phase=True");
    if (!cyc) bits.push("cycle_momentum=False");
    else if (r.chance(0.4)) bits.push(`base_momentum=${r.pick([0.8, 0.85])}, max_momentum=${r.pick([0.9, 0.95])}`);
    if (cyc && optKind === "sgd") optKind = "sgdm";
    sched = use(`OneCycleLR(optimizer, ${bits.join(", ")})`);
  } else {
    const bits = [`base_lr=${r.pick([1e-4, 1e-3, 0.01])}`, `max_lr=${r.pick([0.1, 0.05, 0.006])}`, `step_size_up=${r.int(1, Math.max(1, Math.floor(N / 3)))}`];
    if (r.chance(0.3)) bits.push(`step_size_down=${r.int(1, Math.max(1, Math.floor(N / 3)))}`);
    const mode = r.pick(["triangular", "triangular2", "exp_range"]);
    if (mode !== "triangular" || r.chance(0.3)) bits.push(`mode="${mode}"`);
    if (mode === "exp_range") bits.push(`gamma=${r.pick([0.999, 0.99, 0.9999])}`);
    optKind = r.pick(["sgdm", "adam"]);
    if (optKind === "adam") bits.push("cycle_momentum=False");
    else {
      momentum = true;
      if (r.chance(0.4)) bits.push(`base_momentum=${r.pick([0.8, 0.85])}, max_momentum=${r.pick([0.9, 0.95])}`);
    }
    sched = use(`CyclicLR(optimizer, ${bits.join(", ")})`);
  }
  if (family === "onecycle" && optKind === "sgd") optKind = "sgdm";
  const params = twoGroups
    ? `[\n        {"params": backbone.parameters(), "lr": ${lr / 10}},\n        {"params": head.parameters()},\n    ]`
    : "model.parameters()";
  const optim = {
    sgd: `torch.optim.SGD(${params}, lr=${lr}, weight_decay=1e-4)`,
    sgdm: `torch.optim.SGD(${params}, lr=${lr}, momentum=0.9, weight_decay=1e-4)`,
    adam: `torch.optim.Adam(${params}, lr=${lr})`,
    adamw: `torch.optim.AdamW(${params}, lr=${lr}, betas=(0.9, 0.95), weight_decay=0.05)`,
  }[optKind];
  const models = twoGroups ? "backbone = nn.Linear(512, 128)\nhead = nn.Linear(128, 10)\nmodel = nn.Sequential(backbone, head)\n" : "model = nn.Linear(512, 10)\n";
  let loop;
  const sgdrFraction = perStep && sched.startsWith("CosineAnnealingWarmRestarts") && r.chance(0.5);
  if (sgdrFraction) {
    // The pattern of the CosineAnnealingWarmRestarts docstring: step(epoch + i / iters) inside the batch loop.
    loop = `iters = len(train_loader)\nfor epoch in range(${epochs}):\n    for i, batch in enumerate(train_loader):\n        train_step(model, optimizer, batch)\n        scheduler.step(epoch + i / iters)\n`;
    note += " step(epoch + i / iters)";
  } else if (perStep) {
    loop = r.chance(0.5)
      ? `for epoch in range(${epochs}):\n    for batch in train_loader:\n        train_step(model, optimizer, batch)\n        scheduler.step()\n`
      : `for epoch in range(${epochs}):\n    model.train()\n    for i, (images, target) in enumerate(train_loader):\n        train_step(model, optimizer, (images, target))\n        scheduler.step()\n`;
  } else {
    loop = r.chance(0.85) || family === "onecycle"
      ? `for epoch in range(${epochs}):\n    train_one_epoch(model, optimizer, epoch)\n    scheduler.step()\n`
      : `for epoch in range(${epochs}):\n    train_one_epoch(model, optimizer, epoch)\n    validate(model)\n    scheduler.step()\n`;
  }
  const text = `import torch\nfrom torch import nn\nfrom torch.optim.lr_scheduler import ${[...imports].sort().join(", ")}\n\n${models}optimizer = ${optim}\nscheduler = ${sched}\n\n${loop}`;
  return {
    dialect: "pytorch",
    reference: TORCH_REF,
    files: { "train.py": text, "requirements.txt": "torch==1.13.1\n" },
    entry: "train.py",
    options: perStep ? { stepsPerEpoch: spe } : {},
    unit: perStep ? "step" : "epoch",
    momentum,
    note: `${note}${perStep ? " per-step" : ""}${twoGroups ? " 2 groups" : ""}`,
  };
}

// ------------------------------------------------------------------------------------------------ deepspeed
function deepspeedCase(r) {
  const lr = r.pick([1e-3, 3e-4, 1e-4, 0.01, 6e-4]);
  const optType = r.pick(["Adam", "AdamW", "SGD"]);
  const optParams = optType === "SGD" ? { lr, momentum: 0.9 } : { lr, betas: [0.9, r.pick([0.999, 0.95])], eps: 1e-8, weight_decay: 0.01 };
  const total = r.int(50, 3000);
  const warm = r.int(0, Math.floor(total / 2));
  const type = r.pick(["WarmupLR", "WarmupDecayLR", "WarmupCosineLR", "OneCycle"]);
  let params;
  let momentum = false;
  const wtype = r.pick([undefined, "log", "linear"]);
  if (type === "WarmupLR" || type === "WarmupDecayLR") {
    params = { warmup_min_lr: r.pick([0, 1e-6, lr / 10]), warmup_max_lr: lr, warmup_num_steps: warm };
    if (wtype) params.warmup_type = wtype;
    if (type === "WarmupDecayLR") params = { total_num_steps: r.chance(0.8) ? total : r.int(warm + 1, total * 2), ...params };
  } else if (type === "WarmupCosineLR") {
    params = { total_num_steps: r.chance(0.8) ? total : r.int(warm + 1, total * 2), warmup_num_steps: warm };
    if (r.chance(0.5)) params.warmup_min_ratio = r.pick([0, 0.01, 0.1]);
    if (r.chance(0.5)) params.cos_min_ratio = r.pick([0.0001, 0.1, 0]);
    if (wtype) params.warmup_type = wtype;
  } else {
    const up = r.int(1, Math.floor(total / 3));
    params = { cycle_min_lr: lr / r.pick([10, 25]), cycle_max_lr: lr, cycle_first_step_size: up };
    if (r.chance(0.5)) params.cycle_second_step_size = r.int(1, Math.floor(total / 3));
    if (r.chance(0.5)) {
      params.decay_lr_rate = r.pick([0.5, 0.1, 0.001]);
      params.decay_step_size = r.int(1, 200);
    }
    if (r.chance(0.2)) params.cycle_first_stair_count = r.int(1, 4);
    momentum = r.chance(0.7);
    if (!momentum) params.cycle_momentum = false;
    else {
      params.cycle_min_mom = r.pick([0.8, 0.85]);
      params.cycle_max_mom = r.pick([0.9, 0.95]);
      if (r.chance(0.4)) params.decay_mom_rate = r.pick([0.0, 0.1]);
    }
  }
  const cfg = {
    train_micro_batch_size_per_gpu: r.pick([4, 8, 16]),
    gradient_accumulation_steps: r.pick([1, 2, 4]),
    optimizer: { type: optType, params: optParams },
    scheduler: { type, params },
  };
  return {
    dialect: "deepspeed",
    reference: "DeepSpeed runtime/lr_schedules.py (mirror HEAD) built from the JSON's scheduler.type/params on a torch optimizer from optimizer.type/params, stepped once per optimizer step; torch 1.13.0a0 (Debian python3-torch 1.13.1)",
    files: { "ds_config.json": JSON.stringify(cfg, null, 2) + "\n" },
    entry: "ds_config.json",
    options: { totalSteps: total },
    total,
    unit: "step",
    momentum,
    note: type,
  };
}

// ------------------------------------------------------------------------------------------------ hf
function hfCase(r) {
  const lr = r.pick([5e-5, 2e-5, 1e-4, 3e-4, 1e-3]);
  const kind = r.pick(["linear", "cosine", "cosine_with_restarts", "polynomial", "constant", "constant_with_warmup", "inverse_sqrt", "cosine_with_min_lr", "cosine_warmup_with_min_lr", "warmup_stable_decay"]);
  const args = { output_dir: "out", learning_rate: lr, lr_scheduler_type: kind, per_device_train_batch_size: r.pick([8, 16, 32]) };
  let total;
  const options = {};
  if (r.chance(0.5)) {
    total = r.int(20, 3000);
    args.max_steps = total;
  } else {
    const spe = r.int(5, 300);
    const ep = r.pick([1, 2, 3, 1.5, 0.5, 2.5]);
    args.num_train_epochs = ep;
    options.stepsPerEpoch = spe;
    total = Math.ceil(ep * spe);
  }
  let warmup = 0;
  const wsel = r.next();
  if (wsel < 0.45) {
    warmup = r.int(0, Math.floor(total / 3));
    args.warmup_steps = warmup;
  } else if (wsel < 0.7) {
    const ratio = r.pick([0.03, 0.1, 0.05, 0.06]);
    args.warmup_ratio = ratio;
    warmup = Math.ceil(total * ratio);
  } else if (wsel < 0.85) {
    const ratio = r.pick([0.03, 0.1, 0.05, 0.06]);
    args.warmup_steps = ratio;
    warmup = Math.ceil(total * ratio);
  }
  let kwargs;
  if (kind === "cosine_with_restarts" && r.chance(0.7)) kwargs = { num_cycles: r.int(1, 4) };
  if (kind === "cosine" && r.chance(0.2)) kwargs = { num_cycles: r.pick([0.5, 1, 1.5]) };
  if (kind === "polynomial" && r.chance(0.7)) kwargs = { lr_end: lr / r.pick([10, 100]), power: r.pick([1.0, 2.0, 0.5]) };
  if (kind === "cosine_with_min_lr") kwargs = r.chance(0.5) ? { min_lr_rate: r.pick([0.1, 0.01]) } : { min_lr: lr / 10 };
  if (kind === "cosine_warmup_with_min_lr") {
    kwargs = r.chance(0.5) ? { min_lr_rate: r.pick([0.1, 0.01]) } : { min_lr: lr / 10 };
    if (r.chance(0.4)) kwargs.warmup_lr_rate = r.pick([0.0, 0.1]);
  }
  if (kind === "warmup_stable_decay") {
    kwargs = { num_decay_steps: r.int(1, Math.max(1, total - warmup)) };
    if (r.chance(0.5)) kwargs.min_lr_ratio = r.pick([0, 0.1, 0.01]);
    if (r.chance(0.5)) kwargs.decay_type = r.pick(["linear", "cosine", "1-sqrt"]);
    if (r.chance(0.3)) kwargs.warmup_type = r.pick(["linear", "cosine", "1-sqrt"]);
  }
  if (kwargs) args.lr_scheduler_kwargs = kwargs;
  return {
    dialect: "transformers",
    reference:
      "torch 1.13.0a0 (Debian python3-torch 1.13.1) LambdaLR with the lr lambdas of transformers optimization.py (get_scheduler) @ 005edacb; total = max_steps if > 0 else ceil(num_train_epochs * optimizer updates per epoch); warmup = int(warmup_steps) if >= 1 else ceil(total * warmup_steps) (warmup_ratio, deprecated, read as a ratio)",
    files: { "training_args.json": JSON.stringify(args, null, 2) + "\n" },
    entry: "training_args.json",
    options,
    unit: "step",
    ref: { lr, kind, warmup, total, kwargs },
    note: kind,
  };
}

// ------------------------------------------------------------------------------------------------ timm
function timmCase(r) {
  const sched = r.pick(["cosine", "cosine", "step", "multistep", "poly", "tanh"]);
  const y = { model: r.pick(["resnet50", "vit_base_patch16_224", "efficientnet_b0"]), sched };
  const epochs = r.int(5, 150);
  if (r.chance(0.9)) y.epochs = epochs;
  const E = y.epochs ?? 300;
  if (r.chance(0.8)) y.lr = r.pick([0.1, 0.05, 5e-4, 1e-3, 0.016]);
  else {
    y.lr_base = r.pick([0.1, 5e-4]);
    y.batch_size = r.pick([64, 128, 256, 512]);
    if (r.chance(0.5)) y.opt = r.pick(["adamw", "sgd", "lamb"]);
  }
  if (r.chance(0.8)) y.warmup_epochs = r.int(0, Math.max(0, Math.floor(E / 5)));
  if (r.chance(0.6)) y.warmup_lr = r.pick([1e-6, 1e-5, 0.0]);
  if (r.chance(0.6)) y.min_lr = r.pick([1e-5, 1e-6, 0.0]);
  if (r.chance(0.3)) y.cooldown_epochs = r.int(0, 10);
  if (r.chance(0.2)) y.warmup_prefix = true;
  if (sched === "step") {
    y.decay_epochs = r.pick([2.4, 30, 10, 3]);
    if (r.chance(0.7)) y.decay_rate = r.pick([0.97, 0.1, 0.5]);
  }
  if (sched === "multistep") {
    const ms = [...new Set([r.int(1, E), r.int(1, E), r.int(1, E)])].sort((a, b) => a - b);
    y.decay_milestones = ms;
    if (r.chance(0.5)) y.decay_rate = r.pick([0.1, 0.5]);
  }
  if (sched === "poly" && r.chance(0.5)) y.decay_rate = r.pick([0.5, 1.0, 2.0]);
  if ((sched === "cosine" || sched === "tanh" || sched === "poly") && r.chance(0.3)) {
    y.lr_cycle_limit = r.int(1, 3);
    if (r.chance(0.6)) y.lr_cycle_mul = r.pick([1.0, 2.0, 1.5]);
    if (r.chance(0.6)) y.lr_cycle_decay = r.pick([0.5, 0.1, 1.0]);
  }
  if ((sched === "cosine" || sched === "poly") && r.chance(0.15)) y.lr_k_decay = r.pick([0.5, 2.0]);
  const onUpdates = r.chance(0.35);
  const options = {};
  if (onUpdates) {
    y.sched_on_updates = true;
    options.stepsPerEpoch = r.int(2, 30);
    if (y.epochs === undefined) y.epochs = epochs;
  }
  const text = Object.entries(y).map(([k, v]) => `${k}: ${Array.isArray(v) ? `[${v.join(", ")}]` : typeof v === "number" && !Number.isInteger(v) ? String(v) : v}`).join("\n") + "\n";
  return {
    dialect: "timm",
    reference:
      "timm (pytorch-image-models @ aa4b5850) scheduler_factory.create_scheduler_v2 with scheduler_kwargs of train.py's argparse defaults overridden by the YAML; lr from lr_base as train.py computes it when lr is unset; stepped as train.py steps it (step(epoch + 1) per epoch, step_update per update); torch 1.13.0a0 (Debian python3-torch 1.13.1)",
    files: { "args.yaml": text },
    entry: "args.yaml",
    options,
    unit: onUpdates ? "step" : "epoch",
    note: sched + (onUpdates ? " on updates" : ""),
  };
}

// ------------------------------------------------------------------------------------------------ detectron2
function detectron2Case(r) {
  const name = r.pick(["WarmupMultiStepLR", "WarmupMultiStepLR", "WarmupCosineLR", "WarmupStepWithFixedGammaLR"]);
  const max_iter = r.int(100, 3000);
  const solver = { LR_SCHEDULER_NAME: name, MAX_ITER: max_iter };
  const ref = { name, max_iter, base_lr: 0.001, base_lr_end: 0.0, gamma: 0.1, steps: [30000], num_decays: 3, warmup_factor: 1 / 1000, warmup_iters: 1000, warmup_method: "linear", rescale_interval: false };
  if (r.chance(0.9)) ref.base_lr = solver.BASE_LR = r.pick([0.02, 0.01, 5e-3, 1e-4]);
  if (name === "WarmupMultiStepLR") {
    const k = r.int(1, 3);
    ref.steps = solver.STEPS = [...new Set(Array.from({ length: k }, () => r.int(1, Math.floor(max_iter * 1.1))))].sort((a, b) => a - b);
  }
  if (name !== "WarmupCosineLR" && r.chance(0.6)) ref.gamma = solver.GAMMA = r.pick([0.1, 0.5, 0.2]);
  if (name === "WarmupStepWithFixedGammaLR" && r.chance(0.7)) ref.num_decays = solver.NUM_DECAYS = r.int(1, 5);
  if (name === "WarmupCosineLR" && r.chance(0.6)) ref.base_lr_end = solver.BASE_LR_END = ref.base_lr / r.pick([10, 100]);
  if (r.chance(0.7)) ref.warmup_iters = solver.WARMUP_ITERS = r.int(0, Math.floor(max_iter / 3));
  if (r.chance(0.6)) ref.warmup_factor = solver.WARMUP_FACTOR = r.pick([0.001, 0.01, 0.1, 0.0]);
  if (r.chance(0.3)) ref.warmup_method = solver.WARMUP_METHOD = r.pick(["linear", "constant"]);
  if (r.chance(0.2)) ref.rescale_interval = solver.RESCALE_INTERVAL = true;
  const yv = (v) => (Array.isArray(v) ? `(${v.join(", ")}${v.length === 1 ? "," : ""})` : typeof v === "string" ? `"${v}"` : typeof v === "boolean" ? (v ? "True" : "False") : String(v));
  const text = `MODEL:\n  META_ARCHITECTURE: "GeneralizedRCNN"\nSOLVER:\n${Object.entries(solver).map(([k, v]) => `  ${k}: ${yv(v)}`).join("\n")}\n  IMS_PER_BATCH: 16\n`;
  return {
    dialect: "detectron2",
    reference: "detectron2 solver/build.py build_lr_scheduler + solver/lr_scheduler.py (WarmupParamScheduler, LRMultiplier) and fvcore common/param_scheduler.py (mirror HEADs), defaults from config/defaults.py; stepped after every iteration; torch 1.13.0a0 (Debian python3-torch 1.13.1)",
    files: { "config.yaml": text },
    entry: "config.yaml",
    options: {},
    unit: "step",
    ref,
    note: name,
  };
}

// ------------------------------------------------------------------------------------------------ mmengine
function mmengineCase(r) {
  const lr = r.pick([0.02, 0.01, 0.1, 1e-3, 4e-4]);
  const iterBased = r.chance(0.3);
  const spe = r.int(3, 40);
  const E = r.int(4, 40);
  const M = r.int(50, 2000);
  const unitLen = iterBased ? M : E; // length of the main schedule in its own unit
  const py = (v) => (typeof v === "boolean" ? (v ? "True" : "False") : Array.isArray(v) ? `[${v.join(", ")}]` : String(v));
  const dict = (o) => `dict(${Object.entries(o).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${typeof v === "string" ? `'${v}'` : py(v)}`).join(", ")})`;
  const scheds = [];
  let mainBegin = 0;
  if (r.chance(0.7)) {
    const byEpochWarm = !iterBased && r.chance(0.3);
    const w = byEpochWarm ? r.int(1, Math.max(1, Math.floor(E / 4))) : r.int(1, Math.max(1, Math.floor((iterBased ? M : E * spe) / 4)));
    scheds.push({ type: r.pick(["LinearLR", "LinearLR", "ConstantLR"]), by_epoch: byEpochWarm, begin: 0, end: w });
    const s0 = scheds[0];
    if (s0.type === "LinearLR") s0.start_factor = r.pick([0.001, 0.01, 0.1]);
    else s0.factor = r.pick([0.1, 0.5]);
    if (byEpochWarm && r.chance(0.5)) s0.convert_to_iter_based = true;
    if (byEpochWarm && r.chance(0.5)) mainBegin = w;
  }
  const kind = r.pick(["MultiStepLR", "StepLR", "CosineAnnealingLR", "CosineAnnealingLR", "PolyLR", "ExponentialLR", "LinearLR", "CosineRestartLR", "OneCycleLR"]);
  const m = { type: kind };
  const span = unitLen - mainBegin;
  if (kind === "MultiStepLR") {
    m.milestones = [...new Set([r.int(1, unitLen - 1), r.int(1, unitLen - 1)])].sort((a, b) => a - b);
    m.gamma = r.pick([0.1, 0.5]);
  } else if (kind === "StepLR") {
    m.step_size = r.int(1, Math.max(1, Math.floor(span / 2)));
    if (r.chance(0.6)) m.gamma = r.pick([0.1, 0.5, 0.9]);
  } else if (kind === "CosineAnnealingLR") {
    if (r.chance(0.6)) m.T_max = r.chance(0.8) ? span : r.int(1, span);
    if (r.chance(0.4)) m.eta_min = lr / 100;
    else if (r.chance(0.3)) m.eta_min_ratio = r.pick([0.01, 0.1]);
  } else if (kind === "PolyLR") {
    if (r.chance(0.6)) m.eta_min = r.pick([1e-4, 0, 1e-6]);
    if (r.chance(0.6)) m.power = r.pick([0.9, 1.0, 2.0]);
  } else if (kind === "ExponentialLR") {
    m.gamma = r.pick([0.9, 0.95, 0.99]);
  } else if (kind === "LinearLR") {
    m.start_factor = 1.0;
    m.end_factor = r.pick([0.0, 0.1, 0.01]);
  } else if (kind === "CosineRestartLR") {
    const k = r.int(1, 3);
    const periods = Array.from({ length: k }, () => Math.max(1, Math.floor(span / k)));
    m.periods = periods;
    m.restart_weights = Array.from({ length: k }, (_, i) => (i === 0 ? 1 : r.pick([1, 0.5])));
    m.eta_min = lr / 100;
  } else {
    m.eta_max = lr * 10;
    if (r.chance(0.5)) m.total_steps = span;
    if (r.chance(0.4)) m.pct_start = r.pick([0.25, 0.3, 0.4]);
    if (r.chance(0.3)) m.anneal_strategy = r.pick(["cos", "linear"]);
    if (r.chance(0.3)) m.three_phase = true;
  }
  const byEpoch = !iterBased;
  m.by_epoch = byEpoch;
  if (mainBegin > 0 || r.chance(0.5)) m.begin = mainBegin;
  if (r.chance(0.6)) m.end = unitLen;
  if (byEpoch && kind !== "OneCycleLR" && r.chance(0.3)) m.convert_to_iter_based = true;
  if (kind === "OneCycleLR" && m.total_steps === undefined && byEpoch) m.convert_to_iter_based = r.chance(0.5) ? true : undefined;
  if (kind === "OneCycleLR" && m.total_steps === undefined && !m.convert_to_iter_based) m.total_steps = span;
  scheds.push(m);
  const trainCfg = iterBased ? `dict(type='IterBasedTrainLoop', max_iters=${M}, val_interval=${Math.max(1, Math.floor(M / 5))})` : `dict(type='EpochBasedTrainLoop', max_epochs=${E}, val_interval=1)`;
  const opt = r.pick([`dict(type='SGD', lr=${lr}, momentum=0.9, weight_decay=0.0001)`, `dict(type='AdamW', lr=${lr}, betas=(0.9, 0.999), weight_decay=0.05)`]);
  const text = `# optimizer\noptim_wrapper = dict(\n    type='OptimWrapper',\n    optimizer=${opt})\n\n# learning policy\nparam_scheduler = [\n${scheds.map((x) => `    ${dict(x)},`).join("\n")}\n]\n\ntrain_cfg = ${trainCfg}\nval_cfg = dict(type='ValLoop')\ntest_cfg = dict(type='TestLoop')\n`;
  return {
    dialect: "mmengine",
    reference:
      "mmengine @ 25434293 optim/scheduler/*.py built as Runner._build_param_scheduler does (default end = max epochs/iters, epoch_length = updates per epoch, convert_to_iter_based via build_iter_from_epoch), stepped as ParamSchedulerHook does; torch 1.13.0a0 (Debian python3-torch 1.13.1)",
    files: { "configs/schedule.py": text },
    entry: "configs/schedule.py",
    options: iterBased ? {} : { stepsPerEpoch: spe },
    unit: "step",
    note: `${iterBased ? "iter" : "epoch"} loop ${scheds.map((x) => x.type + (x.convert_to_iter_based ? "(iter)" : "")).join("+")}`,
  };
}

export const FAMILIES = {
  mmengine: mmengineCase, torch: torchCase, deepspeed: deepspeedCase, hf: hfCase, timm: timmCase, detectron2: detectron2Case };
