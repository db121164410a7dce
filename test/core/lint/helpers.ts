import { evaluate } from "../../../src/core/evaluate";
import { lintSchedule, type LintFinding } from "../../../src/core/lint";
import type { ScheduleDescription } from "../../../src/core/schedule";
import type { Curve } from "../../../src/core/curve";
import { readSchedules, type Inputs } from "../../../src/dialects";

/** A PyTorch training script around the given optimizer/scheduler lines, with an epoch or batch loop. */
export function script(setup: string, options: { perBatch?: boolean; epochs?: number; step?: string } = {}): string {
  const epochs = options.epochs ?? 90;
  const step = options.step ?? "scheduler.step()";
  const body = options.perBatch
    ? `for epoch in range(${epochs}):\n    for batch in train_loader:\n        optimizer.step()\n        ${step}\n`
    : `for epoch in range(${epochs}):\n    for batch in train_loader:\n        optimizer.step()\n    ${step}\n`;
  return `import torch\nfrom torch.optim.lr_scheduler import *\n\nmodel = torch.nn.Linear(2, 2)\n${setup}\n\n${body}`;
}

export function read(text: string, inputs: Inputs = { stepsPerEpoch: 100 }): { schedule: ScheduleDescription; curve: Curve } {
  const result = readSchedules("train.py", text, inputs);
  const schedule = result.schedules[0];
  if (!schedule) throw new Error(`no schedule: ${JSON.stringify(result.problems)}`);
  return { schedule, curve: evaluate(schedule) };
}

/** Findings of one rule on a script. */
export function findings(code: string, text: string, inputs?: Inputs): LintFinding[] {
  const { schedule, curve } = read(text, inputs);
  return lintSchedule(schedule, curve).filter((f) => f.code === code);
}
