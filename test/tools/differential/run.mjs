#!/usr/bin/env node
// Differential testing: random but realistic workspaces per framework family, our CLI's curve against the curve
// the framework's own scheduler code produces (test/tools/differential/reference.py, run with Debian's
// /usr/bin/python3 and its torch 1.13). A development tool, not part of `npm test`.
//
//   node test/tools/differential/run.mjs [--cli "node dist/cli.js"] [--n 40] [--seed 1] [--family torch,timm]
//                                        [--save DIR] [--verbose]
//
// Every point must agree within 1e-6 relative to the curve's peak (and the lengths must be equal). `--save DIR`
// writes each mismatching case in the golden format (../shared/golden/README.md) with the framework's numbers,
// ready to review and copy to test/golden-own. Exit code 1 when any case mismatches.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { FAMILIES } from "./families.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..", "..", "..");
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const cli = opt("cli", `node ${join(root, "dist", "cli.js")}`).split(" ");
const n = Number(opt("n", "40"));
const seed = Number(opt("seed", "1"));
const only = opt("family", Object.keys(FAMILIES).join(",")).split(",");
const save = opt("save", undefined);
const verbose = args.includes("--verbose");
const python = process.env.LRSCOPE_PYTHON ?? "/usr/bin/python3";

/** mulberry32: a small seeded PRNG, so a failing case can be regenerated from its seed. */
function rng(s) {
  let a = s >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    chance: (p) => next() < p,
  };
}

const cases = [];
for (const fam of only) {
  const gen = FAMILIES[fam];
  if (!gen) throw new Error(`unknown family ${fam}`);
  for (let i = 0; i < n; i++) {
    const c = gen(rng(seed * 100003 + i * 7919 + fam.length), i);
    cases.push({ ...c, family: fam, id: `${fam}-diff-${seed}-${i}` });
  }
}

// The framework's numbers.
const ref = spawnSync(python, [join(here, "reference.py")], { input: JSON.stringify(cases), maxBuffer: 1 << 30, encoding: "utf8" });
if (ref.status !== 0) {
  console.error(ref.stderr);
  process.exit(2);
}
const refs = JSON.parse(ref.stdout);

// Ours.
const work = mkdtempSync(join(tmpdir(), "lrscope-diff-"));
const stats = {};
let bad = 0;
const maxAbs = (xs) => xs.reduce((m, x) => Math.max(m, Math.abs(x)), 0);

function compare(name, ours, theirs) {
  if (!Array.isArray(ours)) return `${name}: missing in ours`;
  if (ours.length !== theirs.length) return `${name}: ${ours.length} ticks vs ${theirs.length}`;
  const tol = 1e-6 * Math.max(maxAbs(theirs), 1e-300);
  for (let t = 0; t < theirs.length; t++) {
    if (!(Math.abs(ours[t] - theirs[t]) <= tol)) return `${name}[${t}]: ours ${ours[t]} vs ${theirs[t]}`;
  }
  return undefined;
}

for (const c of cases) {
  const s = (stats[c.family] ??= { ran: 0, ok: 0, mismatch: 0, oursFailed: 0, refFailed: 0 });
  s.ran++;
  const r = refs[c.id];
  if (r.error) {
    s.refFailed++;
    if (verbose) console.log(`REF-ERROR ${c.id}: ${r.error}`);
    continue;
  }
  const dir = join(work, c.id);
  for (const [p, text] of Object.entries(c.files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  const flags = [];
  if (c.options?.stepsPerEpoch) flags.push("--steps-per-epoch", String(c.options.stepsPerEpoch));
  if (c.options?.devices) flags.push("--devices", String(c.options.devices));
  if (c.options?.totalSteps) flags.push("--total-steps", String(c.options.totalSteps));
  const run = spawnSync(cli[0], [...cli.slice(1), "curve", c.entry, "--json", ...flags], { cwd: dir, encoding: "utf8", maxBuffer: 1 << 30 });
  let ours;
  try {
    ours = JSON.parse(run.stdout).schedules[0];
  } catch {
    ours = undefined;
  }
  if (!ours) {
    s.oursFailed++;
    console.log(`OURS-FAILED ${c.id}: ${(run.stderr || run.stdout).trim().split("\n")[0]}`);
    if (verbose) console.log(c.files[c.entry]);
    continue;
  }
  const problems = [compare("lr", ours.lr, r.lr), ours.unit === c.unit ? undefined : `unit ${ours.unit} vs ${c.unit}`];
  if (c.momentum && r.momentum) problems.push(compare("momentum", ours.momentum, r.momentum));
  for (const [g, xs] of Object.entries(r.groups ?? {})) problems.push(compare(g, ours.groups?.[g], xs));
  const found = problems.filter(Boolean);
  if (found.length === 0) {
    s.ok++;
    continue;
  }
  s.mismatch++;
  bad++;
  console.log(`MISMATCH ${c.id} (${c.note ?? ""}): ${found.join("; ")}`);
  if (verbose) console.log(Object.entries(c.files).map(([p, t]) => `--- ${p}\n${t}`).join("\n"));
  if (save) {
    mkdirSync(save, { recursive: true });
    const pts = (xs) => xs.map((v, t) => [t, v]);
    const golden = {
      id: c.id,
      dialect: c.dialect,
      reference: c.reference,
      files: c.files,
      entry: c.entry,
      options: c.options ?? {},
      unit: c.unit,
      total: r.lr.length,
      lr: pts(r.lr),
      ...(c.momentum && r.momentum ? { momentum: pts(r.momentum) } : {}),
      ...(r.groups ? { extra: Object.fromEntries(Object.entries(r.groups).map(([g, xs]) => [g, pts(xs)])) } : {}),
    };
    writeFileSync(join(save, `${c.id}.json`), JSON.stringify(golden, null, 1) + "\n");
  }
}
rmSync(work, { recursive: true, force: true });
for (const [fam, s] of Object.entries(stats)) {
  console.log(`${fam}: ${s.ran} ran, ${s.ok} agree, ${s.mismatch} mismatch, ${s.oursFailed} not read by us, ${s.refFailed} reference errors`);
}
process.exit(bad > 0 ? 1 : 0);
