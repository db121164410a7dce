import type { SourceRange } from "../../core/range";
import type { Value } from "../../core/value";

/** A train argument as a file says it: a YAML key, a `model.train(...)` keyword, a `yolo train key=value`. */
export interface Setting {
  /** What Python would hold; `undefined` when the file cannot say (then `unknown` says why). */
  readonly value: number | string | boolean | null | readonly unknown[] | undefined;
  readonly unknown?: string;
  /** Where it is written (the value). */
  readonly range?: SourceRange;
  /** The whole `key: value` / `key=value`. */
  readonly keyRange?: SourceRange;
  /** The number's own provenance where the reader has one (an expression, an argparse default). */
  readonly prov?: Value;
  /** `cfg` YAML, args YAML, `train()` keyword, CLI word. */
  readonly from: string;
}

export type Settings = Map<string, Setting>;

/**
 * The train arguments that shape the LR and their defaults in ultralytics/cfg/default.yaml (unchanged
 * through 8.0 – 8.4, except `optimizer`, `SGD` before 8.0.114's `auto`).
 */
export const ULTRALYTICS_DEFAULTS: Readonly<Record<string, number | string | boolean | null>> = {
  epochs: 100,
  time: null,
  batch: 16,
  optimizer: "auto",
  cos_lr: false,
  resume: false,
  lr0: 0.01,
  lrf: 0.01,
  momentum: 0.937,
  weight_decay: 0.0005,
  warmup_epochs: 3.0,
  warmup_momentum: 0.8,
  warmup_bias_lr: 0.1,
  nbs: 64,
  data: null,
  device: null,
  fraction: 1.0,
  single_cls: false,
};

export const DEFAULT_CFG = "ultralytics/cfg/default.yaml";

/**
 * Keys only Ultralytics' train args have (default.yaml), used to recognise its YAML files; `lr0` + `lrf` is
 * shared with YOLOv5's hyp files, which lack these.
 */
export const ULTRALYTICS_ONLY_KEYS = new Set(["cos_lr", "nbs", "close_mosaic", "dfl", "overlap_mask", "mask_ratio", "warmup_bias_lr", "save_period", "exist_ok", "val", "plots", "half", "dnn", "amp", "rect", "fraction", "single_cls", "freeze", "multi_scale", "imgsz", "task", "mode", "copy_paste", "mosaic", "mixup", "hsv_h", "fliplr", "auto_augment", "erasing", "kobj", "pose", "box", "cls"]);

/** YOLOv5 `hyp.*.yaml` keys that Ultralytics' args never had. */
export const YOLOV5_HYP_KEYS = new Set(["anchor_t", "iou_t", "obj_pw", "cls_pw", "fl_gamma", "anchors"]);
