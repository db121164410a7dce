import * as vscode from "vscode";
import { MAX_TICKS } from "../core/evaluate";
import type { Inputs } from "../dialects";

/** The `lrscope.*` settings as one typed object, read once and refreshed on change (as Error Lens does). */
export interface Settings {
  /** The chosen epoch shown by the hover, the status bar and the panel. */
  readonly epoch: number;
  /** Defaults for what files cannot say; per-file inputs and magic comments override them. */
  readonly inputs: Inputs;
  /** Diagnostic codes turned off. */
  readonly disabledRules: ReadonlySet<string>;
  readonly exclude: readonly string[];
  /** Which editor views are on (`lrscope.hover.enabled`...). */
  readonly hover: boolean;
  readonly codeLens: boolean;
  readonly statusBar: boolean;
  /** Index the whole workspace for the "LR Schedules" view. */
  readonly workspaceIndex: boolean;
  /** Curves longer than this many ticks are refused (`lrscope.maxTicks`, default `MAX_TICKS`). */
  readonly maxTicks: number;
}

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration("lrscope");
  const positive = (key: string): number | undefined => {
    const v = c.get<number | null>(key);
    return typeof v === "number" && Number.isFinite(v) && v > 0 ? v : undefined;
  };
  const inputs: Record<string, number> = {};
  for (const [key, input] of [
    ["stepsPerEpoch", "stepsPerEpoch"],
    ["devices", "devices"],
    ["datasetSize", "datasetSize"],
    ["gradientAccumulation", "gradientAccumulation"],
  ] as const) {
    const v = positive(key);
    if (v !== undefined) inputs[input] = v;
  }
  const rules = c.get<Record<string, boolean>>("diagnostics.rules") ?? {};
  return {
    epoch: Math.max(0, c.get<number>("epoch") ?? 0),
    inputs,
    disabledRules: new Set(Object.entries(rules).filter(([, on]) => on === false).map(([code]) => code)),
    exclude: c.get<string[]>("exclude") ?? [],
    hover: c.get<boolean>("hover.enabled") ?? true,
    codeLens: c.get<boolean>("codeLens.enabled") ?? true,
    statusBar: c.get<boolean>("statusBar.enabled") ?? true,
    workspaceIndex: c.get<boolean>("workspaceIndex.enabled") ?? true,
    maxTicks: Math.max(1, Math.floor(positive("maxTicks") ?? MAX_TICKS)),
  };
}
