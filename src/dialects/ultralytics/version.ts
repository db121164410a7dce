import type { Problem } from "../../core/problem";
import type { UltralyticsLoop } from "../../core/ultralytics/spec";
import type { WorkspaceFiles } from "../index";
import { pinnedVersion } from "../versions";

/** The release the reader follows when the workspace pins none (the newest one its semantics were read from). */
export const CURRENT_RELEASE = "8.4.190";

/** How the release followed builds the optimizer and runs the loop. */
export interface UltralyticsSemantics {
  readonly version: string;
  readonly loop: UltralyticsLoop;
  /**
   * 8.4 on: groups `[weight, bn, bias]` labelled by `param_group`, the warmup finds the bias by its label
   * (MuSGD: each split into a head group at 3 × lr and the rest, plus the muon groups). Before: `[bias, weight,
   * bn]` (SGD built on g[2], then `add_param_group` g[0], g[1]) and the warmup takes `j == 0` for the bias.
   */
  readonly labelledGroups: boolean;
  /** `optimizer: auto` exists (8.0.114 on); before, the default is SGD. */
  readonly hasAuto: boolean;
  /** What `auto` picks for long runs (`iterations > 10000`): SGD before 8.4, MuSGD since. */
  readonly autoLong: "SGD" | "MuSGD";
  /** Optimizer names `build_optimizer` accepts, as it spells them. */
  readonly optimizers: readonly string[];
}

function parse(v: string): number[] {
  return v.split(".").map((p) => (p === "*" || p === "x" ? 9999 : Number.parseInt(p, 10) || 0));
}

/** a < b for dotted versions. */
export function versionBefore(a: string, b: string): boolean {
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d < 0;
  }
  return false;
}

/** The semantics of one release (boundaries read from ultralytics/engine/trainer.py history). */
export function semanticsOf(version: string): UltralyticsSemantics {
  const before = (b: string): boolean => versionBefore(version, b);
  const labelled = !before("8.4.0");
  const optimizers = labelled ? ["Adam", "Adamax", "AdamW", "NAdam", "RAdam", "RMSprop", "SGD", "MuSGD", "auto"] : before("8.0.114") ? ["Adam", "AdamW", "RMSProp", "SGD"] : ["Adam", "Adamax", "AdamW", "NAdam", "RAdam", "RMSProp", "SGD", "auto"];
  return {
    version,
    loop: {
      warmupRule: !before("8.4.103") ? "capped" : before("8.0.100") ? "always100" : "min100",
      // PR #9468 (April 2024) moved scheduler.step() to the start of the epoch.
      schedulerStep: before("8.1.43") ? "epoch-end" : "epoch-start",
    },
    labelledGroups: labelled,
    hasAuto: !before("8.0.114"),
    autoLong: labelled ? "MuSGD" : "SGD",
    optimizers,
  };
}

/**
 * The release to follow: the one the workspace pins (`ultralytics==8.3.40`), else the current one; an info
 * problem says which, at the pin.
 */
export function followedRelease(files: WorkspaceFiles, entry: string, problems: Problem[]): UltralyticsSemantics {
  const pin = pinnedVersion(files, entry, "ultralytics");
  const exact = pin && /^(?:===|==|=|~=|\^|~|<=)/.test(pin.spec) && /^\d/.test(pin.version);
  if (pin && exact) {
    const s = semanticsOf(pin.version);
    problems.push({ severity: "info", code: "framework-version", message: `Following ultralytics ${pin.version} as the workspace pins it (${pin.spec}): ${describeSemantics(s)}`, range: pin.range });
    return s;
  }
  const s = semanticsOf(CURRENT_RELEASE);
  problems.push({
    severity: "info",
    code: "framework-version",
    message: pin ? `ultralytics ${pin.spec} lets pip install the current release: following ultralytics ${CURRENT_RELEASE} (${describeSemantics(s)})` : `No ultralytics version is pinned here: following the current release, ${CURRENT_RELEASE} (${describeSemantics(s)})`,
    ...(pin ? { range: pin.range } : {}),
  });
  return s;
}

function describeSemantics(s: UltralyticsSemantics): string {
  const warmup = s.loop.warmupRule === "capped" ? "warmup of round(min(warmup_epochs, epochs - 1) × batches) iterations" : s.loop.warmupRule === "min100" ? "warmup of at least 100 iterations" : "warmup of at least 100 iterations, even with warmup_epochs 0";
  const groups = s.labelledGroups ? "param groups weight, bn, bias" : "param groups bias, weight, bn";
  const step = s.loop.schedulerStep === "epoch-start" ? "LR stepped at each epoch's start" : "LR stepped after each epoch";
  return `${warmup}, ${groups}, ${step}`;
}
