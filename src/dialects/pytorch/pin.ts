import type { ScheduleDescription } from "../../core/schedule";
import type { ReadResult, WorkspaceFiles } from "../index";
import { pinnedVersion } from "../versions";

/** Specifiers that fix the release series (`torch==1.13.1`, `~=1.13`, conda `=1.13`, poetry `^1.13`/`~1.13`); `>=1.13` may install 2.x. */
const fixing = /^(===|==|~=|=|\^|~)\d/;

/**
 * The torch release whose scheduler semantics a workspace's PyTorch schedules follow: the pinned one
 * (requirements.txt, pyproject.toml... nearest the entry, src/dialects/versions.ts) when the pin fixes the
 * release, else current main. `TorchProgram.torchVersion` switches the evaluator to 1.x semantics where they
 * differ (src/core/torch/scheduler.ts `legacyInitial`: SequentialLR handing over to a scheduler without a
 * closed form, e.g. MultiplicativeLR, which 1.13 leaves unchanged at the milestone and main multiplies).
 */
export function withTorchPin(result: ReadResult | undefined, entry: string, files: WorkspaceFiles): ReadResult | undefined {
  if (!result || !result.schedules.some((s) => s.program.family === "torch")) return result;
  const pin = pinnedVersion(files, entry, "torch");
  if (!pin || !fixing.test(pin.spec)) return result;
  const schedules = result.schedules.map((s): ScheduleDescription => {
    if (s.program.family !== "torch") return s;
    const note = { severity: "info" as const, code: "framework-version", message: `The workspace pins torch ${pin.spec}: following PyTorch ${pin.version}'s lr_scheduler.py.`, range: pin.range };
    return { ...s, program: { ...s.program, torchVersion: pin.version }, problems: [...s.problems, note] };
  });
  return { ...result, schedules };
}
