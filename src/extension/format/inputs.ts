import type { Assumption, Input } from "../../core/problem";
import type { Inputs } from "../../dialects";

/** The inputs a user can type for a file (what the files cannot say), in the order they are offered. */
export const settableInputs = ["stepsPerEpoch", "datasetSize", "devices", "gradientAccumulation", "totalSteps", "epochs"] as const satisfies readonly Input[];
export type SettableInput = (typeof settableInputs)[number];

export const inputLabels: Readonly<Record<SettableInput, string>> = {
  stepsPerEpoch: "Steps per epoch",
  datasetSize: "Dataset size",
  devices: "Devices",
  gradientAccumulation: "Gradient accumulation",
  totalSteps: "Total steps",
  epochs: "Epochs",
};

/** The magic-comment spelling (`# lrscope: steps_per_epoch=500`). */
export function commentName(input: SettableInput): string {
  return input.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());
}

export interface InputChoice {
  readonly input: SettableInput;
  /** The schedules need it: an assumption has no value. */
  readonly needed: boolean;
  /** The schedules use it (an assumption names it), with or without a value. */
  readonly used: boolean;
  /** Set for this file (panel or command). */
  readonly perFile?: number;
  /** The value in effect (settings, per file, magic comment). */
  readonly effective?: number;
  /** Why it is needed or used: the assumptions' messages. */
  readonly reasons: readonly string[];
}

/** The inputs to offer for a file: needed first, then used, then the others. */
export function inputChoices(assumptions: readonly Assumption[], perFile: Inputs, effective: Inputs): InputChoice[] {
  const choices = settableInputs.map((input): InputChoice => {
    const mine = assumptions.filter((a) => a.input === input);
    return { input, needed: mine.some((a) => a.value === undefined), used: mine.length > 0, perFile: perFile[input], effective: effective[input], reasons: [...new Set(mine.map((a) => a.message))] };
  });
  const rank = (c: InputChoice): number => (c.needed ? 0 : c.used || c.perFile !== undefined ? 1 : 2);
  return choices.map((c, i) => ({ c, i })).sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i).map(({ c }) => c);
}

/** The per-file inputs after the user typed new values (`undefined` clears one). */
export function mergeInputs(perFile: Inputs, typed: Partial<Record<SettableInput, number | undefined>>): Inputs {
  const out: Record<string, number> = { ...perFile };
  for (const [k, v] of Object.entries(typed)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}
