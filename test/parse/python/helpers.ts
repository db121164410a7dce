import assert from "node:assert/strict";
import type { SourceRange } from "../../../src/core/range";
import { Interpreter, type CallSite, type EvaluatedArguments, type Host } from "../../../src/parse/python/interpreter";
import { compileNumeric } from "../../../src/parse/python/numeric";
import { PythonFile } from "../../../src/parse/python/syntax";
import type { PyVal, Unknown } from "../../../src/parse/python/values";

/** A host that knows nothing but records every call it is asked about, with its loops. */
export class RecordingHost implements Host {
  readonly calls: { callee: PyVal; args: EvaluatedArguments; site: CallSite }[] = [];
  call(callee: PyVal, args: EvaluatedArguments, site: CallSite): PyVal | undefined {
    this.calls.push({ callee, args, site });
    return undefined;
  }
  /** Calls whose callee is a method or dotted name ending in `name`. */
  named(name: string): { callee: PyVal; args: EvaluatedArguments; site: CallSite }[] {
    return this.calls.filter((c) => (c.callee.kind === "method" && c.callee.name === name) || (c.callee.kind === "ref" && c.callee.path.split(".").at(-1) === name));
  }
}

export function run(source: string): { interp: Interpreter; host: RecordingHost; file: PythonFile; get: (name: string) => PyVal } {
  const file = new PythonFile("t.py", source);
  const host = new RecordingHost();
  const interp = new Interpreter(file, host);
  interp.run();
  return {
    interp,
    host,
    file,
    get: (name) => {
      const v = interp.module.get(name);
      assert.ok(v, `${name} is not bound`);
      return v;
    },
  };
}

export function num(v: PyVal): number {
  assert.equal(v.kind, "num", `expected a number, got ${JSON.stringify(v, (k, x: unknown) => (k === "node" || k === "scope" ? undefined : x))}`);
  return (v).value;
}

/** Compiles the module-level function `name` of the source. */
export function compile(source: string, name = "f"): ((x: number) => number) | Unknown {
  const { interp, get } = run(source);
  const fn = get(name);
  assert.equal(fn.kind, "func");
  return compileNumeric(fn, interp);
}

export function compiled(source: string, name = "f"): (x: number) => number {
  const f = compile(source, name);
  assert.equal(typeof f, "function", typeof f === "function" ? "" : `refused: ${f.reason}`);
  return f as (x: number) => number;
}

/** A refusal, with its range's 1-based line and the text it covers. */
export function refused(source: string, name = "f"): { reason: string; line: number; text: string; range: SourceRange } {
  const f = compile(source, name);
  assert.notEqual(typeof f, "function", "expected the function to be refused");
  const u = f as Unknown;
  assert.ok(u.range, `refusal without a range: ${u.reason}`);
  const lines = source.split("\n");
  const r = u.range;
  const text = r.startLine === r.endLine ? lines[r.startLine]!.slice(r.startColumn, r.endColumn) : lines[r.startLine]!.slice(r.startColumn);
  return { reason: u.reason, line: r.startLine + 1, text, range: r };
}
