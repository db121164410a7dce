// preview_update_p95: what the preview does after each keystroke once its debounce fires (previewPanel.ts
// `render`): the store reads and evaluates the edited document (bench/store.ts), then `buildPreviewData`
// decimates every series and assembles the page's data, and the message is serialized for `postMessage`.
// 200 edits, each a different text. Target: p95 < 100 ms.
import { buildPreviewData } from "../src/extension/preview/previewModel";
import { trainingScript } from "./generate";
import { clock, quantile, quick, report, sink } from "./lib";
import { storeRead } from "./store";

const EDITS = 200;

function update(path: string, text: string, version: number, load: (p: string) => string | undefined): number {
  const doc = storeRead(path, text, load);
  const data = buildPreviewData({ source: `file://${path}`, label: path.slice(1), version, entries: doc.entries, problems: [], inputs: {}, epoch: 3 });
  const message = JSON.stringify({ type: "update", source: data.source, data: { ...data, locked: false } });
  return message.length;
}

function run(label: string, path: string, texts: string[], facts: string, load: (p: string) => string | undefined = () => undefined): void {
  for (let i = 0; i < 5; i++) sink.value += update(path, texts[i % texts.length]!, i, load);
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < EDITS; i++) {
    const t0 = clock();
    bytes = update(path, texts[i % texts.length]!, i, load);
    times.push(clock() - t0);
  }
  const p95 = quantile(times, 0.95);
  report({ name: `preview_update_p95/${label}`, p50_ms: quantile(times, 0.5), p95_ms: p95, target: "p95 < 100 ms", met: p95 < 100, note: `${facts}; message ${(bytes / 1024).toFixed(0)} KB` });
}

const versions = quick ? 20 : EDITS;
// The 2,000-line script: 600,000 ticks, warmup + cosine. Each edit changes the warmup length.
run(
  "script-2000-lines",
  "/ws/train_gpt.py",
  Array.from({ length: versions }, (_, i) => trainingScript(2000, i, 1000 + i * 10)),
  "2,000 lines, 600,000 ticks",
);
// An LLM pre-training config at the top of the sizes users meet: 1,000,000 steps, WSD (Hugging Face YAML).
run(
  "hf-wsd-1m-steps",
  "/ws/pretrain.yaml",
  Array.from({ length: versions }, (_, i) => `learning_rate: 3.0e-4\nlr_scheduler_type: warmup_stable_decay\nlr_scheduler_kwargs:\n  num_decay_steps: ${200000 + i * 100}\n  min_lr_ratio: 0.1\n  decay_type: cosine\nwarmup_steps: 2000\nmax_steps: 1000000\n`),
  "1,000,000 ticks",
);
// OneCycleLR per batch over 1,000,000 ticks: two series (LR and momentum) to evaluate and decimate.
run(
  "onecycle-1m-ticks",
  "/ws/train_onecycle.py",
  Array.from(
    { length: versions },
    (_, i) =>
      `import torch\nfrom torch.optim.lr_scheduler import OneCycleLR\n\nepochs = 100\nsteps = 10000\n\n\ndef main(model, loader):\n    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)\n    scheduler = OneCycleLR(optimizer, max_lr=0.${1 + (i % 9)}, total_steps=epochs * steps, pct_start=0.3)\n    for epoch in range(epochs):\n        for it in range(steps):\n            optimizer.step()\n            scheduler.step()\n`,
  ),
  "1,000,000 ticks, LR + momentum",
);
