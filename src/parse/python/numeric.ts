import { floorDiv, mathFunction, parseNumberLiteral, pyMod, roundDigits, roundHalfEven } from "./arith";
import type { Interpreter } from "./interpreter";
import { chainedMiddle, kids, type SyntaxNode } from "./syntax";
import { asNumber, unknown, type PyVal, type Scope, type Unknown } from "./values";

/** A compiled numeric function of one frame of local slots. */
type Expr = (frame: Float64Array) => number;
/** A compiled statement: a number when it returned, `undefined` to fall through. */
type Stmt = (frame: Float64Array) => number | undefined;

class NotStatic extends Error {
  constructor(
    readonly node: SyntaxNode,
    readonly why: string,
  ) {
    super(why);
  }
}

/**
 * Compiles a `lambda` or a small `def` of the file into a JavaScript closure of numbers, so a curve of a
 * million ticks calls it without walking syntax. Supported: arithmetic, comparisons, `and`/`or`/`not`,
 * conditional expressions, `math.*`, `min`/`max`/`abs`/`int`/`float`/`round`/`pow`, constants of enclosing
 * scopes (read once, as the script defines them), local assignments, `if`/`elif`/`else` and `return`,
 * calls of other such functions. Anything else is `unknown` with the range of the construct. One argument
 * without rest parameters (unlike `compileNumericN`): the closure runs once per tick of a million-tick curve.
 */
export function compileNumeric(fn: PyVal & { kind: "func" }, interp: Interpreter): ((x: number) => number) | Unknown {
  try {
    const f = new Compiler(interp).function(fn, 1);
    const frame = new Float64Array(f.slots);
    // Python would raise where this throws (a def falling off its end): the curve gets NaN, which the
    // evaluator reports with the lambda's range.
    return (x: number) => {
      frame.fill(0);
      frame[0] = x;
      try {
        return f.body(frame);
      } catch {
        return NaN;
      }
    };
  } catch (e) {
    return refusal(e, fn, interp);
  }
}

/**
 * Functions a dialect adds to the numeric subset, by the dotted path the file calls them with
 * (`keras.ops.exp` → a float32 exp); `undefined` for paths it does not know.
 */
export type NumericFunctions = (path: string) => ((...xs: number[]) => number) | undefined;

/**
 * `compileNumeric` for a function of `arity` numbers (`def scheduler(epoch, lr)`), with the dialect's own
 * functions added to `math.*` and the builtins.
 */
export function compileNumericN(fn: PyVal & { kind: "func" }, interp: Interpreter, arity: number, functions?: NumericFunctions): ((...xs: number[]) => number) | Unknown {
  try {
    const f = new Compiler(interp, functions).function(fn, arity);
    const frame = new Float64Array(f.slots);
    return (...xs: number[]) => {
      frame.fill(0);
      for (let i = 0; i < arity; i++) frame[i] = xs[i] ?? 0;
      try {
        return f.body(frame);
      } catch {
        return NaN;
      }
    };
  } catch (e) {
    return refusal(e, fn, interp);
  }
}

/**
 * A numeric expression written at a call (`scheduler.step(epoch + i / iters)`): `names` are bound per
 * evaluation, in order (loop variables); every other name is read from `scope` once, here.
 */
export function compileNumericExpression(node: SyntaxNode, scope: Scope, interp: Interpreter, names: readonly string[]): ((...xs: number[]) => number) | Unknown {
  const fn: PyVal & { kind: "func" } = { kind: "func", node, scope, name: "expression" };
  try {
    const ctx: Context = { fn, slots: new Map(names.map((n, i) => [n, i])) };
    const body = new Compiler(interp).expr(node, ctx);
    const frame = new Float64Array(Math.max(ctx.slots.size, names.length));
    return (...xs: number[]) => {
      frame.fill(0);
      for (let i = 0; i < names.length; i++) frame[i] = xs[i] ?? 0;
      try {
        return body(frame);
      } catch {
        return NaN;
      }
    };
  } catch (e) {
    if (e instanceof NotStatic) return unknown(e.why, interp.range(e.node));
    return unknown(`${interp.file.textOf(node)} cannot be read statically`, interp.range(node));
  }
}

/**
 * Why a function could not be compiled, at its construct. Syntax the parser recovered from (a half-typed
 * lambda) leaves nodes missing and throws elsewhere: refused too, never thrown on.
 */
function refusal(e: unknown, fn: PyVal & { kind: "func" }, interp: Interpreter): Unknown {
  if (e instanceof NotStatic) return unknown(e.why, interp.range(e.node));
  return unknown(`${fn.name === "lambda" ? "this lambda" : fn.name} cannot be read statically`, interp.range(fn.node));
}

interface CompiledFunction {
  readonly slots: number;
  readonly body: (frame: Float64Array) => number;
}

class Compiler {
  private readonly compiling = new Set<SyntaxNode>();

  constructor(
    private readonly interp: Interpreter,
    private readonly extra?: NumericFunctions,
  ) {}

  function(fn: PyVal & { kind: "func" }, arity: number): CompiledFunction {
    if (this.compiling.has(fn.node)) throw new NotStatic(fn.node, "recursive functions cannot be read statically");
    this.compiling.add(fn.node);
    const slots = new Map<string, number>();
    const params = this.parameters(fn);
    const positional = params.filter((p) => !p.keywordOnly);
    if (positional.length < arity) throw new NotStatic(fn.node, `${fn.name} takes ${positional.length} arguments, but ${arity} are passed`);
    // Parameters the call does not pass take their defaults, evaluated once as Python does at `def` time.
    const defaults: [number, number][] = [];
    for (const [i, p] of params.entries()) {
      slots.set(p.name, slots.size);
      if (i < arity && !p.keywordOnly) continue;
      if (!p.default) throw new NotStatic(fn.node, `${fn.name} needs its parameter ${p.name}, which is not passed`);
      const value = this.interp.evaluate(p.default, fn.scope);
      const x = asNumber(value);
      if (x === undefined) throw new NotStatic(p.default, value.kind === "unknown" ? value.reason : `the default of ${p.name} is not a number`);
      defaults.push([i, x]);
    }
    const ctx: Context = { fn, slots };
    let body: (frame: Float64Array) => number;
    if (fn.node.name === "LambdaExpression") {
      const e = this.expr(kids(fn.node).at(-1)!, ctx);
      body = e;
    } else {
      const block = this.block(fn.node.getChild("Body")!, ctx);
      const name = fn.name;
      body = (frame) => {
        const r = block(frame);
        if (r === undefined) throw new RangeError(`${name} returned None`);
        return r;
      };
    }
    this.compiling.delete(fn.node);
    if (defaults.length === 0) return { slots: slots.size, body };
    const inner = body;
    return {
      slots: slots.size,
      body: (frame) => {
        for (const [slot, x] of defaults) frame[slot] = x;
        return inner(frame);
      },
    };
  }

  /** Named parameters in order; `*args` / `**kwargs` are not numbers and are left out. */
  private parameters(fn: PyVal & { kind: "func" }): { name: string; default?: SyntaxNode; keywordOnly: boolean }[] {
    const list = fn.node.getChild("ParamList");
    const items = list ? kids(list) : [];
    const out: { name: string; default?: SyntaxNode; keywordOnly: boolean }[] = [];
    let keywordOnly = false;
    for (let i = 0; i < items.length; i++) {
      const n = items[i]!;
      if (n.name === "*" || n.name === "**") {
        keywordOnly = true;
        // `*args` / `**kwargs`: skip the name bound to the collection.
        const next = items[i + 1];
        if (next?.name === "VariableName" && !commaBetween(n, next)) i++;
        continue;
      }
      if (n.name !== "VariableName") continue;
      if (items[i + 1]?.name === "TypeDef") i++;
      const def = items[i + 1]?.name === "AssignOp" ? items[i + 2] : undefined;
      if (def) i += 2;
      out.push({ name: this.interp.file.textOf(n), default: def, keywordOnly });
    }
    return out;
  }

  private block(body: SyntaxNode, ctx: Context): Stmt {
    const stmts = kids(body)
      .filter((s) => !(s.name === "ExpressionStatement" && kids(s)[0]?.name === "String") && s.name !== "PassStatement")
      .map((s) => this.statement(s, ctx));
    return (frame) => {
      for (const s of stmts) {
        const r = s(frame);
        if (r !== undefined) return r;
      }
      return undefined;
    };
  }

  private statement(node: SyntaxNode, ctx: Context): Stmt {
    const file = this.interp.file;
    switch (node.name) {
      case "ReturnStatement": {
        const e = kids(node).find((k) => k.name !== "return");
        if (!e) throw new NotStatic(node, "return without a value");
        const f = this.expr(e, ctx);
        return f;
      }
      case "AssignStatement":
      case "UpdateStatement": {
        const parts = kids(node).filter((k) => k.name !== "TypeDef");
        const [target, op, valueNode] = parts;
        if (parts.length !== 3 || target?.name !== "VariableName" || !op || !valueNode) throw new NotStatic(node, "only simple assignments to local names are supported");
        const name = file.textOf(target);
        if (!ctx.slots.has(name)) ctx.slots.set(name, ctx.slots.size);
        const slot = ctx.slots.get(name)!;
        const value = this.expr(valueNode, ctx);
        if (node.name === "AssignStatement")
          return (frame) => {
            frame[slot] = value(frame);
            return undefined;
          };
        const combine = arithmetic(file.textOf(op).slice(0, -1), node);
        return (frame) => {
          frame[slot] = combine(frame[slot]!, value(frame));
          return undefined;
        };
      }
      case "IfStatement": {
        const parts = kids(node);
        const branches: { cond?: Expr; body: Stmt }[] = [];
        for (let i = 0; i < parts.length; i++) {
          const p = parts[i]!;
          if (p.name === "if" || p.name === "elif") {
            branches.push({ cond: this.expr(parts[i + 1]!, ctx), body: this.block(parts[i + 2]!, ctx) });
            i += 2;
          } else if (p.name === "else") {
            branches.push({ body: this.block(parts[i + 1]!, ctx) });
            i += 1;
          }
        }
        return (frame) => {
          for (const b of branches) if (!b.cond || b.cond(frame) !== 0) return b.body(frame);
          return undefined;
        };
      }
      default:
        throw new NotStatic(node, `${file.textOf(node).split("\n")[0]} cannot be read statically`);
    }
  }

  expr(node: SyntaxNode, ctx: Context): Expr {
    const file = this.interp.file;
    switch (node.name) {
      case "Number": {
        const n = parseNumberLiteral(file.textOf(node));
        if (!n) throw new NotStatic(node, "complex numbers are not supported");
        const v = n.value;
        return () => v;
      }
      case "Boolean": {
        const v = file.textOf(node) === "True" ? 1 : 0;
        return () => v;
      }
      case "ParenthesizedExpression": {
        const inner = kids(node);
        if (inner.length !== 1) throw new NotStatic(node, "tuples are not numbers");
        return this.expr(inner[0]!, ctx);
      }
      case "VariableName": {
        const name = file.textOf(node);
        const slot = ctx.slots.get(name);
        if (slot !== undefined) return (frame) => frame[slot]!;
        const v = this.constant(name, ctx, node);
        return () => v;
      }
      case "MemberExpression":
        return this.member(node, ctx);
      case "UnaryExpression": {
        const [op, operand] = kids(node);
        if (!op || !operand) throw new NotStatic(node, "incomplete expression");
        const f = this.expr(operand, ctx);
        const o = file.textOf(op);
        if (o === "-") return (frame) => -f(frame);
        if (o === "+") return f;
        if (o === "not") return (frame) => (f(frame) === 0 ? 1 : 0);
        if (o === "~") return (frame) => -f(frame) - 1;
        throw new NotStatic(node, `operator ${o} is not supported in a schedule function`);
      }
      case "BinaryExpression": {
        const parts = kids(node);
        if (parts.length !== 3) throw new NotStatic(node, `${file.textOf(node).slice(0, 60)} cannot be read statically`);
        const op = file.textOf(parts[1]!);
        // `a < b < c` is `a < b and b < c`; lezer nests it as `(a < b) < c`.
        const middle = chainedMiddle(node);
        if (middle) {
          const first = this.expr(parts[0]!, ctx);
          const b = this.expr(middle, ctx);
          const c = this.expr(parts[2]!, ctx);
          const compare = arithmetic(op, node);
          return (frame) => (first(frame) === 0 ? 0 : compare(b(frame), c(frame)));
        }
        const left = this.expr(parts[0]!, ctx);
        const right = this.expr(parts[2]!, ctx);
        if (op === "and") return (frame) => {
          const a = left(frame);
          return a === 0 ? a : right(frame);
        };
        if (op === "or") return (frame) => {
          const a = left(frame);
          return a !== 0 ? a : right(frame);
        };
        const combine = arithmetic(op, node);
        return (frame) => combine(left(frame), right(frame));
      }
      case "ConditionalExpression": {
        const [a, cond, b] = kids(node).filter((k) => k.name !== "if" && k.name !== "else");
        const fa = this.expr(a!, ctx);
        const fc = this.expr(cond!, ctx);
        const fb = this.expr(b!, ctx);
        return (frame) => (fc(frame) !== 0 ? fa(frame) : fb(frame));
      }
      case "CallExpression":
        return this.call(node, ctx);
      default:
        throw new NotStatic(node, `${file.textOf(node).slice(0, 60)} cannot be read statically`);
    }
  }

  /**
   * `math.pi`, `args.warmup`, `cfg.lr`: read once from the enclosing scopes. `table[e]`: a lookup in a list
   * of numbers the file writes out. Nothing that depends on the function's own locals or calls anything.
   */
  private member(node: SyntaxNode, ctx: Context): Expr {
    const file = this.interp.file;
    const [objNode, prop] = kids(node);
    if (!objNode || !prop) throw new NotStatic(node, "incomplete expression");
    if (prop.name === "PropertyName") {
      this.requireStaticName(objNode, ctx);
      const value = this.interp.evaluate(node, ctx.fn.scope);
      const x = asNumber(value);
      if (x === undefined) throw new NotStatic(node, value.kind === "unknown" ? value.reason : `${file.textOf(node)} is not a number`);
      return () => x;
    }
    this.requireStaticName(objNode, ctx);
    const table = this.interp.evaluate(objNode, ctx.fn.scope);
    const values = table.kind === "seq" ? table.items.map(asNumber) : undefined;
    if (!values || values.some((v) => v === undefined)) throw new NotStatic(node, table.kind === "unknown" ? `${file.textOf(objNode)}: ${table.reason}` : `${file.textOf(node)} cannot be read statically: ${file.textOf(objNode)} is not a list of numbers written in the file`);
    const items = values as number[];
    const index = this.expr(prop, ctx);
    return (frame) => {
      const i = index(frame);
      const j = i < 0 ? items.length + i : i;
      // Python raises IndexError (or TypeError for a float index): the evaluator reports NaN.
      if (!Number.isInteger(j) || j < 0 || j >= items.length) throw new RangeError(`index ${i} out of range`);
      return items[j]!;
    };
  }

  /** Names and attribute chains (`args.lr`) that do not involve the function's locals or any call. */
  private requireStaticName(node: SyntaxNode, ctx: Context): void {
    const file = this.interp.file;
    if (node.name === "VariableName") {
      if (ctx.slots.has(file.textOf(node))) throw new NotStatic(node, `${file.textOf(node)} is a local value, not a number`);
      return;
    }
    if (node.name === "MemberExpression") {
      const [obj, prop] = kids(node);
      if (obj && prop?.name === "PropertyName") return this.requireStaticName(obj, ctx);
    }
    throw new NotStatic(node, `${file.textOf(node).slice(0, 60)} cannot be read statically`);
  }

  private call(node: SyntaxNode, ctx: Context): Expr {
    const file = this.interp.file;
    const [calleeNode, argList] = kids(node);
    const args = argList ? kids(argList) : [];
    if (args.some((a) => a.name === "AssignOp" || a.name === "*" || a.name === "**")) throw new NotStatic(node, "keyword or spread arguments are not supported here");
    if (!calleeNode) throw new NotStatic(node, "incomplete call");
    this.requireStaticName(calleeNode, ctx);
    const callee = this.interp.evaluate(calleeNode, ctx.fn.scope);
    const known =
      callee.kind === "func" ||
      (callee.kind === "ref" && ((callee.path.startsWith("math.") && mathFunction(callee.path.slice(5)) !== undefined) || numericBuiltins.has(callee.path) || this.extra?.(callee.path) !== undefined));
    if (!known) throw new NotStatic(node, callee.kind === "unknown" ? `${file.textOf(calleeNode)}: ${callee.reason}` : `${file.textOf(calleeNode)}() cannot be read statically`);
    const fs = args.map((a) => this.expr(a, ctx));
    const arity = (min: number, max: number): void => {
      if (fs.length < min || fs.length > max) throw new NotStatic(node, `${file.textOf(calleeNode)}() with ${fs.length} arguments cannot be read statically`);
    };
    const added = callee.kind === "ref" && !callee.path.startsWith("math.") && !numericBuiltins.has(callee.path) ? this.extra?.(callee.path) : undefined;
    if (added) return (frame) => added(...fs.map((g) => g(frame)));
    if (callee.kind === "ref") {
      const name = callee.path.replace(/^(builtins|math)\./, "");
      const f = callee.path.startsWith("math.") ? mathFunction(name) : undefined;
      if (f) {
        if (fs.length === 1) {
          const [a] = fs as [Expr];
          return (frame) => f(a(frame));
        }
        return (frame) => f(...fs.map((g) => g(frame)));
      }
      if (callee.path.startsWith("builtins.")) {
        const [a, b] = fs;
        switch (name) {
          case "min":
          case "max":
          case "pow":
            arity(2, name === "pow" ? 2 : Infinity);
            break;
          case "abs":
          case "int":
          case "float":
          case "bool":
            arity(1, 1);
            break;
          case "round":
            arity(1, 2);
            break;
        }
        switch (name) {
          case "min":
            return fs.length === 2 ? (frame) => Math.min(a!(frame), b!(frame)) : (frame) => Math.min(...fs.map((g) => g(frame)));
          case "max":
            return fs.length === 2 ? (frame) => Math.max(a!(frame), b!(frame)) : (frame) => Math.max(...fs.map((g) => g(frame)));
          case "abs":
            return (frame) => Math.abs(a!(frame));
          case "int":
            return (frame) => Math.trunc(a!(frame));
          case "float":
            return a!;
          case "bool":
            return (frame) => (a!(frame) !== 0 ? 1 : 0);
          case "pow":
            return (frame) => power(a!(frame), b!(frame));
          case "round":
            return b ? (frame) => roundDigits(a!(frame), b(frame)) : (frame) => roundHalfEven(a!(frame));
        }
      }
    }
    if (callee.kind === "func") {
      const compiled = this.function(callee, fs.length);
      return (frame) => {
        const inner = new Float64Array(compiled.slots);
        for (let i = 0; i < fs.length; i++) inner[i] = fs[i]!(frame);
        return compiled.body(inner);
      };
    }
    throw new NotStatic(node, `${file.textOf(calleeNode)}() cannot be read statically`);
  }

  /** A free name: a number the enclosing scopes bind. */
  private constant(name: string, ctx: Context, node: SyntaxNode): number {
    const value = ctx.fn.scope.get(name);
    const x = value ? asNumber(value) : undefined;
    if (x === undefined) throw new NotStatic(node, value?.kind === "unknown" ? `${name}: ${value.reason}` : `${name} is not a number known statically`);
    return x;
  }
}

const numericBuiltins = new Set(["builtins.min", "builtins.max", "builtins.abs", "builtins.int", "builtins.float", "builtins.bool", "builtins.pow", "builtins.round"]);

interface Context {
  readonly fn: PyVal & { kind: "func" };
  readonly slots: Map<string, number>;
}

function arithmetic(op: string, node: SyntaxNode): (a: number, b: number) => number {
  switch (op) {
    case "+":
      return (a, b) => a + b;
    case "-":
      return (a, b) => a - b;
    case "*":
      return (a, b) => a * b;
    case "/":
      return (a, b) => nonzero(b) && a / b;
    case "//":
      return (a, b) => nonzero(b) && floorDiv(a, b);
    case "%":
      return (a, b) => nonzero(b) && pyMod(a, b);
    case "**":
      return power;
    case "<":
      return (a, b) => (a < b ? 1 : 0);
    case ">":
      return (a, b) => (a > b ? 1 : 0);
    case "<=":
      return (a, b) => (a <= b ? 1 : 0);
    case ">=":
      return (a, b) => (a >= b ? 1 : 0);
    case "==":
      return (a, b) => (a === b ? 1 : 0);
    case "!=":
      return (a, b) => (a !== b ? 1 : 0);
    default:
      throw new NotStatic(node, `operator ${op} is not supported in a schedule function`);
  }
}

function commaBetween(a: SyntaxNode, b: SyntaxNode): boolean {
  for (let n = a.nextSibling; n && n.from < b.from; n = n.nextSibling) if (n.name === ",") return true;
  return false;
}

/** Python raises ZeroDivisionError where JavaScript returns ±Infinity or NaN; the caller turns it into NaN. */
function nonzero(b: number): true {
  if (b === 0) throw new RangeError("division by zero");
  return true;
}

function power(a: number, b: number): number {
  if (a === 0 && b < 0) throw new RangeError("0 cannot be raised to a negative power");
  return a ** b;
}
