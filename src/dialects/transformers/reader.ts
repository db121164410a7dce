import type { ReaderContext, ReadResult } from "../index";
import { readHfConfig } from "./config";
import { readHfPython } from "./python";
import { describeHfArgs } from "./schedule";

/**
 * The Hugging Face Trainer's schedule from a file of training arguments: a JSON or YAML config
 * (`training_args.json`, LLaMA-Factory, axolotl) or the `TrainingArguments(...)`/TRL config calls of a
 * Python script. `undefined` when the file holds none.
 */
export function readTransformers(fileName: string, text: string, context: ReaderContext): ReadResult | undefined {
  if (fileName.endsWith(".py")) {
    const calls = readHfPython(fileName, text);
    if (calls.length === 0) return undefined;
    return { schedules: calls.map((c) => describeHfArgs(c, context.inputs)), problems: [] };
  }
  const args = readHfConfig(fileName, text, context.files);
  if (!args) return undefined;
  return { schedules: [describeHfArgs(args, context.inputs)], problems: [] };
}
