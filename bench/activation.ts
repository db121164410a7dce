// activation + bundle sizes, on the production build run.mjs makes (`node build.mjs --production --out <tmp>`):
// with a minimal fake `vscode` module injected (every API the features call at registration answers with a
// disposable or a no-op), the time of activate() — from the call to the API returned, the measure —
// and, reported beside it, require('dist/extension.js') + activate(), median of fresh processes; and the bytes
// of dist/extension.js and dist/webview/preview.js, checked to be minified.
// The integration harness (test/vscode/) does not expose activation timing, hence the fake host.
// Targets: activation < 50 ms, extension bundle < 1 MB, webview bundle < 300 KB.
import { spawnSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { median, quick, report, wall } from "./lib";

const dist = process.env.LRSCOPE_BENCH_DIST;
if (!dist) throw new Error("LRSCOPE_BENCH_DIST is not set (run through bench/run.mjs)");

/** One fresh process: inject the fake, then time require + activate. Printed as JSON. */
const child = String.raw`
const Module = require("module");
const clock = process.argv[2] === "wall" ? () => performance.now() : () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const noop = () => undefined;
const disposable = () => ({ dispose: noop });
const event = () => disposable();
// Anything not modelled below: a callable object whose members are the same thing, returning a disposable.
const anything = (name) => {
  const own = new Map();
  return new Proxy(function () {}, {
    get: (t, p) => (own.has(p) ? own.get(p) : p === "then" ? undefined : p === "dispose" ? noop : p === Symbol.toPrimitive ? () => "" : p === Symbol.iterator ? function* () {} : p === "length" ? 0 : anything(name + "." + String(p))),
    set: (t, p, v) => (own.set(p, v), true),
    apply: () => anything(name + "()"),
    construct: () => anything("new " + name),
  });
};
class EventEmitter { constructor() { this.listeners = []; this.event = (l) => { this.listeners.push(l); return disposable(); }; } fire(x) { for (const l of this.listeners) l(x); } dispose() {} }
class Disposable { constructor(f) { this.f = f; } static from(...ds) { return new Disposable(() => ds.forEach((d) => d.dispose())); } dispose() { this.f?.(); } }
class Uri { constructor(scheme, path) { this.scheme = scheme; this.path = path; this.fsPath = path; } static file(p) { return new Uri("file", p); } static parse(s) { return new Uri("file", s.replace(/^file:\/\//, "")); } static joinPath(u, ...ps) { return new Uri(u.scheme, [u.path, ...ps].join("/")); } with(c) { return new Uri(c.scheme ?? this.scheme, c.path ?? this.path); } toString() { return this.scheme + "://" + this.path; } }
const configuration = { get: (key, dflt) => dflt, has: () => false, inspect: () => undefined, update: async () => undefined };
class CancellationTokenSource { constructor() { this.token = { isCancellationRequested: false, onCancellationRequested: event }; } cancel() { this.token.isCancellationRequested = true; } dispose() {} }
// Classes the features construct later (providers, quick fixes): plain holders of their arguments.
const holder = () => class { constructor(...a) { this.args = a; } };
const vscode = new Proxy({
  EventEmitter, Disposable, Uri, CancellationTokenSource,
  Hover: holder(), CodeLens: holder(), CodeAction: holder(), Diagnostic: holder(), WorkspaceEdit: holder(), Selection: holder(), Location: holder(), RelativePattern: holder(), ThemeColor: holder(),
  FileSystemError: class extends Error {},
  Range: class { constructor(a, b, c, d) { Object.assign(this, { a, b, c, d }); } },
  Position: class { constructor(l, c) { this.line = l; this.character = c; } },
  MarkdownString: class { constructor(v) { this.value = v ?? ""; } },
  ThemeIcon: Object.assign(class { constructor(id) { this.id = id; } }, { Folder: {}, File: {} }),
  TreeItem: class { constructor(label) { this.label = label; } },
  CodeActionKind: { QuickFix: { value: "quickfix", append: () => ({}) } },
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  StatusBarAlignment: { Left: 1, Right: 2 },
  ViewColumn: { One: 1, Beside: -2, Active: -1 },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  l10n: { t: (m, ...a) => (typeof m === "string" ? m : m.message).replace(/\{(\d+)\}/g, (_, i) => String(a[i])) },
  env: { language: "en", uiKind: 1, clipboard: { writeText: async () => undefined } },
  workspace: new Proxy({ getConfiguration: () => configuration, textDocuments: [], workspaceFolders: undefined, isTrusted: true, fs: anything("fs") }, { get: (t, p) => (p in t ? t[p] : String(p).startsWith("on") ? event : anything("workspace." + String(p))) }),
  window: new Proxy({ activeTextEditor: undefined, visibleTextEditors: [], createOutputChannel: () => ({ appendLine: noop, append: noop, show: noop, dispose: noop }) }, { get: (t, p) => (p in t ? t[p] : String(p).startsWith("on") ? event : anything("window." + String(p))) }),
  languages: new Proxy({}, { get: (t, p) => (String(p).startsWith("on") ? event : () => ({ dispose: noop, set: noop, delete: noop, clear: noop })) }),
  commands: { registerCommand: disposable, executeCommand: async () => undefined, getCommands: async () => [] },
}, { get: (t, p) => (p in t ? t[p] : anything("vscode." + String(p))) });
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) { return request === "vscode" ? "vscode" : resolve.call(this, request, ...rest); };
require.cache.vscode = { id: "vscode", filename: "vscode", loaded: true, exports: vscode };
const memento = { get: (k, d) => d, update: async () => undefined, keys: () => [] };
const context = { subscriptions: [], workspaceState: memento, globalState: Object.assign({ setKeysForSync: noop }, memento), extensionUri: Uri.file(process.argv[1]), extensionPath: process.argv[1], asAbsolutePath: (p) => p, extensionMode: 1, extension: { packageJSON: {} }, environmentVariableCollection: anything("env") };
const t0 = clock();
const ext = require(process.argv[1] + "/dist/extension.js");
const t1 = clock();
const api = ext.activate(context);
const t2 = clock();
process.stdout.write(JSON.stringify({ require: t1 - t0, activate: t2 - t1, subscriptions: context.subscriptions.length, api: typeof api }));
`;

const runs = quick ? 5 : 15;
const samples: { require: number; activate: number; subscriptions: number; api: string }[] = [];
for (let i = 0; i < runs; i++) {
  const r = spawnSync(process.execPath, ["-e", child, dirnameOf(dist), wall ? "wall" : "cpu"], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`activation run failed: ${r.stderr}`);
  samples.push(JSON.parse(r.stdout) as (typeof samples)[number]);
}
function dirnameOf(d: string): string {
  return d.replace(/\/dist\/?$/, "");
}
// The measure: from the activate() call to its return (the features registered, the API returned).
const activate = median(samples.map((s) => s.activate));
const load = median(samples.map((s) => s.require));
report({
  name: "activation",
  ours_ms: activate,
  target: "< 50 ms",
  met: activate < 50,
  note: `activate() → ready, ${samples[0]!.subscriptions} subscriptions, fake vscode host, median of ${runs} processes`,
});
// Before it, the extension host loads the bundle: reported, no target.
report({ name: "activation/require+activate", ours_ms: load + activate, note: `require('dist/extension.js') ${load.toFixed(1)} ms (loading and compiling the bundle) + activate()` });

/** Minified: few lines for its size (esbuild --minify writes a handful of very long lines). */
function minified(text: string): boolean {
  const lines = text.split("\n").length;
  return text.length / lines > 1000;
}
for (const [name, file, limit] of [
  ["bundle/extension", "extension.js", 1024 * 1024],
  ["bundle/webview", join("webview", "preview.js"), 300 * 1024],
] as const) {
  const path = join(dist, file);
  const bytes = statSync(path).size;
  const isMin = minified(readFileSync(path, "utf8"));
  report({ name, bytes, target: `< ${limit / 1024} KB, minified`, met: bytes < limit && isMin, note: `dist/${file} of node build.mjs --production; ${isMin ? "minified" : "NOT minified"}` });
}
