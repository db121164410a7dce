import type { SourceRange } from "../../core/range";
import { derived, frameworkDefault, literal, type Value } from "../../core/value";
import type { ArgWord, LaunchCommand } from "../../parse/shell";

/** A command that runs a Python script of the workspace, and how many processes it starts. */
export interface LaunchLine {
  /** How it is started, for messages: `python`, `torchrun`, `accelerate launch`, `deepspeed`... */
  readonly launcher: string;
  /** The word naming the script (or the module of `python -m`). */
  readonly script: ArgWord;
  /** The script's path as written (`train.py`, `tools/train.py`; `pkg/train.py` for `-m pkg.train`). */
  readonly path: string;
  /** The script's own command line. */
  readonly args: readonly ArgWord[];
  /** Processes started (the world size), when the line says it. */
  readonly worldSize?: Value;
  readonly worldSizeUnknown?: { readonly reason: string; readonly range: SourceRange };
  /** From the launcher to the end of the command. */
  readonly range: SourceRange;
  /** `--deepspeed ds.json` / `--deepspeed_config ds.json` given to the script. */
  readonly deepspeedConfig?: ArgWord;
}

const base = (w: ArgWord): string => w.text.slice(w.text.lastIndexOf("/") + 1);
const isPython = (w: ArgWord): boolean => /^python[\d.]*$/.test(base(w)) && !w.dynamic;
const span = (a: SourceRange, b: SourceRange): SourceRange => ({ ...a, endLine: b.endLine, endColumn: b.endColumn });
const before = (a: SourceRange, b: SourceRange): boolean => a.startLine < b.startLine || (a.startLine === b.startLine && a.startColumn <= b.startColumn);
const inside = (a: SourceRange, b: SourceRange): boolean => a.file === b.file && before(b, a) && (a.endLine < b.endLine || (a.endLine === b.endLine && a.endColumn <= b.endColumn));
/** Words that run the rest of the command in the same process (`nohup python ...`, `env X=1 python ...`). */
const transparent = /^(?:env|nohup|time|exec|command|builtin|stdbuf|nice|ionice|taskset|numactl|unbuffer)$/;

/**
 * Finds a Python script launch in a command: `python [opts] script.py`, `python -m pkg.mod`,
 * `python -m torch.distributed.launch|run [opts] script.py`, `torchrun [opts] script.py`,
 * `accelerate launch [opts] script.py`, `deepspeed [opts] script.py`. Launcher options are those of
 * torch/distributed/run.py, accelerate/commands/launch.py and deepspeed/launcher/runner.py.
 */
export function findLaunch(command: LaunchCommand): LaunchLine | undefined {
  const words = command.words;
  let k = 0;
  // `env A=1 nohup ...`: wrappers and their options/assignments.
  while (k < words.length && (transparent.test(words[k]!.text) || (k > 0 && transparent.test(words[k - 1]!.text) && /^-|=/.test(words[k]!.text)))) k++;
  const prefix = words.slice(0, k).filter((w) => !transparent.test(w.text) && !/^-|=/.test(w.text));
  // A launcher further in (`srun -N 2 python train.py`, `mpirun -np 8 python ...`): it decides the process count.
  const at = words.findIndex((w, i) => i >= k && (isPython(w) || /^(?:torchrun|accelerate|deepspeed)$/.test(base(w))));
  if (at < 0) return undefined;
  const outer = [...prefix, ...words.slice(k, at)];
  const first = words[at]!;
  const rest = words.slice(at + 1);
  const line = (launcher: string, scriptAt: number, opts: readonly ArgWord[], world: World, module?: boolean): LaunchLine | undefined => {
    const script = rest[scriptAt];
    if (!script || script.dynamic) return undefined;
    const path = module ? `${script.text.replace(/\./g, "/")}.py` : script.text;
    if (!path.endsWith(".py")) return undefined;
    const args = rest.slice(scriptAt + 1);
    const w: World = outer.length > 0 ? { unknown: { reason: `${outer.map((o) => o.text).join(" ")} starts ${launcher}: how many processes it runs is not written here`, range: outer[0]!.range } } : world;
    const dsAt = args.findIndex((a) => /^--(?:deepspeed|deepspeed_config|deepscale_config)(?:=|$)/.test(a.text));
    const ds = dsAt < 0 ? undefined : args[dsAt]!.text.includes("=") ? { ...args[dsAt]!, text: args[dsAt]!.text.slice(args[dsAt]!.text.indexOf("=") + 1) } : args[dsAt + 1];
    void opts;
    return {
      launcher,
      script,
      path,
      args,
      ...(w.value ? { worldSize: w.value } : {}),
      ...(w.unknown ? { worldSizeUnknown: w.unknown } : {}),
      // From the launcher word, unless it comes from elsewhere (a Makefile's `$(PYTHON)`): then the whole command.
      range: inside(first.range, command.range) ? span(first.range, command.range) : command.range,
      ...(ds && !ds.text.startsWith("-") ? { deepspeedConfig: ds } : {}),
    };
  };

  if (isPython(first)) {
    // python's own options (Python/getopt: -b -B -d -E -h -i -I -O -OO -P -q -s -S -u -v -V -x; -W and -X take a value).
    let i = 0;
    while (i < rest.length && /^-[bBdEiIOPqsSuvx]+$/.test(rest[i]!.text)) i++;
    while (i < rest.length && /^-[WX]$/.test(rest[i]!.text)) {
      i += 2;
      while (i < rest.length && /^-[bBdEiIOPqsSuvx]+$/.test(rest[i]!.text)) i++;
    }
    const opt = rest[i];
    if (opt?.text === "-m") {
      const module = rest[i + 1];
      if (!module) return undefined;
      if (module.text === "torch.distributed.launch" || module.text === "torch.distributed.run") return distributed(module.text === "torch.distributed.run" ? "python -m torch.distributed.run" : "python -m torch.distributed.launch", i + 2);
      if (module.text === "accelerate.commands.launch") return accelerate("python -m accelerate.commands.launch", i + 2);
      if (module.text === "deepspeed.launcher.runner") return deepspeed("python -m deepspeed.launcher.runner", i + 2);
      return line(`python -m ${module.text}`, i + 1, [], one(first, module), true);
    }
    if (!opt || opt.text.startsWith("-")) return undefined;
    return line("python", i, [], one(first, opt));
  }
  if (base(first) === "torchrun") return distributed("torchrun", 0);
  if (base(first) === "accelerate") return rest[0]?.text === "launch" ? accelerate("accelerate launch", 1) : undefined;
  return deepspeed("deepspeed", 0);

  /** The first `.py` word after the launcher's options (no launcher option takes a `.py` value). */
  function scriptIndex(from: number): number {
    for (let i = from; i < rest.length; i++) if (!rest[i]!.dynamic && /\.py$/.test(rest[i]!.text) && !rest[i]!.text.startsWith("-")) return i;
    return -1;
  }

  /** Values of launcher options before the script: `--name N` or `--name=N`, the last one wins. */
  function option(from: number, to: number, names: readonly string[]): ArgWord | "missing" | undefined {
    let found: ArgWord | "missing" | undefined;
    for (let i = from; i < to; i++) {
      const w = rest[i]!;
      const eq = w.text.indexOf("=");
      const name = eq > 0 ? w.text.slice(0, eq) : w.text;
      if (!names.includes(name)) continue;
      found = eq > 0 ? { ...w, text: w.text.slice(eq + 1) } : i + 1 < to ? rest[i + 1]! : "missing";
    }
    return found;
  }

  function count(w: ArgWord | "missing", flag: string): Value | { reason: string; range: SourceRange } {
    if (w === "missing") return { reason: `${flag} has no value`, range: command.range };
    if (w.dynamic) return { reason: `${flag} ${w.dynamic}`, range: w.range };
    if (!/^\d+$/.test(w.text)) return { reason: `${flag} ${w.text} is not a fixed number of processes`, range: w.range };
    return literal(Number(w.text), w.range);
  }

  function product(launcher: string, a: Value, aFlag: string, b: Value, bFlag: string): Value {
    return b.value === 1 && b.origin.kind === "default" ? derived(a.value, `${aFlag} ${a.value} (${launcher})`, [a], a.range) : derived(a.value * b.value, `${aFlag} ${a.value} × ${bFlag} ${b.value} (${launcher})`, [a, b], a.range);
  }

  /** torchrun and `python -m torch.distributed.launch|run`: --nproc-per-node (default 1) × --nnodes (default 1). */
  function distributed(launcher: string, from: number): LaunchLine | undefined {
    const s = scriptIndex(from);
    if (s < 0) return undefined;
    const nproc = option(from, s, ["--nproc_per_node", "--nproc-per-node"]);
    const nnodes = option(from, s, ["--nnodes"]);
    const p = nproc === undefined ? frameworkDefault(1, `${launcher} default of --nproc-per-node`) : count(nproc, "--nproc_per_node");
    const m = nnodes === undefined ? frameworkDefault(1, `${launcher} default of --nnodes`) : count(nnodes, "--nnodes");
    const world: World = "reason" in p ? { unknown: p } : "reason" in m ? { unknown: m } : { value: product(launcher, p, "--nproc_per_node", m, "--nnodes") };
    return line(launcher, s, rest.slice(from, s), world);
  }

  /** accelerate launch: --num_processes is the total over all machines; without it, the accelerate config file says. */
  function accelerate(launcher: string, from: number): LaunchLine | undefined {
    const s = scriptIndex(from);
    if (s < 0) return undefined;
    const n = option(from, s, ["--num_processes", "--num-processes"]);
    const c = n === undefined ? { reason: `${launcher} without --num_processes: the accelerate config (accelerate config / --config_file) sets the number of processes`, range: first.range } : count(n, "--num_processes");
    const world: World = "reason" in c ? { unknown: c } : { value: derived(c.value, `--num_processes ${c.value} (${launcher})`, [c], c.range) };
    return line(launcher, s, rest.slice(from, s), world);
  }

  /** deepspeed: --num_gpus per node × --num_nodes; without --num_gpus it uses every GPU it finds. */
  function deepspeed(launcher: string, from: number): LaunchLine | undefined {
    const s = scriptIndex(from);
    if (s < 0) return undefined;
    const g = option(from, s, ["--num_gpus", "--num-gpus"]);
    const nodes = option(from, s, ["--num_nodes", "--num-nodes"]);
    const hostfile = option(from, s, ["--hostfile", "-H", "--include", "-i", "--exclude", "-e"]);
    let world: World;
    if (g === undefined) world = { unknown: { reason: `${launcher} without --num_gpus starts one process per GPU it finds`, range: first.range } };
    else {
      const p = count(g, "--num_gpus");
      const m = nodes !== undefined ? count(nodes, "--num_nodes") : hostfile === undefined ? frameworkDefault(1, `${launcher} on one node (no --hostfile or --num_nodes given)`) : { reason: `${launcher} runs on the hosts of its hostfile/--include`, range: first.range };
      world = "reason" in p ? { unknown: p } : "reason" in m ? { unknown: m } : { value: product(launcher, p, "--num_gpus", m, "--num_nodes") };
    }
    return line(launcher, s, rest.slice(from, s), world);
  }
}

type World = { readonly value?: Value; readonly unknown?: { readonly reason: string; readonly range: SourceRange } };

/** `python script.py`: one process. */
function one(python: ArgWord, script: ArgWord): World {
  return { value: derived(1, `one process (${python.text} ${script.text})`, [], script.range) };
}
