import type { SourceRange } from "../core/range";
import { LineIndex } from "../parse/lines";
import type { WorkspaceFiles } from "./index";
import { dirname, joinPath } from "./paths";

/** A framework version the workspace pins, and where. */
export interface PinnedVersion {
  readonly package: string;
  /** The version as written (`2.1.0`, `1.13.*`); the specifier is in `spec`. */
  readonly version: string;
  readonly spec: string;
  readonly range: SourceRange;
}

/** Files that pin Python packages, looked for in the entry's folder and each folder above it. */
const pinFiles = ["requirements.txt", "requirements-train.txt", "requirements-dev.txt", "requirements/train.txt", "requirements/runtime.txt", "requirements/base.txt", "pyproject.toml", "setup.cfg", "environment.yml", "environment.yaml"];

const maxLevels = 8;

/**
 * The version of `pkg` the workspace pins for the file `entry`: the nearest pin file that names it
 * (`pkg==2.1.0`, `pkg>=2.1,<3`, `pkg = "^2.1"`, `- pkg=2.1` in conda). PEP 503 name normalisation.
 * Frameworks change their schedules between releases; readers follow the pinned one and say which.
 */
export function pinnedVersion(files: WorkspaceFiles, entry: string, pkg: string): PinnedVersion | undefined {
  const want = normalise(pkg);
  let dir = dirname(entry);
  for (let level = 0; level < maxLevels; level++) {
    for (const name of pinFiles) {
      const path = joinPath(dir, name);
      const text = files.read(path);
      if (text === undefined) continue;
      const found = findPin(path, text, want);
      if (found) return { package: pkg, ...found };
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

// `name [extras] (==|~=|>=|<=|>|<|=|^|~) version`, as requirement lines, TOML strings and conda specs write it.
// A name starts where a run of name characters starts (without the lookbehind, every start inside a long run
// was tried again: quadratic).
const requirement = /(?<![A-Za-z0-9._-])([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?:=\s*"\s*)?((?:===|==|~=|>=|<=|!=|>|<|=|\^|~)\s*[0-9][^\s,;"'#)]*)/g;

function findPin(file: string, text: string, want: string): Omit<PinnedVersion, "package"> | undefined {
  const lines = new LineIndex(file, text);
  for (const m of text.matchAll(requirement)) {
    if (normalise(m[1]!) !== want) continue;
    const spec = m[2]!.replace(/\s+/g, "");
    const version = spec.replace(/^(===|==|~=|>=|<=|!=|>|<|=|\^|~)/, "");
    const start = m.index;
    return { version, spec, range: lines.range(start, start + m[0].length) };
  }
  return undefined;
}
