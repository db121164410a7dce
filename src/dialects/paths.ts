/**
 * POSIX-style path arithmetic for the paths readers exchange (`_base_` files, sibling configs). Pure, so
 * the same code runs in the CLI, the desktop extension host and vscode.dev.
 */
export function dirname(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "." : i === 0 ? "/" : path.slice(0, i);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** Joins and normalises (`a/b/../c` → `a/c`); an absolute `rel` replaces `base`. */
export function joinPath(base: string, rel: string): string {
  const parts = (rel.startsWith("/") ? rel : `${base}/${rel}`).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "" || p === ".") continue;
    if (p === ".." && out.length > 0 && out[out.length - 1] !== "..") out.pop();
    else out.push(p);
  }
  const joined = out.join("/");
  return rel.startsWith("/") || base.startsWith("/") ? `/${joined}` : joined || ".";
}
