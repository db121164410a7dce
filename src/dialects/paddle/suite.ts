import type { Assumption, Problem } from "../../core/problem";
import type { SourceRange } from "../../core/range";
import type { PaddleSchedulerSpec } from "../../core/paddle/spec";
import type { ParamGroup, Unit } from "../../core/schedule";
import { derived, frameworkDefault, literal, userInput, type Value } from "../../core/value";
import type { Inputs } from "../index";
import { pyNum, type PyNum } from "./args";
import { get, type PMap } from "./yaml";

/** One optimizer's schedule as a suite builds it. */
export interface SuiteGroup {
  readonly scheduler: PaddleSchedulerSpec;
  readonly stepEvery: number;
  readonly group: ParamGroup;
  readonly boundaries?: readonly { readonly tick: number; readonly label: string }[];
}

/** What a suite's builder makes of a config. */
export interface SuiteResult {
  readonly name: string;
  readonly unit: Unit;
  readonly groups: readonly SuiteGroup[];
  readonly epochs?: Value;
  readonly total?: Value;
  readonly stepsPerEpoch?: Value;
  readonly source: SourceRange;
  /** The schedule's warnings and notes. */
  readonly problems: Problem[];
  readonly assumptions: Assumption[];
}

/**
 * Iterations per epoch (`len(train_dataloader)`): the user's `--steps-per-epoch`, else a value the config
 * gives (PaddleClas `Global.iter_per_epoch`), else unknown. Asked for only when a formula needs it.
 */
export class StepsPerEpoch {
  needed = false;
  readonly value?: Value;
  readonly int: boolean;

  constructor(
    inputs: Inputs,
    fromFile?: PyNum,
    readonly range?: SourceRange,
  ) {
    if (inputs.stepsPerEpoch !== undefined && inputs.stepsPerEpoch > 0) this.value = userInput(inputs.stepsPerEpoch, "--steps-per-epoch");
    else if (fromFile) this.value = fromFile.value;
    this.int = inputs.stepsPerEpoch !== undefined ? true : (fromFile?.int ?? true);
  }

  get(): PyNum | undefined {
    this.needed = true;
    return this.value ? pyNum(this.value.value, this.int, this.value) : undefined;
  }

  assumption(): Assumption | undefined {
    if (this.value?.origin.kind === "user") return { input: "stepsPerEpoch", message: `${this.value.value} iterations per epoch (--steps-per-epoch)`, value: this.value.value };
    if (!this.value && this.needed) return { input: "stepsPerEpoch", message: "Iterations per epoch (len(train_dataloader)) depend on the dataset size, batch size and number of devices", range: this.range };
    return undefined;
  }
}

/** The optimizer's momentum (Momentum) or β1 (Adam, AdamW), as the suites pass them to paddle.optimizer. */
export function momentumOf(optimizer: PMap | undefined, type: string | undefined, defaultsOf: string): Pick<ParamGroup, "momentum" | "momentumKind"> {
  const t = (type ?? "").toLowerCase();
  const read = (key: string): Value | undefined => {
    const n = get(optimizer, key);
    return n?.kind === "scalar" && typeof n.value === "number" ? literal(n.value, n.range) : undefined;
  };
  if (t === "momentum" || (t === "sgd" && read("momentum"))) {
    const m = read("momentum");
    return m ? { momentum: m, momentumKind: "momentum" } : {};
  }
  if (t === "adam" || t === "adamw" || t === "adamwdl" || t === "lamb") return { momentum: read("beta1") ?? frameworkDefault(0.9, `${defaultsOf} ${type} default beta1`), momentumKind: "beta1" };
  return {};
}

export function timesValue(a: Value, b: Value, text: string): Value {
  return derived(a.value * b.value, text, [a, b], a.range);
}
