import type { Translate } from "./translate";
import { english } from "./translate";

/** The chosen epoch typed in the Set Epoch box: a number ≥ 0 (fractions pick a step inside the epoch). */
export function parseEpoch(text: string, t: Translate = english): { readonly epoch: number } | { readonly error: string } {
  const trimmed = text.trim();
  if (trimmed === "") return { error: t("Type an epoch, counted from 0") };
  const n = Number(trimmed);
  if (!Number.isFinite(n)) return { error: t("{0} is not a number", trimmed) };
  if (n < 0) return { error: t("The epoch is counted from 0: it cannot be negative") };
  return { epoch: n };
}

/** A positive number for an input box, or empty to clear the value. */
export function parsePositive(text: string, t: Translate = english): { readonly value: number | undefined } | { readonly error: string } {
  const trimmed = text.trim().replace(/_/g, "");
  if (trimmed === "") return { value: undefined };
  const n = Number(trimmed);
  if (!Number.isFinite(n) || n <= 0) return { error: t("Type a positive number, or leave empty to clear") };
  return { value: n };
}
