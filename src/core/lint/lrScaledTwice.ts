import { explainValue } from "../explain";
import type { Value } from "../value";
import type { LintRule } from "./rule";

/** Hand-written batch scaling: `0.1 * batch_size / 256`, `lr * world_size`, `* 1024 / 256`. */
const byHand = /batch|world_size|num_gpus|gpus|n_gpu|devices|nodes|\*\s*[\d.]+\s*\/\s*(?:128|256|512|1024)\b|\/\s*(?:128|256|512|1024)\b/i;

function scaledByHand(v: Value): boolean {
  return v.origin.kind === "expression" && (byHand.test(v.origin.text) || v.origin.inputs.some(scaledByHand));
}

/**
 * The framework scales the base LR with the global batch (timm `lr_base`, MMEngine `auto_scale_lr`), and
 * the value it scales is already scaled by hand: the batch ratio is applied twice.
 */
export const lrScaledTwice: LintRule = {
  code: "lr-scaled-twice",
  description: "The LR is scaled with the batch size by hand and again by the framework (auto_scale_lr, lr_base).",
  check(desc) {
    const s = desc.scaling;
    if (!s || !scaledByHand(s.referenceLr)) return [];
    return [
      {
        severity: "warning",
        code: this.code,
        message: `The reference LR ${explainValue(s.referenceLr)} is already scaled with the batch size, and the framework scales it again (${s.rule}: × ${s.globalBatch.value} / ${s.referenceBatch.value}): write the LR for the reference batch of ${s.referenceBatch.value}`,
        range: s.referenceLr.range ?? desc.source,
      },
    ];
  },
};
