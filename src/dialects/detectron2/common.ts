import type { Problem } from "../../core/problem";
import type { SourceRange } from "../../core/range";
import type { WorkspaceFiles } from "../index";
import { pinnedVersion } from "../versions";

export const DIALECT = "detectron2";

/** The detectron2 source this reader follows when the workspace pins no version. */
export const CURRENT = "main @ 02b5c4e (2026)";

/**
 * Which detectron2 semantics apply. `legacy`: ≤ 0.3, `_LRScheduler` subclasses (WarmupMultiStepLR /
 * WarmupCosineLR); `fvcore`: 0.4–0.6, `LRMultiplier` over fvcore param schedulers, cosine to 0;
 * `current`: later releases and main (BASE_LR_END, WarmupStepWithFixedGammaLR, RESCALE_INTERVAL).
 */
export type Semantics = "legacy" | "fvcore" | "current";

export interface VersionChoice {
  readonly semantics: Semantics;
  readonly label: string;
  readonly note: Problem;
}

export function chooseVersion(files: WorkspaceFiles, entry: string, fallbackRange: SourceRange): VersionChoice {
  const pin = pinnedVersion(files, entry, "detectron2");
  if (!pin) return { semantics: "current", label: CURRENT, note: { severity: "info", code: "framework-version", message: `No detectron2 version is pinned in the workspace: following the current detectron2 (${CURRENT}).`, range: fallbackRange } };
  const m = /^(\d+)\.(\d+)/.exec(pin.version);
  const major = m ? Number(m[1]) : Number.NaN;
  const minor = m ? Number(m[2]) : Number.NaN;
  let semantics: Semantics = "current";
  if (major === 0 && minor <= 3) semantics = "legacy";
  else if (major === 0 && minor <= 6) semantics = "fvcore";
  // `>=0.4` or `~=0.6` allow later releases too; only an exact pin decides for an older one.
  const exact = /^(==|===|=|~=)/.test(pin.spec) || /^\d/.test(pin.spec);
  if (!exact && semantics !== "current") semantics = "current";
  const label = semantics === "current" && !exact ? `${CURRENT} (allowed by ${pin.spec})` : `detectron2 ${pin.version}`;
  const what = semantics === "legacy" ? "WarmupMultiStepLR / WarmupCosineLR as _LRScheduler classes (before v0.4)" : semantics === "fvcore" ? "LRMultiplier over fvcore param schedulers, cosine to 0 (v0.4–v0.6)" : "LRMultiplier over fvcore param schedulers";
  return { semantics, label, note: { severity: "info", code: "framework-version", message: `The workspace pins detectron2 ${pin.spec}: following ${label} semantics: ${what}.`, range: pin.range } };
}

/** Python 3 `round()`: half to even. */
export function pyRound(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
