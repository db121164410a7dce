// Shared by the benchmark suites: timing, percentiles, and the result rows `bench/run.mjs` collects.
import { appendFileSync } from "node:fs";

/** One row of bench/results.json (issue #8's schema). */
export interface Result {
  readonly name: string;
  readonly ours_ms?: number;
  readonly baseline_ms?: number;
  /** What the baseline is (`torch 1.13.0a0 CosineAnnealingLR`...). */
  readonly baseline?: string;
  /** baseline_ms / ours_ms: how many times faster ours is. */
  readonly ratio?: number;
  readonly p50_ms?: number;
  readonly p95_ms?: number;
  readonly bytes?: number;
  /** Not in results.json: the target and whether it is met, for the table. */
  readonly target?: string;
  readonly met?: boolean;
  readonly note?: string;
}

/** Rows go to the file run.mjs passes (one JSON per line), and to stdout as they come. */
export function report(result: Result): void {
  const file = process.env.LRSCOPE_BENCH_OUT;
  if (file) appendFileSync(file, JSON.stringify(result) + "\n");
  const parts = [result.name.padEnd(44)];
  if (result.ours_ms !== undefined) parts.push(`${ms(result.ours_ms)}`);
  if (result.p50_ms !== undefined) parts.push(`p50 ${ms(result.p50_ms)}  p95 ${ms(result.p95_ms!)}`);
  if (result.baseline_ms !== undefined) parts.push(`baseline ${ms(result.baseline_ms)}  ×${result.ratio?.toFixed(0)}`);
  if (result.bytes !== undefined) parts.push(`${result.bytes.toLocaleString("en-US")} B`);
  if (result.target) parts.push(`[${result.met ? "met" : "MISSED"}: ${result.target}]`);
  if (result.note) parts.push(`(${result.note})`);
  console.log("  " + parts.join("  "));
}

export function ms(x: number): string {
  return x < 10 ? `${x.toFixed(2)} ms` : x < 100 ? `${x.toFixed(1)} ms` : `${x.toFixed(0)} ms`;
}

/** The q-quantile (0..1) by the nearest-rank method. */
export function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Options every suite understands: `--quick` (fewer repetitions), `--only <substring>`, `--wall`. */
export const argv = process.argv.slice(2);
export const quick = argv.includes("--quick");
export function option(name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/**
 * The clock, in ms. By default the CPU time of this process (user + system, `process.cpuUsage`): on a machine
 * shared with other builds the wall clock mostly measures waiting for a core, while CPU time stays close to
 * what an idle machine's wall clock shows (page faults and GC included; other processes not). `--wall`
 * measures wall-clock time instead. torch_baseline.py uses the same clock (`time.process_time`).
 */
export const wall = argv.includes("--wall");
export const clockName = wall ? "wall clock" : "CPU time";
export const clock: () => number = wall
  ? () => performance.now()
  : () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };

/** Median time of `runs` calls after `warmup` unmeasured ones. */
export function timeMedian(run: () => unknown, runs: number, warmup = 1): number {
  for (let i = 0; i < warmup; i++) run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = clock();
    run();
    samples.push(clock() - t0);
  }
  return median(samples);
}

/** A deterministic pseudo-random generator (mulberry32), so generated inputs are the same every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Keeps results alive so the JIT cannot drop the work. */
export const sink = { value: 0 };
