import type { Input } from "../../core/problem";
import type { SourceRange } from "../../core/range";
import type { Value } from "../../core/value";
import type { SyntaxNode } from "./syntax";

/**
 * What the static reader knows about a Python value. Numbers carry their provenance; anything the reader
 * cannot know is `unknown` with a reason and, where the user can supply it, the input that would.
 */
export type PyVal =
  | { readonly kind: "num"; readonly value: number; readonly isInt: boolean; readonly prov: Value }
  | { readonly kind: "bool"; readonly value: boolean; readonly range?: SourceRange }
  | { readonly kind: "str"; readonly value: string; readonly range?: SourceRange }
  | { readonly kind: "none" }
  | { readonly kind: "seq"; readonly tuple: boolean; readonly items: readonly PyVal[]; readonly range?: SourceRange }
  | { readonly kind: "dict"; readonly entries: readonly (readonly [PyVal, PyVal])[]; readonly range?: SourceRange }
  /** A `def` or `lambda` with the scope it closes over. */
  | { readonly kind: "func"; readonly node: SyntaxNode; readonly scope: Scope; readonly name: string }
  /** A dotted name that refers to an import or to something not defined in the file (`torch.optim.SGD`). */
  | { readonly kind: "ref"; readonly path: string; readonly imported: boolean }
  /** A method bound to a value: `scheduler.step`. */
  | { readonly kind: "method"; readonly self: PyVal; readonly name: string }
  /** A thing the reader models itself: an argparse parser, an optimizer, a scheduler, a data loader. */
  | { readonly kind: "object"; readonly type: string; readonly data: unknown }
  | Unknown;

export interface Unknown {
  readonly kind: "unknown";
  readonly reason: string;
  readonly range?: SourceRange;
  /** The user input that would make it known (`stepsPerEpoch` for `len(train_loader)`). */
  readonly needs?: Input;
}

export function unknown(reason: string, range?: SourceRange, needs?: Input): Unknown {
  return { kind: "unknown", reason, range, needs };
}

/** Variables of one Python scope, with the enclosing scope for reads (LEGB without the B). */
export class Scope {
  private readonly vars = new Map<string, PyVal>();

  constructor(readonly parent?: Scope) {}

  get(name: string): PyVal | undefined {
    return this.vars.get(name) ?? this.parent?.get(name);
  }

  set(name: string, value: PyVal): void {
    this.vars.set(name, value);
  }
}

/** Python truthiness where it is known; `undefined` where it is not. */
export function truthy(v: PyVal): boolean | undefined {
  switch (v.kind) {
    case "num":
      return v.value !== 0;
    case "bool":
      return v.value;
    case "str":
      return v.value.length > 0;
    case "none":
      return false;
    case "seq":
      return v.items.length > 0;
    case "dict":
      return v.entries.length > 0;
    case "unknown":
      return undefined;
    default:
      return true;
  }
}

/** A number, when the value is one (bools count, as in Python). */
export function asNumber(v: PyVal): number | undefined {
  if (v.kind === "num") return v.value;
  if (v.kind === "bool") return v.value ? 1 : 0;
  return undefined;
}

export function describe(v: PyVal): string {
  switch (v.kind) {
    case "num":
      return String(v.value);
    case "str":
      return JSON.stringify(v.value);
    case "ref":
      return v.path;
    case "unknown":
      return `unknown (${v.reason})`;
    default:
      return v.kind;
  }
}
