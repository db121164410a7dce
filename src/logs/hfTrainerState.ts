// Hugging Face Trainer's `trainer_state.json` (written by `TrainerState.save_to_json`: json.dumps(indent=2,
// sort_keys=True)): `log_history[]` entries with `learning_rate`, `step` and `epoch`, plus `max_steps` and
// `num_train_epochs`.
import { baseName, lineProblem, seriesOf, type LogPoint, type RunLog } from "./runLog";

/**
 * Alignment: transformers (src/transformers/trainer.py, `_inner_training_loop`, since 4.46) reads
 * `learning_rate = self._get_learning_rate()` after `optimizer.step()` and before `lr_scheduler.step()`,
 * then increments `global_step` and logs with `step = global_step`: the LR logged at step s was in effect
 * during tick s - 1. Older versions read it after the scheduler step (tick s); `compare.ts` accepts a
 * one-tick shift and says so.
 */
export function readHfTrainerState(file: string, text: string): RunLog {
  const source = { file, format: "hf-trainer-state" as const };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { source, unit: "step", series: [], problems: [lineProblem(file, 0, "error", "log-unreadable", `${baseName(file)} is not JSON: ${e instanceof Error ? e.message : String(e)}`)] };
  }
  const state = typeof json === "object" && json !== null ? (json as Record<string, unknown>) : {};
  const history = state.log_history;
  if (!Array.isArray(history)) {
    return { source, unit: "step", series: [], problems: [lineProblem(file, 0, "error", "log-unreadable", `${baseName(file)} has no log_history: not a Trainer state.`)] };
  }
  const points: LogPoint[] = [];
  for (const entry of history) {
    if (typeof entry !== "object" || entry === null) continue;
    const { learning_rate: lr, step } = entry as Record<string, unknown>;
    if (typeof lr === "number" && typeof step === "number" && Number.isInteger(step) && step >= 1) points.push([step - 1, lr]);
  }
  const problems = points.length === 0 ? [lineProblem(file, 0, "warning", "log-no-lr", `${baseName(file)} logged no learning_rate (logging_steps larger than the run, or report_to only).`)] : [];
  const maxSteps = typeof state.max_steps === "number" && state.max_steps > 0 ? state.max_steps : undefined;
  const epochs = typeof state.num_train_epochs === "number" && state.num_train_epochs > 0 ? state.num_train_epochs : undefined;
  // max_steps = num_train_epochs × num_update_steps_per_epoch when the run was given epochs (trainer.py, `set_initial_training_values`).
  const stepsPerEpoch = maxSteps !== undefined && epochs !== undefined && Number.isInteger(maxSteps / epochs) ? maxSteps / epochs : undefined;
  return {
    source,
    unit: "step",
    series: seriesOf(new Map([["learning_rate", points]])),
    ...(stepsPerEpoch !== undefined ? { stepsPerEpoch } : {}),
    ...(maxSteps !== undefined ? { total: maxSteps } : {}),
    problems,
  };
}
