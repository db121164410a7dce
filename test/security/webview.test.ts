// Webview hardening (issue 9): the generated pages keep a closed CSP (`default-src 'none'`, scripts only by
// nonce), have no inline handlers and load nothing remote, whatever the file's values and names hold; the
// page code renders file values as text, never as HTML.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, it } from "node:test";
import fc from "fast-check";
import { standaloneHtml, webviewHtml } from "../../src/extension/preview/html";
import type { PreviewData } from "../../src/webview/protocol";

const hostile = fc.oneof(
  fc.string(),
  fc.constantFrom(`"><script>alert(1)</script>`, `' onload='x()`, `<img src=x onerror=alert(1)>`, "</script><script>x()</script>", "javascript:alert(1)", "https://evil.example/x.js", "&quot;", "\u2028", "<!--", "]]>", "<style>*{}</style>"),
);

/** The attributes of every tag, as [tag, name, value]. */
function attributes(html: string): [string, string, string][] {
  const out: [string, string, string][] = [];
  for (const tag of html.matchAll(/<([a-zA-Z]+)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    for (const a of tag[2]!.matchAll(/\s+([^\s=>]+)(?:="([^"]*)")?/g)) out.push([tag[1]!.toLowerCase(), a[1]!.toLowerCase(), a[2] ?? ""]);
  }
  return out;
}

function checkPage(page: string, nonce: string, allowedUrls: readonly string[]): void {
  // The inlined bundle and CSS are ours, not markup: only `</script` / `</style` could end them early.
  const bodies = [...page.matchAll(/<(script|style)\b[^>]*>([\s\S]*?)<\/\1>/g)];
  for (const b of bodies) assert.ok(!new RegExp(`</${b[1]}`, "i").test(b[2]!), `a ${b[1]} element closed early`);
  const html = page.replace(/(<(script|style)\b[^>]*>)[\s\S]*?(<\/\2>)/g, "$1$3");
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
  assert.ok(csp, "a CSP meta element");
  assert.ok(csp.startsWith("default-src 'none';"), csp);
  assert.match(csp, new RegExp(`script-src 'nonce-${nonce}'(;|$)`));
  assert.ok(!/unsafe-inline|unsafe-eval|\*/.test(csp), csp);
  // The CSP comes first in <head>, before anything it governs.
  assert.ok(html.indexOf("Content-Security-Policy") < html.search(/<(script|link|style)\b/));
  const scripts = [...html.matchAll(/<script\b([^>]*)>/g)];
  assert.ok(scripts.length >= 1);
  for (const s of scripts) assert.ok(s[1]!.includes(`nonce="${nonce}"`), `script without the nonce: ${s[0]}`);
  const attrs = attributes(html);
  for (const [tag, name, value] of attrs) {
    assert.ok(!/^on/.test(name), `inline handler ${name} on <${tag}>`);
    if (name === "src" || name === "href") assert.ok(allowedUrls.includes(value.replace(/&amp;/g, "&")), `<${tag} ${name}="${value}"> is not one of the page's own resources`);
  }
  // Only the elements the page writes: a value cannot add one.
  const tags = [...html.matchAll(/<([a-zA-Z]+)\b/g)].map((m) => m[1]!.toLowerCase());
  assert.deepEqual([...new Set(tags)].sort(), ["body", "head", "html", "link", "meta", "script", "style", "title"].filter((t) => tags.includes(t)));
  assert.equal(tags.filter((t) => t === "script").length, 1);
}

void describe("webview pages", () => {
  void it("the panel's page: CSP, nonce, no handlers, only its own script and style, for any config values", () => {
    fc.assert(
      fc.property(hostile, hostile, fc.dictionary(hostile, hostile, { maxKeys: 3 }), (source, lang, l10n) => {
        const page = { cspSource: "https://file+.vscode-resource.vscode-cdn.net", scriptUri: "https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/preview.js", styleUri: "https://file+.vscode-resource.vscode-cdn.net/ext/media/preview.css", nonce: "N0nce", lang, config: { source, l10n } };
        checkPage(webviewHtml(page), "N0nce", [page.scriptUri, page.styleUri]);
      }),
      { numRuns: 300 },
    );
  });

  void it("the standalone page: CSP, nonce, no handlers, nothing loaded at all, for any data", () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, (label, message, name) => {
        const data = { source: label, label, version: 0, schedules: [], problems: [{ severity: "error", code: "x", message }], inputs: {}, epoch: 0, whatIfBatch: 1 } as unknown as PreviewData;
        const html = standaloneHtml({ script: `console.log(${JSON.stringify(name)})`, css: ["body{color:red}"], data, nonce: "N0nce", lang: name });
        checkPage(html, "N0nce", []);
        assert.match(/<style nonce="N0nce">/.exec(html)?.[0] ?? "", /nonce/);
        assert.ok(/style-src 'nonce-N0nce'/.test(html));
      }),
      { numRuns: 300 },
    );
  });

  void it("the checks catch what they are for (planted pages)", () => {
    const head = `<html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-N'">`;
    assert.doesNotThrow(() => checkPage(`${head}</head><body><script nonce="N">x()</script></body></html>`, "N", []));
    for (const bad of [`<body onload="x()">`, `<script src="https://cdn.example/x.js" nonce="N"></script>`, `<script>y()</script>`, `<img src="x">`, `<script nonce="N">"</script><b>"</script>`]) {
      assert.throws(() => checkPage(`${head}</head>${bad}<script nonce="N">x()</script></html>`, "N", []), bad);
    }
  });

  void it("the page code renders values as text: no innerHTML, outerHTML, insertAdjacentHTML, document.write, srcdoc", () => {
    const dir = [resolve(__dirname, "../../../src/webview"), resolve(process.cwd(), "src/webview")].find((d) => existsSync(join(d, "protocol.ts")));
    assert.ok(dir, "src/webview not found");
    const hits: string[] = [];
    for (const name of readdirSync(dir).filter((n) => n.endsWith(".ts"))) {
      readFileSync(join(dir, name), "utf8")
        .split("\n")
        .forEach((line, i) => {
          const code = line.replace(/\/\/.*$/, "");
          if (/\b(innerHTML|outerHTML|insertAdjacentHTML|srcdoc|createContextualFragment)\b|document\.write|DOMParser/.test(code)) hits.push(`${name}:${i + 1}: ${line.trim()}`);
        });
    }
    assert.deepEqual(hits, []);
  });
});
