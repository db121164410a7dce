// Which run log goes with which config: the user's choice first (remembered per workspace by the
// extension), else a log in the config's own run folder. Frameworks save a copy of the config beside their
// logs — MMEngine `work_dirs/<cfg>/<cfg>.py` and `<timestamp>/vis_data/config.py`, timm
// `output/train/<run>/args.yaml`, Ultralytics `runs/<task>/<run>/args.yaml`, LightningCLI
// `lightning_logs/version_N/config.yaml`, LLaMA-Factory `<output_dir>/training_args.yaml` — so a log at most
// a few folders below the config's folder is the config's run. Pure: paths in, paths out.
import { logFormatOf } from "./index";

const maxDepth = 3;

function dirOf(path: string): string {
  const p = path.replace(/\\/g, "/");
  const i = p.lastIndexOf("/");
  return i < 0 ? "" : p.slice(0, i);
}

/** Folders from the config's folder down to the log's, or `undefined` when the log is not below it. */
function depthBelow(configPath: string, logPath: string): number | undefined {
  const dir = dirOf(configPath);
  const logDir = dirOf(logPath);
  if (dir !== "" && logDir !== dir && !logDir.startsWith(dir + "/")) return undefined;
  const rest = logDir.slice(dir.length).split("/").filter(Boolean);
  return rest.length;
}

/**
 * The logs of the config's run, best first: nearest folder, then newest-looking path (run folders are
 * named by time or version, so the last in name order), then formats that say more (step-level first).
 */
export function runLogsOf(configPath: string, logPaths: readonly string[]): string[] {
  const rank: Record<string, number> = { "hf-trainer-state": 0, "mmengine-json": 1, "lightning-csv": 2, tensorboard: 3, "ultralytics-csv": 4, "timm-summary": 5 };
  return logPaths
    .flatMap((p) => {
      const depth = depthBelow(configPath, p);
      const format = logFormatOf(p);
      return depth !== undefined && depth <= maxDepth && format !== undefined ? [{ p, depth, r: rank[format] ?? 9 }] : [];
    })
    .sort((a, b) => a.depth - b.depth || (dirOf(a.p) === dirOf(b.p) ? a.r - b.r : dirOf(b.p).localeCompare(dirOf(a.p))))
    .map((x) => x.p);
}
