/** The type yacs checks a YAML value against: the type of the default (`_check_and_coerce_cfg_value_type`). */
export type PyType = "float" | "int" | "str" | "bool" | "tuple" | "none";

export interface SolverDefault {
  readonly value: number | string | boolean | readonly number[] | null;
  readonly type: PyType;
}

/** `_C.SOLVER` of detectron2/config/defaults.py (main @ 02b5c4e), the keys the schedule depends on. */
export const solverDefaults: Readonly<Record<string, SolverDefault>> = {
  LR_SCHEDULER_NAME: { value: "WarmupMultiStepLR", type: "str" },
  MAX_ITER: { value: 40000, type: "int" },
  BASE_LR: { value: 0.001, type: "float" },
  BASE_LR_END: { value: 0.0, type: "float" },
  MOMENTUM: { value: 0.9, type: "float" },
  NESTEROV: { value: false, type: "bool" },
  WEIGHT_DECAY: { value: 0.0001, type: "float" },
  WEIGHT_DECAY_NORM: { value: 0.0, type: "float" },
  GAMMA: { value: 0.1, type: "float" },
  STEPS: { value: [30000], type: "tuple" },
  NUM_DECAYS: { value: 3, type: "int" },
  WARMUP_FACTOR: { value: 1.0 / 1000, type: "float" },
  WARMUP_ITERS: { value: 1000, type: "int" },
  WARMUP_METHOD: { value: "linear", type: "str" },
  RESCALE_INTERVAL: { value: false, type: "bool" },
  CHECKPOINT_PERIOD: { value: 5000, type: "int" },
  IMS_PER_BATCH: { value: 16, type: "int" },
  REFERENCE_WORLD_SIZE: { value: 0, type: "int" },
  BIAS_LR_FACTOR: { value: 1.0, type: "float" },
  WEIGHT_DECAY_BIAS: { value: null, type: "none" },
};

/** Keys that came later than v0.6 (setting them on 0.6 is a KeyError "Non-existent config key"). */
export const afterV06 = new Set(["BASE_LR_END", "NUM_DECAYS", "RESCALE_INTERVAL"]);

/** Other SOLVER keys of defaults.py the schedule does not depend on (not reported as unknown). */
export const otherSolverKeys = new Set(["CLIP_GRADIENTS", "AMP"]);

/** Keys the DeepLab project adds (projects/DeepLab/deeplab/config.py `add_deeplab_config`). */
export const deeplabDefaults: Readonly<Record<string, SolverDefault>> = {
  POLY_LR_POWER: { value: 0.9, type: "float" },
  POLY_LR_CONSTANT_ENDING: { value: 0.0, type: "float" },
};
