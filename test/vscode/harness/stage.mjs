// Copies the extension as it would be packaged (the allowlist in .vscodeignore: `**` then `!path` lines) into a
// private folder the workbench loads it from. Two reasons: a concurrent `node build.mjs` (watch mode, another
// terminal) cannot swap dist/ under a running suite, and a file the extension needs but the package leaves
// out fails here as it would for users.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";

function wildcard(pattern) {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*")}$`);
}

/** Supports what .vscodeignore uses: `dir/**`, a file, and `*` inside a file name. */
export function stageExtension(root, target) {
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  const lines = readFileSync(join(root, ".vscodeignore"), "utf8").split("\n").map((l) => l.trim());
  if (lines[0] !== "**") throw new Error(".vscodeignore is expected to be an allowlist starting with `**`");
  const copied = [];
  for (const line of lines.filter((l) => l.startsWith("!"))) {
    const pattern = line.slice(1).replace(/^\//, "");
    const copy = (rel) => {
      mkdirSync(dirname(join(target, rel)), { recursive: true });
      cpSync(join(root, rel), join(target, rel), { recursive: true });
      copied.push(rel);
    };
    if (pattern.endsWith("/**")) {
      const dir = pattern.slice(0, -3);
      if (existsSync(join(root, dir))) copy(dir);
    } else if (pattern.includes("*")) {
      const dir = dirname(pattern) === "." ? "" : dirname(pattern);
      const re = wildcard(pattern.slice(dir ? dir.length + 1 : 0));
      if (existsSync(join(root, dir || "."))) for (const f of readdirSync(join(root, dir || "."))) if (re.test(f)) copy(dir ? `${dir}/${f}` : f);
    } else if (existsSync(join(root, pattern))) copy(pattern);
  }
  return copied;
}
