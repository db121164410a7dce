/**
 * Keys a framework deprecated and their replacement. The readers report them (code `deprecated-key`, e.g.
 * the Hugging Face reader for `warmup_ratio`); this table gives the editor the obvious quick fix: rename the
 * key, keeping its value (transformers 5.0 `warmup_steps` takes a ratio below 1, exactly what
 * `warmup_ratio` held; training_args.py `__post_init__`).
 */
const replacements: Readonly<Record<string, string>> = {
  warmup_ratio: "warmup_steps",
};

/** The replacement for a deprecated key as written (`warmup_ratio`, `"warmup_ratio"`, `--warmup-ratio`). */
export function deprecatedKeyReplacement(written: string): string | undefined {
  const m = /^(["']?)(--)?([A-Za-z_][\w-]*)(["']?)$/.exec(written.trim());
  if (!m) return undefined;
  const [, open, dashes, key, close] = m;
  const snake = key!.replace(/-/g, "_");
  const to = replacements[snake];
  if (!to) return undefined;
  const spelled = key!.includes("-") ? to.replace(/_/g, "-") : to;
  return `${open}${dashes ?? ""}${spelled}${close}`;
}
