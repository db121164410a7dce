// hover_p95: the hover provider's own code (src/extension/features/hover.ts without vscode): find the value
// under the cursor in each schedule (usedAt) and build the Markdown (format/hover.ts, sparkline included).
// "miss": the document was just edited, so the store reads and evaluates it first (bench/store.ts, the
// ScheduleStore's rounds); "hit": the store has it. 200 hovers each on a generated 2,000-line training script
// and on an 8-level MMEngine `_base_` chain (in memory). Target: p95 < 20 ms.
import { usedRanges } from "../src/core/locate";
import { usedAt } from "../src/core/locate";
import type { SourceRange } from "../src/core/range";
import { scheduleHoverMarkdown } from "../src/extension/format/hover";
import { baseChain, trainingScript } from "./generate";
import { clock, quantile, quick, report, sink } from "./lib";
import { storeRead, type StoreDocument } from "./store";

const HOVERS = 200;
const commandLink = (id: string, args?: readonly unknown[]): string => (args === undefined ? `command:${id}` : `command:${id}?${encodeURIComponent(JSON.stringify(args))}`);

/** The provider's body for one position, given the store's document. */
function provideHover(doc: StoreDocument, path: string, line: number, character: number): string | undefined {
  const parts: string[] = [];
  const folder = path.replace(/[^/]*$/, "");
  for (const { schedule, curve } of doc.entries) {
    const hit = usedAt(schedule, path, line, character);
    if (!hit) continue;
    parts.push(
      scheduleHoverMarkdown({
        schedule,
        curve,
        epoch: 3,
        hovered: hit.value,
        folder,
        links: { openPreview: commandLink("lrscope.openPreview", [path]), setEpoch: (e) => commandLink("lrscope.setEpoch", e === undefined ? undefined : [e]) },
      }),
    );
  }
  return parts.length === 0 ? undefined : parts.join("\n\n---\n\n");
}

/** Positions the user hovers: inside the ranges the schedule used, in the entry file, cycled. */
function positions(doc: StoreDocument, path: string): [number, number][] {
  const ranges: SourceRange[] = doc.entries.flatMap((e) => usedRanges(e.schedule).map((u) => u.range)).filter((r) => r.file === path);
  if (ranges.length === 0) throw new Error(`${path}: no schedule ranges to hover`);
  return ranges.map((r) => [r.startLine, r.startColumn + (r.startLine === r.endLine ? Math.floor((r.endColumn - r.startColumn) / 2) : 0)]);
}

function run(label: string, path: string, texts: string[], load: (p: string) => string | undefined): void {
  const first = storeRead(path, texts[0]!, load);
  if (first.entries.length === 0 || first.entries[0]!.curve.total === 0) throw new Error(`${label}: no curve (${first.entries[0]?.curve.problems.map((p) => p.message).join("; ")})`);
  const at = positions(first, path);
  // Warm-up (JIT), not measured.
  for (let i = 0; i < 10; i++) sink.value += provideHover(storeRead(path, texts[i % texts.length]!, load), path, ...at[i % at.length]!)?.length ?? 0;

  const miss: number[] = [];
  for (let i = 0; i < HOVERS; i++) {
    const t0 = clock();
    const doc = storeRead(path, texts[i % texts.length]!, load);
    const md = provideHover(doc, path, ...at[i % at.length]!);
    miss.push(clock() - t0);
    if (md === undefined) throw new Error(`${label}: no hover at ${JSON.stringify(at[i % at.length])}`);
    sink.value += md.length;
  }
  const hit: number[] = [];
  for (let i = 0; i < HOVERS; i++) {
    const t0 = clock();
    const md = provideHover(first, path, ...at[i % at.length]!);
    hit.push(clock() - t0);
    sink.value += md?.length ?? 0;
  }
  const facts = `${first.entries.length} schedule(s), ${first.entries[0]!.curve.total.toLocaleString("en-US")} ticks, ${first.rounds} reader round(s), ${at.length} hover positions`;
  for (const [kind, xs] of [
    ["miss", miss],
    ["hit", hit],
  ] as const) {
    const p95 = quantile(xs, 0.95);
    report({ name: `hover_p95/${label}/${kind}`, p50_ms: quantile(xs, 0.5), p95_ms: p95, target: "p95 < 20 ms", met: p95 < 20, note: kind === "miss" ? `edit → read + evaluate + hover; ${facts}` : "document cached: usedAt + Markdown" });
  }
}

const versions = quick ? 20 : HOVERS;
// A 2,000-line script, a different text (an edited comment, then the warmup length) for every hover.
const scriptPath = "/ws/train_gpt.py";
const scripts = Array.from({ length: versions }, (_, i) => trainingScript(2000, i, 2000 + (i % 7) * 100));
run("script-2000-lines", scriptPath, scripts, () => undefined);

// An 8-level `_base_` chain; the entry is edited before every hover, the bases come from memory.
const chains = Array.from({ length: versions }, (_, i) => baseChain("/ws", 8, i, 24 + (i % 3)));
const bases = chains[0]!.files;
run(
  "mmengine-base-chain-8",
  chains[0]!.entry,
  chains.map((c) => c.files.get(c.entry)!),
  (p) => bases.get(p),
);
