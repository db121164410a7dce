import type { PyVal } from "../../parse/python/values";

/** A config dict: a Python dict value read statically (keys are strings in configs). */
export type DictVal = PyVal & { kind: "dict" };
type Entry = readonly [PyVal, PyVal];

/** The wrapper that gives `_base_.model.backbone` attribute access to a config dict, as ConfigDict does. */
export const CONFIG_DICT = "mmengine.ConfigDict";

export function keyOf(k: PyVal): string | undefined {
  return k.kind === "str" ? k.value : undefined;
}

/** The dict behind a value: a dict, or a ConfigDict wrapper (`_base_.x`). */
export function asDict(v: PyVal | undefined): DictVal | undefined {
  if (!v) return undefined;
  if (v.kind === "dict") return v;
  if (v.kind === "object" && v.type === CONFIG_DICT) return v.data as DictVal;
  return undefined;
}

/** `cfg[key]`, through ConfigDict wrappers. */
export function getKey(d: PyVal | undefined, key: string): PyVal | undefined {
  const dict = asDict(d);
  if (!dict) return undefined;
  for (let i = dict.entries.length - 1; i >= 0; i--) {
    const [k, v] = dict.entries[i]!;
    if (keyOf(k) === key) return v;
  }
  return undefined;
}

/** A value with ConfigDict wrappers replaced by the dicts they wrap, all the way down. */
export function plain(v: PyVal): PyVal {
  const d = asDict(v);
  if (d) return { kind: "dict", entries: d.entries.map(([k, x]) => [k, plain(x)] as const), range: d.range };
  if (v.kind === "seq") return { ...v, items: v.items.map(plain) };
  return v;
}

export function makeDict(entries: Entry[], range?: DictVal["range"]): DictVal {
  return { kind: "dict", entries, range };
}

/** A copy of `d` with `key` set (replacing in place where it was, appended otherwise). */
function withKey(entries: Entry[], key: PyVal, value: PyVal): void {
  const name = keyOf(key);
  const i = entries.findIndex(([k]) => keyOf(k) === name && name !== undefined);
  if (i >= 0) entries[i] = [entries[i]![0], value];
  else entries.push([key, value]);
}

function truthyFlag(v: PyVal | undefined): boolean {
  return v !== undefined && ((v.kind === "bool" && v.value) || (v.kind === "num" && v.value !== 0));
}

function withoutDelete(d: DictVal): DictVal {
  return makeDict(d.entries.filter(([k]) => keyOf(k) !== "_delete_"), d.range);
}

export class MergeError extends Error {}

/**
 * `Config._merge_a_into_b(a, b)` of mmengine/config/config.py: a copy of b with a's keys written over it;
 * dicts merge recursively unless a's dict says `_delete_=True`; anything else (lists included) replaces.
 * A dict in a over a non-dict in b is MMEngine's TypeError.
 */
export function mergeAIntoB(a: DictVal, b: DictVal, path = ""): DictVal {
  const out: Entry[] = b.entries.slice();
  for (const [k, v0] of a.entries) {
    const name = keyOf(k) ?? "?";
    const v = asDict(v0);
    if (v) {
      const existing = getKey(b, name);
      if (existing !== undefined && !truthyFlag(getKey(v, "_delete_"))) {
        const bd = asDict(existing);
        if (!bd) throw new MergeError(`${path}${name} is a dict in the child config but not in its base; set _delete_=True to replace it (MMEngine raises TypeError)`);
        withKey(out, k, mergeAIntoB(withoutDelete(v), bd, `${path}${name}.`));
      } else withKey(out, k, withoutDelete(v));
    } else withKey(out, k, v0);
  }
  return makeDict(out, a.range ?? b.range);
}

/**
 * `ConfigDict.update(other)` (lazy-import configs): keys of `other` replace, except dict over dict, which
 * updates recursively. Mutates `target` in place, as Python does.
 */
export function updateInPlace(target: DictVal, other: DictVal): void {
  const entries = target.entries as Entry[];
  for (const [k, v] of other.entries) {
    const name = keyOf(k);
    const current = name === undefined ? undefined : getKey(target, name);
    const cd = asDict(current);
    const vd = asDict(v);
    if (cd && vd) updateInPlace(cd, vd);
    else withKey(entries, k, v);
  }
}
