// The fuzz suite's shared part: seeds (the golden cases' files and the test fixtures), text mutations
// (the files an editor holds while the user types, and the values issue 9 lists: T_max=0, gamma=-1,
// lr=nan, epochs=10**12...), and the properties every reader and evaluator must keep.
// `LRSCOPE_FUZZ_RUNS` sets the runs per property (default 1000, `npm run fuzz -- --runs N`),
// `LRSCOPE_FUZZ_SEED` and `LRSCOPE_FUZZ_PATH` replay a failure (fast-check prints both), `LRSCOPE_FUZZ_ONLY`
// picks the properties to run by name.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import fc from "fast-check";
import { evaluate, MAX_TICKS } from "../../src/core/evaluate";
import type { Problem } from "../../src/core/problem";
import type { SourceRange } from "../../src/core/range";
import type { ScheduleDescription } from "../../src/core/schedule";
import { readSchedules, type DialectReader, type Inputs, type ReadResult, type WorkspaceFiles } from "../../src/dialects";

export const fuzzRuns = Math.max(1, Number(process.env.LRSCOPE_FUZZ_RUNS) || 1000);
const seedText = process.env.LRSCOPE_FUZZ_SEED;
const pathText = process.env.LRSCOPE_FUZZ_PATH;
/** `LRSCOPE_FUZZ_ONLY=mmengine`: only the properties whose name contains this (to replay one failure). */
export const fuzzOnly = process.env.LRSCOPE_FUZZ_ONLY;
/**
 * `LRSCOPE_FUZZ_TRACE=<file>`: each case is written there before it is read, so a case that never returns (a
 * hang fast-check cannot report) is left in the file.
 */
const traceFile = process.env.LRSCOPE_FUZZ_TRACE;
/**
 * fast-check options: the run count, and the seed and path of a failure to replay. The seed is chosen here and
 * printed, so that a run that hangs (and so never reports a seed) can be replayed too.
 */
export function fuzzOptions<T>(): fc.Parameters<T> {
  const seed = seedText ? Number(seedText) : Math.floor(Math.random() * 0x7fffffff);
  if (!seedText) console.log(`fuzz: seed ${seed} (LRSCOPE_FUZZ_SEED=${seed} replays this property)`);
  return { numRuns: fuzzRuns, includeErrorInReport: true, seed, ...(pathText ? { path: pathText } : {}) };
}

/**
 * One reader call may take this long, one evaluation too, in CPU time (generous: CI machines are slow; CPU
 * time, not wall-clock, so a machine shared with other jobs does not fail the suite).
 */
export const readTimeLimitMs = 3000;
export const evaluateTimeLimitMs = 3000;

/** CPU milliseconds this process has used. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
/** Curves longer than this are evaluated over their first ticks only (the suite's time bound). */
const evaluatedTicks = 5_000;

/** A workspace to read: the entry file and the others it may ask for (`_base_` configs...). */
export interface Seed {
  readonly origin: string;
  /** The dialect the seed was written for, when known (golden cases). */
  readonly dialect?: string;
  readonly entry: string;
  readonly files: Readonly<Record<string, string>>;
  readonly inputs: Inputs;
}

function sourceDir(rel: string): string | undefined {
  const candidates = [resolve(__dirname, "../../..", rel), resolve(process.cwd(), rel)];
  return candidates.find((dir) => existsSync(dir));
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

const fileExtensions = [".py", ".yaml", ".yml", ".json", ".sh"];

/** Files no test fixture holds yet (a timm launch script, a Lightning module, TrainingArguments in Python). */
const inlineSeeds: readonly Seed[] = [
  {
    origin: "inline distributed_train.sh",
    dialect: "timm",
    entry: "distributed_train.sh",
    files: {
      "distributed_train.sh": "#!/bin/bash\nNUM_PROC=$1\nshift\nEPOCHS=300   # long run\ntorchrun --nproc_per_node=8 train.py /data/imagenet \\\n  --model deit_small_patch16_224 --sched cosine --epochs $EPOCHS --warmup-epochs 5 \\\n  --lr 5e-4 --min-lr 1e-5 --warmup-lr 1e-6 -b 128 --cooldown-epochs 10 --decay-milestones 30 60 \"$@\"\n",
    },
    inputs: {},
  },
  {
    origin: "inline lightning module",
    dialect: "lightning",
    entry: "model.py",
    files: {
      "model.py":
        'import torch\nfrom pytorch_lightning import LightningModule\n\nclass M(LightningModule):\n    def __init__(self):\n        super().__init__()\n        self.lr = 0.001\n\n    def configure_optimizers(self):\n        optimizer = torch.optim.AdamW(self.parameters(), lr=self.lr)\n        scheduler = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.5, total_iters=self.trainer.estimated_stepping_batches)\n        return {"optimizer": optimizer, "lr_scheduler": {"scheduler": scheduler, "interval": "step", "frequency": 3}}\n',
    },
    inputs: { totalSteps: 40 },
  },
  {
    origin: "inline TrainingArguments",
    dialect: "transformers",
    entry: "train.py",
    files: {
      "train.py":
        'import argparse\nfrom transformers import TrainingArguments, Trainer\np = argparse.ArgumentParser()\np.add_argument("--lr", type=float, default=1e-3)\na = p.parse_args()\nLR = 3e-5\nargs = TrainingArguments(\n    output_dir="out",\n    learning_rate=a.lr,\n    lr_scheduler_type="cosine_with_restarts",\n    warmup_ratio=0.1,\n    max_steps=1000,\n    lr_scheduler_kwargs={"num_cycles": 2},\n)\ntrainer = Trainer(model=model, args=args)\n',
    },
    inputs: {},
  },
  {
    origin: "inline hf deepspeed pair",
    dialect: "transformers",
    entry: "run/args.json",
    files: {
      "run/args.json": '{\n  "learning_rate": 3e-4,\n  "num_train_epochs": 2.5,\n  "lr_scheduler_type": "cosine",\n  "deepspeed": "ds.json",\n  "warmup_steps": 10\n}\n',
      "run/ds.json": '{"train_batch_size": 32, "scheduler": {"type": "WarmupDecayLR", "params": {"warmup_num_steps": 10, "total_num_steps": "auto"}}}\n',
    },
    inputs: { stepsPerEpoch: 10 },
  },
  {
    origin: "inline mmengine read_base",
    dialect: "mmengine",
    entry: "configs/a/new_style.py",
    files: {
      "configs/a/new_style.py":
        "from mmengine.config import read_base\nwith read_base():\n    from .._base_.sched import *\n\ntrain_cfg.update(max_epochs=24)\nparam_scheduler[1].update(milestones=[16, 22], end={{_base_.max_epochs}})\n",
      "configs/_base_/sched.py":
        "max_epochs = 12\ntrain_cfg = dict(type='EpochBasedTrainLoop', max_epochs=max_epochs)\noptim_wrapper = dict(optimizer=dict(type='SGD', lr=0.02, momentum=0.9))\nparam_scheduler = [dict(type='LinearLR', start_factor=0.001, by_epoch=False, begin=0, end=500), dict(type='MultiStepLR', by_epoch=True, milestones=[8, 11], gamma=0.1)]\n",
    },
    inputs: { stepsPerEpoch: 10 },
  },
];

/** Every seed: golden cases (`files`, `entry`, `options`), the workspace fixtures, the PyTorch fixtures, the inline ones. */
export function loadSeeds(): Seed[] {
  const seeds: Seed[] = [...inlineSeeds];
  const golden = sourceDir("test/golden");
  assert.ok(golden, "test/golden not found (run from the repository root)");
  for (const name of readdirSync(golden).filter((n) => n.endsWith(".json")).sort()) {
    const g = JSON.parse(readFileSync(join(golden, name), "utf8")) as { id: string; dialect?: string; entry: string; files: Record<string, string>; options?: Inputs };
    seeds.push({ origin: `golden ${g.id}`, ...(g.dialect ? { dialect: g.dialect } : {}), entry: g.entry, files: g.files, inputs: g.options ?? {} });
  }
  const workspace = sourceDir("test/fixtures/workspace");
  if (workspace) {
    const files: Record<string, string> = {};
    for (const p of walk(workspace)) if (fileExtensions.some((e) => p.endsWith(e))) files[relative(workspace, p)] = readFileSync(p, "utf8");
    for (const entry of Object.keys(files)) seeds.push({ origin: `fixture ${entry}`, entry, files, inputs: {} });
  }
  const torch = sourceDir("test/dialects/pytorch/fixtures");
  if (torch) for (const p of walk(torch).filter((f) => f.endsWith(".py"))) seeds.push({ origin: `fixture ${relative(torch, p)}`, dialect: "pytorch", entry: "train.py", files: { "train.py": readFileSync(p, "utf8") }, inputs: {} });
  return seeds;
}

/** The seeds a reader of these file name endings can take, each renamed where needed to end as it expects. */
export function seedsFor(extensions: readonly string[], seeds: readonly Seed[]): Seed[] {
  return seeds.filter((s) => extensions.some((e) => s.entry.endsWith(e)));
}

// ---- mutations ---------------------------------------------------------------------------------------

/** Numbers a config may hold, written as Python, YAML, JSON and shell spell them. */
const strangeNumbers = [
  "0", "-1", "-0.0", "1e308", "1e309", "-1e308", "1e-320", "5e-324", "10**12", "10**400", "2**64", "2**1024", "9007199254740993", "1_000_000",
  "nan", "NaN", "-nan", ".nan", ".inf", "-.inf", "inf", "-inf", "Infinity", "-Infinity", "float('nan')", "float('inf')", "float('-inf')", "math.inf", "math.nan",
  "0x10", "0o17", "0b101", "1e", "1.2.3", "1/0", "0/0", "-(-(-1))", "True", "False", "None", "null", "~", "1j", "1e12", "1000000000000", "4294967297", "0.5e-3",
];
const swappedTypes = ['"0.1"', "'x'", "[1, 2, 3]", "[]", "{}", "dict()", "()", '{"a": 1}', "null", "None", "true", "[0.1]", "lambda e: 0.5 ** e", '"auto"', "''", "[[1]]", "- 1\n- 2"];
const junk = ["(", ")", "[", "]", "{", "}", ":", ",", "=", "'", '"', '"""', "\\", "#", "*", "**", "@", "$", "${", "$(", "`", "&&", "|", ";", "\n", "\n    ", "\t", "- ", "? ", "&anchor ", "*anchor", "!!python/object ", "---\n", "...", "lambda", " if ", "def f(", "class C:", "_base_ = ", "global x\n", "while True:\n    pass\n", "for i in range(10**12):\n    x = i\n"];
const unicode = ["é", "λ", "学习率", "𝛼", "\u200b", "\u202e", "\ufeff", "\u0000", "\ud800", "\udc00", "🙂", "ﬁ", "\u2028", "\u00a0", "Ω", "ℓr"];

type Mutation =
  | { readonly kind: "deleteLine" | "duplicateLine"; readonly at: number }
  | { readonly kind: "swapLines"; readonly a: number; readonly b: number }
  | { readonly kind: "truncate"; readonly permille: number }
  | { readonly kind: "deleteSpan"; readonly at: number; readonly length: number }
  | { readonly kind: "insert"; readonly at: number; readonly text: string }
  | { readonly kind: "number"; readonly k: number; readonly text: string }
  | { readonly kind: "stringToNumber"; readonly k: number; readonly text: string }
  | { readonly kind: "nest"; readonly k: number; readonly depth: number; readonly style: "list" | "dict" | "call" | "paren" | "yaml" }
  | { readonly kind: "crlf" | "cr" | "bom" | "tabs" | "empty" | "whitespace" };

const nat = fc.nat({ max: 1 << 20 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constantFrom("deleteLine" as const, "duplicateLine" as const), at: nat }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant("swapLines" as const), a: nat, b: nat }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("truncate" as const), permille: fc.nat({ max: 1000 }) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("deleteSpan" as const), at: nat, length: fc.integer({ min: 1, max: 40 }) }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant("insert" as const),
      at: nat,
      text: fc.oneof(fc.constantFrom(...junk), fc.constantFrom(...unicode), fc.string({ maxLength: 12 }), fc.string({ unit: "binary", maxLength: 6 })),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ kind: fc.constant("number" as const), k: nat, text: fc.oneof(fc.constantFrom(...strangeNumbers), fc.constantFrom(...swappedTypes), fc.double().map(String), fc.integer().map(String)) }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant("stringToNumber" as const), k: nat, text: fc.constantFrom(...strangeNumbers.slice(0, 12), "3", "0.1") }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("nest" as const), k: nat, depth: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 40 }), weight: 3 }, { arbitrary: fc.integer({ min: 40, max: 1500 }), weight: 1 }), style: fc.constantFrom("list" as const, "dict" as const, "call" as const, "paren" as const, "yaml" as const) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constantFrom("crlf" as const, "cr" as const, "bom" as const, "tabs" as const, "empty" as const, "whitespace" as const) }), weight: 2 },
);

const numberPattern = /(?<![\w.])-?(?:\d[\d_]*\.?\d*|\.\d+)(?:[eE][-+]?\d+)?(?![\w.])/g;
const stringPattern = /"[^"\n\\]*"|'[^'\n\\]*'/g;

function nth(text: string, pattern: RegExp, k: number): RegExpExecArray | undefined {
  const all = [...text.matchAll(pattern)];
  return all.length === 0 ? undefined : all[k % all.length];
}

function nested(value: string, depth: number, style: Extract<Mutation, { kind: "nest" }>["style"]): string {
  const [open, close] = { list: ["[", "]"], dict: ['{"a": ', "}"], call: ["dict(a=", ")"], paren: ["(", ")"], yaml: ["\n" + " ".repeat(2) + "- ", ""] }[style];
  // Block nesting: one column per level, past the parser's limit (256) at most.
  if (style === "yaml") return Array.from({ length: Math.min(depth, 300) }, (_, i) => "\n" + " ".repeat(i + 1) + (i % 3 === 2 ? "- " : "a:")).join("") + " " + value;
  return open!.repeat(depth) + value + close!.repeat(depth);
}

/** Applies one mutation to a text. */
export function mutate(text: string, m: Mutation): string {
  const lines = text.split("\n");
  const line = (i: number): number => (lines.length === 0 ? 0 : i % lines.length);
  switch (m.kind) {
    case "deleteLine":
      lines.splice(line(m.at), 1);
      return lines.join("\n");
    case "duplicateLine":
      lines.splice(line(m.at), 0, lines[line(m.at)] ?? "");
      return lines.join("\n");
    case "swapLines": {
      const a = line(m.a);
      const b = line(m.b);
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return lines.join("\n");
    }
    case "truncate":
      return text.slice(0, Math.floor((text.length * m.permille) / 1000));
    case "deleteSpan": {
      const at = text.length === 0 ? 0 : m.at % text.length;
      return text.slice(0, at) + text.slice(at + m.length);
    }
    case "insert": {
      const at = text.length === 0 ? 0 : m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case "number": {
      const hit = nth(text, numberPattern, m.k);
      return hit ? text.slice(0, hit.index) + m.text + text.slice(hit.index + hit[0].length) : text;
    }
    case "stringToNumber": {
      const hit = nth(text, stringPattern, m.k);
      return hit ? text.slice(0, hit.index) + m.text + text.slice(hit.index + hit[0].length) : text;
    }
    case "nest": {
      const hit = nth(text, numberPattern, m.k) ?? nth(text, stringPattern, m.k);
      return hit ? text.slice(0, hit.index) + nested(hit[0], m.depth, m.style) + text.slice(hit.index + hit[0].length) : text;
    }
    case "crlf":
      return text.replace(/\r?\n/g, "\r\n");
    case "cr":
      return text.replace(/\r?\n/g, "\r");
    case "bom":
      return "\ufeff" + text;
    case "tabs":
      return text.replace(/^( {4}| {2})+/gm, (s) => "\t".repeat(Math.max(1, s.length / 4)));
    case "empty":
      return "";
    case "whitespace":
      return text.replace(/\n/g, " \n").replace(/: /g, ":   ");
  }
}

export interface FuzzCase {
  readonly seed: Seed;
  /** Which file the mutations apply to (0: the entry; others: the rest, `_base_` files...). */
  readonly target: number;
  readonly mutations: readonly Mutation[];
  readonly inputs: Inputs;
}

const inputs: fc.Arbitrary<Inputs> = fc.record(
  {
    stepsPerEpoch: fc.oneof(fc.integer({ min: 1, max: 2000 }), fc.constantFrom(1, 10 ** 6, 10 ** 9)),
    devices: fc.integer({ min: 1, max: 64 }),
    totalSteps: fc.oneof(fc.integer({ min: 1, max: 50_000 }), fc.constantFrom(1, MAX_TICKS, MAX_TICKS + 1, 10 ** 12)),
    epochs: fc.oneof(fc.integer({ min: 1, max: 400 }), fc.constantFrom(10 ** 9)),
    datasetSize: fc.integer({ min: 1, max: 10 ** 7 }),
    gradientAccumulation: fc.integer({ min: 1, max: 64 }),
  },
  { requiredKeys: [] },
);

/** A seed of this reader (mostly) or any seed it can take, a few mutations, and the seed's inputs or random ones. */
export function fuzzCase(own: readonly Seed[], others: readonly Seed[], random: fc.Arbitrary<Seed>): fc.Arbitrary<FuzzCase> {
  const seed = fc.oneof(
    ...(own.length > 0 ? [{ arbitrary: fc.constantFrom(...own), weight: 6 }] : []),
    ...(others.length > 0 ? [{ arbitrary: fc.constantFrom(...others), weight: 2 }] : []),
    { arbitrary: random, weight: 1 },
  );
  return fc.record({
    seed,
    target: fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.nat({ max: 8 }), weight: 1 }),
    mutations: fc.array(mutation, { minLength: 0, maxLength: 5 }),
    inputs: fc.oneof(fc.constant(undefined), inputs).map((x) => x as Inputs),
  }).map(({ seed, target, mutations, inputs: random }) => ({ seed, target, mutations, inputs: random ?? seed.inputs }));
}

/** Random text under a file name of the reader's: junk, JSON, YAML-ish and Python-ish lines. */
export function randomSeed(extensions: readonly string[]): fc.Arbitrary<Seed> {
  const text = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v, null, 2)),
    fc.array(fc.tuple(fc.constantFrom("lr", "sched", "epochs", "warmup_epochs", "scheduler", "optimizer", "param_scheduler", "learning_rate", "max_steps", "T_max", "gamma", "milestones", "_base_"), fc.constantFrom(...strangeNumbers, ...swappedTypes)), { maxLength: 8 }).map((kv) => kv.map(([k, v]) => `${k}: ${v}\n${k} = ${v}\n--${k} ${v}`).join("\n")),
  );
  return fc.record({ ext: fc.constantFrom(...extensions), name: fc.constantFrom("train", "config", "args", "ds_config", "distributed_train", "schedule_1x"), text }).map(({ ext, name, text }) => ({ origin: "random", entry: name + ext, files: { [name + ext]: text }, inputs: {} }));
}

/** The workspace after the mutations: the entry or another file of the seed changed. */
export function build(c: FuzzCase): { entry: string; files: Record<string, string> } {
  const names = [c.seed.entry, ...Object.keys(c.seed.files).filter((n) => n !== c.seed.entry)];
  const target = names[c.target % names.length]!;
  const files = { ...c.seed.files };
  let text = files[target] ?? "";
  for (const m of c.mutations) text = mutate(text, m);
  files[target] = text;
  return { entry: c.seed.entry, files };
}

// ---- properties --------------------------------------------------------------------------------------

/** Calls `check` on every source range found anywhere in `root` (descriptions, values, programs, curves). */
function eachRange(root: unknown, check: (r: SourceRange, where: string) => void): void {
  const seen = new Set<object>();
  const visit = (x: unknown, where: string): void => {
    if (typeof x !== "object" || x === null || seen.has(x) || ArrayBuffer.isView(x)) return;
    seen.add(x);
    const r = x as Partial<SourceRange>;
    if (typeof r.file === "string" && typeof r.startLine === "number" && typeof r.endLine === "number") check(x as SourceRange, where);
    for (const [k, v] of Object.entries(x)) visit(v, `${where}.${k}`);
  };
  visit(root, "");
}

/** A range lies inside its file: lines exist, columns within their line (UTF-16, lines split at \n as every parser here does), start ≤ end. */
export function assertInside(range: SourceRange, files: Readonly<Record<string, string>>, where: string): void {
  const text = files[range.file];
  assert.ok(text !== undefined, `${where}: range in ${range.file}, which is not a file of the workspace (${Object.keys(files).join(", ")})`);
  const lines = text.split("\n");
  const ints = [range.startLine, range.startColumn, range.endLine, range.endColumn].every((n) => Number.isInteger(n) && n >= 0);
  const ok =
    ints &&
    range.endLine < lines.length &&
    (range.startLine < range.endLine || (range.startLine === range.endLine && range.startColumn <= range.endColumn)) &&
    range.startColumn <= lines[range.startLine]!.length &&
    range.endColumn <= lines[range.endLine]!.length;
  assert.ok(ok, `${where}: range ${JSON.stringify(range)} is outside ${range.file} (${lines.length} lines)`);
}

function hasProblem(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === "error" || p.severity === "warning");
}

/** Checks the curve of one schedule: never throws, bounded time, MAX_TICKS refused, no silent NaN. */
export function checkEvaluation(s: ScheduleDescription, files: Readonly<Record<string, string>>, where: string): void {
  const total = s.total?.value;
  const timed = (t: number | undefined): ReturnType<typeof evaluate> => {
    const start = cpuMs();
    let c: ReturnType<typeof evaluate>;
    try {
      c = evaluate(s, t);
    } catch (e) {
      assert.fail(`${where}: evaluate(${s.name}, ${t}) threw ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
    const ms = cpuMs() - start;
    assert.ok(ms < evaluateTimeLimitMs, `${where}: evaluate(${s.name}, ${t}) took ${ms.toFixed(0)} ms`);
    return c;
  };
  if (total === undefined || !Number.isFinite(total) || total < 0) {
    const c = timed(total);
    assert.equal(c.total, 0, `${where}: a curve without a known length`);
    assert.ok(c.problems.some((p) => p.severity === "error"), `${where}: an unknown length must be an error`);
    return;
  }
  if (Math.floor(total) > MAX_TICKS) {
    const c = timed(total);
    assert.equal(c.total, 0, `${where}: ${total} ticks evaluated without allowHuge`);
    assert.ok(c.problems.some((p) => p.code === "too-many-ticks"), `${where}: ${total} ticks refused without saying so`);
  }
  const ticks = Math.min(Math.floor(total), evaluatedTicks) || 0;
  const c = timed(ticks);
  for (const p of c.problems) if (p.range) assertInside(p.range, files, `${where} curve problem ${p.code}`);
  if (c.total === 0 && ticks > 0) {
    assert.ok(c.problems.some((p) => p.severity === "error"), `${where}: no curve and no error`);
    return;
  }
  assert.equal(c.total, ticks, `${where}: curve total`);
  let nonFinite: string | undefined;
  for (const [kind, series] of [["lr", c.groups], ["momentum", c.momentum ?? []]] as const) {
    for (const [g, values] of series.entries()) {
      assert.equal(values.length, c.total, `${where}: ${kind} of group ${g} has ${values.length} values for ${c.total} ticks`);
      for (let t = 0; t < values.length && nonFinite === undefined; t++) if (!Number.isFinite(values[t]!)) nonFinite = `${kind} of group ${g} at tick ${t} is ${values[t]}`;
    }
  }
  if (nonFinite !== undefined) assert.ok(hasProblem(c.problems) || hasProblem(s.problems), `${where}: ${nonFinite}, silently (no warning or error)`);
}

/** How a case is read: one reader on its own, or `readSchedules` with every reader. */
export type ReadFunction = (entry: string, text: string, inputs: Inputs, files: WorkspaceFiles) => ReadResult | undefined;

/** `readSchedules` itself: never throws, and no reader failed inside it. */
export const readAll: ReadFunction = (entry, text, inputs, files) => {
  const result = readSchedules(entry, text, inputs, files);
  const failed = result.problems.find((p) => p.code === "reader-failed");
  assert.equal(failed, undefined, `a reader threw: ${failed?.message}`);
  return result;
};

/** One reader, as `readSchedules` calls it (a throw is a failure: readers return errors as values). */
export function readOne(reader: DialectReader): ReadFunction {
  return (entry, text, inputs, files) => reader.read(entry, text, { inputs, files });
}

/** Reads one mutated workspace and checks every property. */
export function checkCase(c: FuzzCase, read: ReadFunction = readAll): void {
  const { entry, files } = build(c);
  const text = files[entry]!;
  if (traceFile) writeFileSync(traceFile, JSON.stringify({ entry, files, inputs: c.inputs }));
  const start = cpuMs();
  let result: ReadResult | undefined;
  try {
    result = read(entry, text, c.inputs, { read: (p) => files[p] });
  } catch (e) {
    if (e instanceof assert.AssertionError) throw e;
    assert.fail(`the reader threw ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
  const ms = cpuMs() - start;
  assert.ok(ms < readTimeLimitMs, `reading took ${ms.toFixed(0)} ms`);
  if (!result) return;
  eachRange(result, (r, where) => assertInside(r, files, `result${where}`));
  for (const s of result.schedules) checkEvaluation(s, files, `schedule ${s.name}`);
}
