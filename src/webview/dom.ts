// A tiny element builder: text always goes through textContent (never innerHTML), listeners through
// addEventListener (the CSP forbids inline handlers).
type Child = Node | string | undefined | null | false;
type Attrs = Record<string, string | number | boolean | undefined | ((e: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === "function") el.addEventListener(key.replace(/^on/, ""), value);
    else if (value === true) el.setAttribute(key, "");
    else el.setAttribute(key, String(value));
  }
  for (const c of children) if (c !== undefined && c !== null && c !== false) el.append(typeof c === "string" ? document.createTextNode(c) : c);
  return el;
}

/** The value of a `--vscode-*` variable on the body (the theme's), or a fallback. */
export function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.body).getPropertyValue(name).trim();
  return v || fallback;
}
