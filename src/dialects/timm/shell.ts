import type { SourceRange } from "../../core/range";
import { LineIndex } from "../../parse/lines";

/**
 * A small reader of POSIX shell scripts, enough to find the command lines a training script runs: words
 * with quotes removed, `\` line continuations, comments, `;` `&&` `||` `|` `&` separators, redirections,
 * and `$VAR` / `${VAR}` / `${VAR:-default}` expanded from assignments made earlier in the script. It never
 * runs anything: command substitutions and unknown variables leave the word `dynamic`.
 */
export interface ShellWord {
  /** The word after quote removal and expansion (unknown parts expand to nothing). */
  readonly text: string;
  readonly range: SourceRange;
  /** Contains an expansion the script cannot say (`$1`, `$(nproc)`, an unset variable). */
  readonly dynamic?: string;
  /** Is (or contains) `$@` / `$*`: the script's own arguments. */
  readonly scriptArgs?: boolean;
}

export interface ShellCommand {
  readonly words: readonly ShellWord[];
  readonly range: SourceRange;
}

const keywords = new Set(["do", "then", "else", "elif", "{", "}", "!", "time", "nohup", "exec", "done", "fi", "esac", "if", "while", "until"]);

export function parseShell(file: string, text: string): ShellCommand[] {
  const lines = new LineIndex(file, text);
  const vars = new Map<string, string>();
  const commands: ShellCommand[] = [];
  let words: { text: string; from: number; to: number; dynamic?: string; scriptArgs?: boolean; op?: boolean }[] = [];
  let i = 0;
  const n = text.length;

  const flush = (): void => {
    // Redirections take the next word; keywords and `VAR=value` prefixes come off the front.
    const ws: typeof words = [];
    for (let k = 0; k < words.length; k++) {
      const w = words[k]!;
      if (w.op) {
        if (w.text !== "(dup)") k++;
        continue;
      }
      ws.push(w);
    }
    let start = 0;
    while (start < ws.length && keywords.has(ws[start]!.text)) start++;
    const assigns: typeof words = [];
    while (start < ws.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(ws[start]!.text)) assigns.push(ws[start++]!);
    if (ws[start]?.text === "export" || ws[start]?.text === "local" || ws[start]?.text === "declare" || ws[start]?.text === "readonly") {
      const rest = ws.slice(start + 1).filter((w) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(w.text));
      rest.forEach((w) => assign(w));
      start = ws.length;
    }
    const body = ws.slice(start);
    if (body.length === 0) assigns.forEach((w) => assign(w));
    else commands.push({ words: body.map((w) => ({ text: w.text, range: lines.range(w.from, w.to), ...(w.dynamic ? { dynamic: w.dynamic } : {}), ...(w.scriptArgs ? { scriptArgs: true } : {}) })), range: lines.range(body[0]!.from, body.at(-1)!.to) });
    words = [];
  };
  const assign = (w: { text: string; dynamic?: string }): void => {
    const eq = w.text.indexOf("=");
    const name = w.text.slice(0, eq);
    if (w.dynamic) vars.delete(name);
    else vars.set(name, w.text.slice(eq + 1));
  };

  /** Expands `$...` at text[i] (i at the `$`); returns the new index. */
  const expand = (cur: { text: string; dynamic?: string; scriptArgs?: boolean }): void => {
    const next = text[i + 1];
    if (next === "(") {
      // $( ... ) or $(( ... )): skip to the matching parenthesis.
      let depth = 0;
      const from = i;
      for (i++; i < n; i++) {
        if (text[i] === "(") depth++;
        else if (text[i] === ")" && --depth === 0) break;
      }
      i++;
      cur.dynamic ??= text.slice(from, i);
      return;
    }
    if (next === "{") {
      const close = text.indexOf("}", i);
      const inner = close < 0 ? text.slice(i + 2) : text.slice(i + 2, close);
      i = close < 0 ? n : close + 1;
      const m = /^([A-Za-z_][A-Za-z0-9_]*|[@*#?0-9]+)(?::?([-=+?])(.*))?$/.exec(inner);
      const name = m?.[1] ?? inner;
      const known = vars.get(name);
      if (name === "@" || name === "*") cur.scriptArgs = true;
      if (m?.[2] === "-" || m?.[2] === "=") {
        // `${VAR:-default}`: the default unless the script set VAR; a positional argument stays unknown.
        if (known !== undefined && known !== "") cur.text += known;
        else if (/^[A-Za-z_]/.test(name)) {
          cur.text += m[3] ?? "";
          if (m[2] === "=") vars.set(name, m[3] ?? "");
        } else cur.dynamic ??= "${" + inner + "}";
        return;
      }
      if (known !== undefined) cur.text += known;
      else cur.dynamic ??= "${" + inner + "}";
      return;
    }
    const m = /^\$([A-Za-z_][A-Za-z0-9_]*|[@*#?$!0-9-])/.exec(text.slice(i, i + 64));
    if (!m) {
      cur.text += "$";
      i++;
      return;
    }
    i += m[0].length;
    const name = m[1]!;
    if (name === "@" || name === "*") cur.scriptArgs = true;
    const known = vars.get(name);
    if (known !== undefined) cur.text += known;
    else cur.dynamic ??= m[0];
  };

  while (i < n) {
    const c = text[i]!;
    if (c === "\\" && text[i + 1] === "\n") {
      i += 2;
      continue;
    }
    if (c === "\\" && text[i + 1] === "\r" && text[i + 2] === "\n") {
      i += 3;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r") {
      i++;
      continue;
    }
    if (c === "#") {
      while (i < n && text[i] !== "\n") i++;
      continue;
    }
    if (c === "\n" || c === ";" || c === "&" || c === "|" || c === "(" || c === ")") {
      const two = text.slice(i, i + 2);
      if (c === "&" && text[i + 1] === ">") {
        words.push({ text: "&>", from: i, to: i + 2, op: true });
        i += 2;
        continue;
      }
      i += two === "&&" || two === "||" || two === ";;" || two === "|&" ? 2 : 1;
      flush();
      continue;
    }
    if (c === ">" || c === "<" || (/\d/.test(c) && /^\d+[<>]/.test(text.slice(i, i + 4)))) {
      const m = /^\d*(?:>>|>&|&>|<&|<<<|<<|>|<)(?:&?\d+|&?-)?/.exec(text.slice(i, i + 8))!;
      const op = m[0];
      // `2>&1`, `>&2` name no file; `>`, `>>`, `<` take the next word.
      words.push({ text: /&(?:\d+|-)$/.test(op) ? "(dup)" : op, from: i, to: i + op.length, op: true });
      i += op.length;
      continue;
    }
    // A word: runs of unquoted text, '...', "...", escapes and expansions.
    const cur: { text: string; from: number; to: number; dynamic?: string; scriptArgs?: boolean } = { text: "", from: i, to: i };
    while (i < n) {
      const d = text[i]!;
      if (d === " " || d === "\t" || d === "\n" || d === "\r" || d === ";" || d === "&" || d === "|" || d === "(" || d === ")" || d === "<" || d === ">") break;
      if (d === "\\") {
        if (text[i + 1] === "\n") i += 2;
        else {
          cur.text += text[i + 1] ?? "";
          i += 2;
        }
      } else if (d === "'") {
        const close = text.indexOf("'", i + 1);
        cur.text += text.slice(i + 1, close < 0 ? n : close);
        i = close < 0 ? n : close + 1;
      } else if (d === '"') {
        i++;
        while (i < n && text[i] !== '"') {
          const e = text[i]!;
          if (e === "\\" && i + 1 < n && '"\\$`\n'.includes(text[i + 1]!)) {
            if (text[i + 1] !== "\n") cur.text += text[i + 1];
            i += 2;
          } else if (e === "$") expand(cur);
          else if (e === "`") {
            const close = text.indexOf("`", i + 1);
            cur.dynamic ??= text.slice(i, close < 0 ? n : close + 1);
            i = close < 0 ? n : close + 1;
          } else {
            cur.text += e;
            i++;
          }
        }
        i++;
      } else if (d === "$") expand(cur);
      else if (d === "`") {
        const close = text.indexOf("`", i + 1);
        cur.dynamic ??= text.slice(i, close < 0 ? n : close + 1);
        i = close < 0 ? n : close + 1;
      } else {
        cur.text += d;
        i++;
      }
    }
    cur.to = Math.min(i, n);
    if (cur.to > cur.from) words.push(cur);
    else i++;
  }
  flush();
  return commands;
}
