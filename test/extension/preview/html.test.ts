import assert from "node:assert/strict";
import { test } from "node:test";
import { escapeHtml, makeNonce, standaloneHtml, webviewHtml } from "../../../src/extension/preview/html";

void test("the webview page: CSP default-src 'none', the script only by nonce, nothing inline", () => {
  const html = webviewHtml({ cspSource: "https://x.vscode-cdn.net", scriptUri: "https://x/p.js", styleUri: "https://x/p.css", nonce: "abc", lang: "zh-cn", config: { source: 'file:///a"b.py' } });
  assert.match(html, /default-src 'none'; script-src 'nonce-abc'; style-src https:\/\/x\.vscode-cdn\.net; img-src https:\/\/x\.vscode-cdn\.net data:/);
  assert.match(html, /<script nonce="abc" src="https:\/\/x\/p\.js"><\/script>/);
  assert.ok(!/ on[a-z]+=/.test(html), "no inline handlers");
  assert.ok(html.includes("a\\&quot;b.py") && !html.includes(`a\\"b`), "the config is escaped into an attribute");
});

void test("the standalone page: data in an attribute, a bundle that cannot close its script element", () => {
  const data = { source: "t.py", label: "<b>t.py</b>", version: 0, schedules: [], problems: [], inputs: {}, epoch: 0 };
  const html = standaloneHtml({ script: 'const s = "</script><script>alert(1)";', css: ["body{}"], data, nonce: "n" });
  assert.equal(html.match(/<\/script>/g)?.length, 1, "only the real closing tag");
  assert.ok(html.includes("&lt;b&gt;t.py&lt;/b&gt; · LR Scope"));
  assert.match(html, /default-src 'none'; script-src 'nonce-n'; style-src 'nonce-n'; img-src data:/);
  assert.equal(escapeHtml(`&<>"'`), "&amp;&lt;&gt;&quot;'");
  assert.match(makeNonce(), /^[A-Za-z0-9]{32}$/);
});
