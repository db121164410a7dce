/**
 * How train.py's argparse turns a written value into the Python value the scheduler gets: strings (command
 * line words, and string defaults such as PyYAML's `1e-4`) through the option's `type`; other YAML values
 * as they are. Python's `float()` and `int()` accept what is checked here.
 */
// `digits? .? digits?` written so a digit run splits one way only (the optional-optional form backtracked
// quadratically on a long run that is not a number).
const pyFloatText = /^[+-]?(?:(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*|\.?)(?:[eE][+-]?\d(?:_?\d)*)?|inf(?:inity)?|nan)$/i;
const pyIntText = /^[+-]?\d(?:_?\d)*$/;

/** `float(text)`, or undefined where Python raises ValueError. */
export function pyFloat(text: string): number | undefined {
  const t = text.trim();
  if (!pyFloatText.test(t) || !/\d|inf|nan/i.test(t)) return undefined;
  const body = t.replace(/_/g, "").toLowerCase();
  if (/inf/.test(body)) return body.startsWith("-") ? -Infinity : Infinity;
  if (/nan/.test(body)) return NaN;
  const m = /^[+-]?(\d*)\.?(\d*)/.exec(body)!;
  if (m[1] === "" && m[2] === "") return undefined;
  return Number(body);
}

/** `int(text)`, or undefined where Python raises ValueError. */
export function pyInt(text: string): number | undefined {
  const t = text.trim();
  return pyIntText.test(t) ? Number(t.replace(/_/g, "")) : undefined;
}

/** Python truthiness of a value as PyYAML or argparse made it. */
export function pyTruthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === "object") return Object.keys(v).length > 0;
  return true;
}

/** `repr()`-like text for messages. */
export function pyRepr(v: unknown): string {
  if (v === null || v === undefined) return "None";
  if (v === true) return "True";
  if (v === false) return "False";
  if (typeof v === "string") return `'${v}'`;
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(", ")}]`;
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  return JSON.stringify(v) ?? "?";
}
