/** A file of the workspace index with what the tree shows for it. */
export interface IndexedSchedule {
  readonly name: string;
  readonly line: number;
  /** The notebook cell `line` is in (`SourceRange.cell`), for a `.ipynb`. */
  readonly cell?: number;
  readonly summary: string;
}

export interface IndexedFile {
  /** Workspace-relative path with `/` (prefixed by the folder's name in a multi-root workspace). */
  readonly relativePath: string;
  readonly uri: string;
  readonly schedules: readonly IndexedSchedule[];
}

export interface FolderGroup {
  /** The folder's relative path; `""` for the workspace root. */
  readonly folder: string;
  readonly files: readonly IndexedFile[];
}

/** Files with schedules, grouped by folder, folders and files sorted by path. */
export function groupByFolder(files: Iterable<IndexedFile>): FolderGroup[] {
  const groups = new Map<string, IndexedFile[]>();
  for (const f of files) {
    if (f.schedules.length === 0) continue;
    const slash = f.relativePath.lastIndexOf("/");
    const folder = slash < 0 ? "" : f.relativePath.slice(0, slash);
    const list = groups.get(folder) ?? [];
    list.push(f);
    groups.set(folder, list);
  }
  const byPath = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...groups.entries()].sort(([a], [b]) => byPath(a, b)).map(([folder, list]) => ({ folder, files: list.sort((a, b) => byPath(a.relativePath, b.relativePath)) }));
}

/** The file name of a relative path. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/**
 * A glob of `files.exclude` / `lrscope.exclude` as a regular expression over workspace-relative paths:
 * `**` any folders, `*` and `?` within a name, `{a,b}` alternatives (nested allowed).
 */
export function globToRegExp(glob: string): RegExp {
  let i = 0;
  const parse = (inBraces: boolean): string => {
    let out = "";
    while (i < glob.length) {
      const c = glob[i]!;
      if (inBraces && (c === "," || c === "}")) return out;
      i++;
      if (c === "*") {
        if (glob[i] === "*") {
          i++;
          if (glob[i] === "/") {
            i++;
            out += "(?:.*/)?";
          } else out += ".*";
        } else out += "[^/]*";
      } else if (c === "?") out += "[^/]";
      else if (c === "{") {
        const alts: string[] = [];
        for (;;) {
          alts.push(parse(true));
          const d = glob[i++];
          if (d !== ",") break;
        }
        out += `(?:${alts.join("|")})`;
      } else out += c.replace(/[.+^$()|[\]\\]/g, "\\$&");
    }
    return out;
  };
  const body = parse(false);
  // A pattern without a slash-leading `**` still matches at any depth's end, as VS Code's globs do for `**/x`.
  return new RegExp(`^${body}(?:/.*)?$`);
}

/** Whether a workspace-relative path is excluded by any of the globs. */
export function isExcluded(relativePath: string, globs: readonly string[]): boolean {
  return globs.some((g) => globToRegExp(g).test(relativePath));
}

/** `files.exclude` (a map of globs to on/off or `when` clauses) and `lrscope.exclude` as one brace glob. */
export function excludeGlob(filesExclude: Readonly<Record<string, unknown>>, extra: readonly string[]): string | undefined {
  // VS Code's glob does not nest braces: expand each glob's own alternatives first.
  const globs = [...new Set([...Object.entries(filesExclude).filter(([, on]) => on === true).map(([g]) => g), ...extra].filter((g) => g.trim() !== "").flatMap(expandBraces))];
  if (globs.length === 0) return undefined;
  return globs.length === 1 ? globs[0] : `{${globs.join(",")}}`;
}

/** Expands brace alternatives: `x.{a,b}` → `x.a`, `x.b` (nested and several groups too). */
export function expandBraces(glob: string): string[] {
  const open = glob.indexOf("{");
  if (open < 0) return [glob];
  let depth = 0;
  let close = -1;
  const cuts: number[] = [];
  for (let i = open; i < glob.length; i++) {
    const c = glob[i];
    if (c === "{") depth++;
    else if (c === "}" && --depth === 0) {
      close = i;
      break;
    } else if (c === "," && depth === 1) cuts.push(i);
  }
  if (close < 0) return [glob];
  const bounds = [open, ...cuts, close];
  const alts = bounds.slice(0, -1).map((b, k) => glob.slice(b + 1, bounds[k + 1]));
  const head = glob.slice(0, open);
  const tail = glob.slice(close + 1);
  return alts.flatMap((a) => expandBraces(head + a + tail));
}
