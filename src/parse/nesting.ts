/**
 * Brackets nested deeper than this are not parsed. CPython refuses 200 nested parentheses ("too many nested
 * parentheses"); no config comes near 100. The parsers (`yaml`'s composer, `jsonc-parser`) and the readers'
 * tree walks recurse once per level, and a deep recursion in V8 can end the whole process instead of
 * throwing (a regular expression compiled near the stack limit fails as "out of memory"): the extension host
 * would die with it, so the depth is bounded before any parser sees the text.
 */
export const maxNesting = 100;

/** A span of the text that was blanked because it nested too deeply. */
export interface BlankedSpan {
  readonly from: number;
  readonly to: number;
}

const openers = new Set(["(", "[", "{"]);
const closers = new Set([")", "]", "}"]);

/**
 * The text with every bracket group that opens deeper than `max` replaced by spaces (same length, line
 * breaks kept, so every offset, line and column stays where it was), and the spans replaced. Brackets
 * inside strings count too: a file would need 100 unclosed brackets in its strings to be touched.
 */
export function limitNesting(text: string, max = maxNesting): { readonly text: string; readonly blanked: readonly BlankedSpan[] } {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // ( [ {   and   ) ] }
    if (c === 40 || c === 91 || c === 123) deepest = Math.max(deepest, ++depth);
    else if ((c === 41 || c === 93 || c === 125) && depth > 0) depth--;
  }
  if (deepest <= max) return { text, blanked: [] };
  const blanked: BlankedSpan[] = [];
  const out: string[] = [];
  let copied = 0;
  depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (closers.has(c) && depth > 0) depth--;
    if (!openers.has(c)) continue;
    if (++depth <= max) continue;
    // Blank from this bracket to the one that closes it (or to the end of the text).
    let j = i + 1;
    for (let inner = 1; j < text.length && inner > 0; j++) {
      if (openers.has(text[j]!)) inner++;
      else if (closers.has(text[j]!)) inner--;
    }
    out.push(text.slice(copied, i), text.slice(i, j).replace(/[^\r\n]/g, " "));
    blanked.push({ from: i, to: j });
    copied = j;
    depth--;
    i = j - 1;
  }
  out.push(text.slice(copied));
  return { text: out.join(""), blanked };
}

/**
 * YAML block collections nest by indentation and by `- ` / `? ` indicators, one level per column at least:
 * a line whose indentation and indicators are longer than `maxColumns` is blanked the same way (the `yaml`
 * parser recurses once per level). No config is indented that far.
 */
export function limitYamlIndentation(text: string, maxColumns = 256): { readonly text: string; readonly blanked: readonly BlankedSpan[] } {
  const blanked: BlankedSpan[] = [];
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    let prefix = 0;
    while (start + prefix < end && " \t?:-".includes(text[start + prefix]!)) prefix++;
    if (prefix > maxColumns) blanked.push({ from: start, to: text[end - 1] === "\r" ? end - 1 : end });
    start = end + 1;
  }
  if (blanked.length === 0) return { text, blanked };
  const out: string[] = [];
  let copied = 0;
  for (const span of blanked) {
    out.push(text.slice(copied, span.from), " ".repeat(span.to - span.from));
    copied = span.to;
  }
  out.push(text.slice(copied));
  return { text: out.join(""), blanked };
}
