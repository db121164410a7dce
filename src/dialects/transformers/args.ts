import type { Input, Problem } from "../../core/problem";
import type { SourceRange } from "../../core/range";
import type { Value } from "../../core/value";

/** A plain value as the config loader or the Python call gives it to `TrainingArguments`. */
export type Plain = number | string | boolean | null | readonly Plain[] | { readonly [key: string]: Plain };

/** One key of the training arguments as the file writes it, with where it is written. */
export interface Setting {
  readonly key: string;
  /** The value; `undefined` when it cannot be read statically (see `unknown`). */
  readonly value: Plain | undefined;
  /** The value as a number with its provenance, when it is a number. */
  readonly num?: Value;
  readonly range?: SourceRange;
  readonly keyRange?: SourceRange;
  /** Why the value cannot be read, and the input that would supply it. */
  readonly unknown?: { readonly reason: string; readonly needs?: Input };
  /**
   * A YAML scalar such as `5e-5` that PyYAML types as a string (no dot); OmegaConf (LLaMA-Factory) and
   * pydantic (axolotl) make it a float.
   */
  readonly numberLikeString?: boolean;
}

/** Which program turns the keys into `TrainingArguments` and builds the scheduler. */
export type Flavor = "trainer" | "llamafactory" | "axolotl";

/** The training arguments of one file: a JSON/YAML config, or one `TrainingArguments(...)` call. */
export interface HfArgs {
  readonly file: string;
  /** What the user calls it (`training_args`, the file name). */
  readonly name: string;
  /** Where the arguments are defined: the call, or the whole config. */
  readonly source: SourceRange;
  readonly flavor: Flavor;
  /** `TrainingArguments`, `SFTConfig`...: whose field defaults apply. */
  readonly className: string;
  readonly settings: ReadonlyMap<string, Setting>;
  /** Problems met while reading the keys (arguments passed with `**`...). */
  readonly problems: readonly Problem[];
}

/** The number of a setting, when it has one. */
export function numberOf(s: Setting | undefined): number | undefined {
  return typeof s?.value === "number" ? s.value : typeof s?.value === "boolean" ? Number(s.value) : undefined;
}

/** A setting that is present and not `None`/`null`. */
export function isSet(s: Setting | undefined): s is Setting {
  return s !== undefined && s.value !== null;
}
