// The preview page's HTML: in a webview (script and style loaded from the extension, CSP with a nonce) and
// standalone (`lrscope preview --html`: the same bundle and CSS inlined, the data in an attribute). Pure.
import type { PreviewData } from "../../webview/protocol";

/** Escapes text for a text node or a double-quoted attribute (the only kind this page writes). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

/** 32 random alphanumerics from the platform's CSPRNG (webviews and Node both have `crypto.getRandomValues`). */
export function makeNonce(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

export interface PageConfig {
  readonly source: string;
  readonly l10n?: Record<string, string>;
}

function configMeta(config: PageConfig): string {
  return `<meta id="lrscope-config" data-config="${escapeHtml(JSON.stringify(config))}">`;
}

export interface WebviewPage {
  readonly cspSource: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly nonce: string;
  readonly lang: string;
  readonly config: PageConfig;
}

/** The webview's page: loaded once per panel; the data comes later by message. */
export function webviewHtml(page: WebviewPage): string {
  const csp = [`default-src 'none'`, `script-src 'nonce-${page.nonce}'`, `style-src ${page.cspSource}`, `img-src ${page.cspSource} data:`, `font-src ${page.cspSource}`].join("; ");
  return `<!DOCTYPE html>
<html lang="${escapeHtml(page.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${configMeta(page.config)}
<link rel="stylesheet" href="${escapeHtml(page.styleUri)}">
<title>LR Scope</title>
</head>
<body>
<script nonce="${page.nonce}" src="${escapeHtml(page.scriptUri)}"></script>
</body>
</html>
`;
}

export interface StandalonePage {
  readonly script: string;
  readonly css: readonly string[];
  readonly data: PreviewData;
  readonly nonce: string;
  readonly lang?: string;
  readonly l10n?: Record<string, string>;
  /** `vscode-light` or `vscode-dark`; by default the page follows the system's preference. */
  readonly theme?: "vscode-light" | "vscode-dark";
}

/**
 * A self-contained page: no network (CSP `default-src 'none'`), the bundle and CSS inlined under a nonce,
 * the data as JSON in an attribute (read with JSON.parse, never run as script).
 */
export function standaloneHtml(page: StandalonePage): string {
  const csp = [`default-src 'none'`, `script-src 'nonce-${page.nonce}'`, `style-src 'nonce-${page.nonce}'`, `img-src data:`].join("; ");
  // `</script` inside the bundle would close the element early; `<\/` means the same in JS strings and regexes.
  const script = page.script.replace(/<\/(script)/gi, "<\\/$1");
  const css = page.css.join("\n").replace(/<\/(style)/gi, "<\\/$1");
  return `<!DOCTYPE html>
<html lang="${escapeHtml(page.lang ?? "en")}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${configMeta({ source: page.data.source, ...(page.l10n ? { l10n: page.l10n } : {}) })}
<meta id="lrscope-data" data-preview="${escapeHtml(JSON.stringify(page.data))}">
<title>${escapeHtml(page.data.label)} · LR Scope</title>
<style nonce="${page.nonce}">
${css}
</style>
</head>
<body${page.theme ? ` class="${page.theme}"` : ""}>
<script nonce="${page.nonce}">
${script}
</script>
</body>
</html>
`;
}
