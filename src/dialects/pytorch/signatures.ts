/**
 * Parameters of torch.optim constructors as PyTorch declares them (torch/optim/lr_scheduler.py and
 * torch/optim/*.py, main): positional order and defaults. `required` parameters have no default.
 */
/** `"required"` (a string like the others) marks a parameter without a default. */
export type Default = number | string | boolean | null;

export interface Signature {
  /** Parameters after `optimizer` (or after `schedulers` for ChainedScheduler), in positional order. */
  readonly params: readonly (readonly [name: string, fallback: Default])[];
}

export const schedulerSignatures: Readonly<Record<string, Signature>> = {
  StepLR: { params: [["step_size", "required"], ["gamma", 0.1], ["last_epoch", -1]] },
  MultiStepLR: { params: [["milestones", "required"], ["gamma", 0.1], ["last_epoch", -1]] },
  ConstantLR: { params: [["factor", 1 / 3], ["total_iters", 5], ["last_epoch", -1]] },
  LinearLR: { params: [["start_factor", 1 / 3], ["end_factor", 1.0], ["total_iters", 5], ["last_epoch", -1]] },
  ExponentialLR: { params: [["gamma", "required"], ["last_epoch", -1]] },
  PolynomialLR: { params: [["total_iters", 5], ["power", 1.0], ["last_epoch", -1]] },
  CosineAnnealingLR: { params: [["T_max", "required"], ["eta_min", 0.0], ["last_epoch", -1]] },
  CosineAnnealingWarmRestarts: { params: [["T_0", "required"], ["T_mult", 1], ["eta_min", 0.0], ["last_epoch", -1]] },
  CyclicLR: {
    params: [
      ["base_lr", "required"],
      ["max_lr", "required"],
      ["step_size_up", 2000],
      ["step_size_down", null],
      ["mode", "triangular"],
      ["gamma", 1.0],
      ["scale_fn", null],
      ["scale_mode", "cycle"],
      ["cycle_momentum", true],
      ["base_momentum", 0.8],
      ["max_momentum", 0.9],
      ["last_epoch", -1],
    ],
  },
  OneCycleLR: {
    params: [
      ["max_lr", "required"],
      ["total_steps", null],
      ["epochs", null],
      ["steps_per_epoch", null],
      ["pct_start", 0.3],
      ["anneal_strategy", "cos"],
      ["cycle_momentum", true],
      ["base_momentum", 0.85],
      ["max_momentum", 0.95],
      ["div_factor", 25.0],
      ["final_div_factor", 1e4],
      ["three_phase", false],
      ["last_epoch", -1],
    ],
  },
  LambdaLR: { params: [["lr_lambda", "required"], ["last_epoch", -1]] },
  MultiplicativeLR: { params: [["lr_lambda", "required"], ["last_epoch", -1]] },
  SequentialLR: { params: [["schedulers", "required"], ["milestones", "required"], ["last_epoch", -1]] },
  ChainedScheduler: { params: [["optimizer", null]] },
  ReduceLROnPlateau: { params: [["mode", "min"], ["factor", 0.1], ["patience", 10], ["threshold", 1e-4], ["threshold_mode", "rel"], ["cooldown", 0], ["min_lr", 0], ["eps", 1e-8]] },
};

export interface OptimizerSignature {
  /** Default LR of the constructor (torch main; SGD's became 1e-3 in 2.x, it was required before). */
  readonly lr: number;
  /** Positional index (after params) of lr and of momentum/betas. */
  readonly momentum?: { readonly name: "momentum" | "betas"; readonly index: number; readonly fallback: number };
}

export const optimizerSignatures: Readonly<Record<string, OptimizerSignature>> = {
  SGD: { lr: 1e-3, momentum: { name: "momentum", index: 2, fallback: 0 } },
  Adam: { lr: 1e-3, momentum: { name: "betas", index: 2, fallback: 0.9 } },
  AdamW: { lr: 1e-3, momentum: { name: "betas", index: 2, fallback: 0.9 } },
  Adamax: { lr: 2e-3, momentum: { name: "betas", index: 2, fallback: 0.9 } },
  NAdam: { lr: 2e-3, momentum: { name: "betas", index: 2, fallback: 0.9 } },
  RAdam: { lr: 1e-3, momentum: { name: "betas", index: 2, fallback: 0.9 } },
  SparseAdam: { lr: 1e-3, momentum: { name: "betas", index: 2, fallback: 0.9 } },
  RMSprop: { lr: 1e-2, momentum: { name: "momentum", index: 5, fallback: 0 } },
  Adagrad: { lr: 1e-2 },
  Adadelta: { lr: 1.0 },
  ASGD: { lr: 1e-2 },
  Rprop: { lr: 1e-2 },
  LBFGS: { lr: 1 },
  Adafactor: { lr: 1e-2 },
};
