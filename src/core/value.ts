import type { SourceRange } from "./range";

/**
 * Where a number came from. Hovers print the story, diagnostics point at the range, and the values
 * that came from a default or from the user are the schedule's assumptions.
 */
export type Origin =
  /** Written in the file as a literal. */
  | { readonly kind: "literal" }
  /**
   * A default the file did not override; `source` names it ("torch.optim.SGD default"). `flag` is set when
   * it is the default of a command-line flag (`--lr`), which a launch may override: an assumption.
   */
  | { readonly kind: "default"; readonly source: string; readonly flag?: string }
  /** Computed from other values; `text` is the expression as written (`0.1 * batch_size / 256`). */
  | { readonly kind: "expression"; readonly text: string; readonly inputs: readonly Value[] }
  /** Supplied by the user: a CLI option, a setting, a magic comment. */
  | { readonly kind: "user"; readonly option: string };

export interface Value<T = number> {
  readonly value: T;
  readonly origin: Origin;
  /** Where the value is written; absent for framework defaults and user input. */
  readonly range?: SourceRange;
}

export function literal<T>(value: T, range?: SourceRange): Value<T> {
  return { value, origin: { kind: "literal" }, range };
}

export function frameworkDefault<T>(value: T, source: string): Value<T> {
  return { value, origin: { kind: "default", source } };
}

export function userInput<T>(value: T, option: string): Value<T> {
  return { value, origin: { kind: "user", option } };
}

export function derived<T>(value: T, text: string, inputs: readonly Value[], range?: SourceRange): Value<T> {
  return { value, origin: { kind: "expression", text, inputs }, range };
}

/** The inputs a value rests on, transitively, that were not written in the file (defaults, user input). */
export function assumedInputs(v: Value<unknown>): Value[] {
  const out: Value[] = [];
  const visit = (x: Value<unknown>): void => {
    if (x.origin.kind === "expression") x.origin.inputs.forEach(visit);
    else if (x.origin.kind !== "literal") out.push(x as Value);
  };
  visit(v);
  return out;
}
