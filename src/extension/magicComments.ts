import type { Input } from "../core/problem";
import type { Inputs } from "../dialects";

const names: Readonly<Record<string, Input>> = {
  steps_per_epoch: "stepsPerEpoch",
  devices: "devices",
  dataset_size: "datasetSize",
  gradient_accumulation: "gradientAccumulation",
  total_steps: "totalSteps",
};

/**
 * Inputs written in the file itself, in files that allow `#` comments (Python, YAML, shell):
 * `# lrscope: steps_per_epoch=500 devices=8`. Unknown names and bad numbers are ignored.
 */
export function magicCommentInputs(text: string): Inputs {
  const inputs: Record<string, number> = {};
  for (const line of text.split("\n")) {
    const m = /^\s*#\s*lrscope:\s*(.*)$/.exec(line);
    if (!m) continue;
    for (const pair of m[1]!.split(/\s+/)) {
      const [key, value] = pair.split("=");
      const input = key ? names[key.replace(/-/g, "_")] : undefined;
      const n = Number(value);
      if (input && value !== undefined && Number.isFinite(n) && n > 0) inputs[input] = n;
    }
  }
  return inputs;
}
