// Never lose work (issue 9): the extension changes no file on its own. It edits only through quick fixes the
// user picks (a CodeAction carrying one WorkspaceEdit, which VS Code applies as one undoable edit), and writes
// only the files a user names in a save dialog (PNG/CSV export). A new place that writes must be added here,
// with its reason.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, it } from "node:test";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : name.endsWith(".ts") ? [p] : [];
  });
}

const writes = /\bapplyEdit\b|\bWorkspaceEdit\b|\bfs\.(?:writeFile|delete|rename|copy|createDirectory)\b|\.edit\(\s*(?:\w+\s*=>|\(|function)|\beditBuilder\b|\b(?:document|doc)\.save\(|\bsaveAll\(|\bwriteFileSync\b|\bwriteFile\(/;

/** Each allowed place: file, what the line holds, why it is the user's choice. */
const allowed: readonly { file: string; text: RegExp; why: string }[] = [
  { file: "extension/features/quickFixes.ts", text: /action\.edit = new vscode\.WorkspaceEdit\(\);/, why: "a quick fix's edit, applied only when the user picks it (one undoable WorkspaceEdit)" },
  { file: "extension/preview/previewPanel.ts", text: /await vscode\.workspace\.fs\.writeFile\(target, bytes\);/, why: "PNG/SVG/CSV export to the file the user chose in showSaveDialog" },
  { file: "cli.ts", text: /writeFileSync\(out, (?:html|svg)\)/, why: "the CLI's own output, `--html out.html` and `curve --svg out.svg`" },
];

void describe("never lose work", () => {
  void it("every edit or write under src/ is a user-chosen quick fix or export", () => {
    const root = [resolve(__dirname, "../../../src"), resolve(process.cwd(), "src")].find((d) => existsSync(join(d, "extension")));
    assert.ok(root, "src/ not found");
    const unexpected: string[] = [];
    const used = new Set<string>();
    for (const file of sources(root)) {
      const rel = relative(root, file).replace(/\\/g, "/");
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, i) => {
          if (/^\s*(\/\/|\*|import\b)/.test(line) || !writes.test(line)) return;
          const rule = allowed.find((a) => a.file === rel && a.text.test(line));
          if (rule) used.add(rule.file);
          else unexpected.push(`${rel}:${i + 1}: ${line.trim()}`);
        });
    }
    assert.deepEqual(unexpected, [], `writes that are not a user's choice:\n${unexpected.join("\n")}`);
    assert.deepEqual([...used].sort(), allowed.map((a) => a.file).sort(), "an allowed place no longer exists: update this list");
  });

  void it("the export writes only after the save dialog returned a target", () => {
    const root = [resolve(__dirname, "../../../src"), resolve(process.cwd(), "src")].find((d) => existsSync(join(d, "extension")))!;
    const text = readFileSync(join(root, "extension/preview/previewPanel.ts"), "utf8");
    const body = text.slice(text.indexOf("private async saveAs("));
    const dialog = body.indexOf("showSaveDialog(");
    const guard = body.indexOf("if (!target) return;");
    const write = body.indexOf("fs.writeFile(target");
    assert.ok(dialog > 0 && guard > dialog && write > guard, "showSaveDialog → if (!target) return → writeFile(target)");
  });
});
