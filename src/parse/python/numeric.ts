import { floorDiv, mathConstants, mathFunctions, parseNumberLiteral, pyMod, roundDigits, roundHalfEven } from "./arith";
import type { Interpreter } from "./interpreter";
import { kids, type SyntaxNode } from "./syntax";
import { asNumber, unknown, type PyVal, type Unknown } from "./values";

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
 * calls of other such functions. Anything else is `unknown` with the range of the construct.
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
    if (e instanceof NotStatic) return unknown(e.why, interp.range(e.node));
    throw e;
  }
}

interface CompiledFunction {
  readonly slots: number;
  readonly body: (frame: Float64Array) => number;
}

class Compiler {
  private readonly compiling = new Set<SyntaxNode>();

  constructor(private readonly interp: Interpreter) {}

  function(fn: PyVal & { kind: "func" }, arity: number): CompiledFunction {
    if (this.compiling.has(fn.node)) throw new NotStatic(fn.node, "recursive functions cannot be read statically");
    this.compiling.add(fn.node);
    const slots = new Map<string, number>();
    const params = fn.node.getChild("ParamList");
    const paramNames = params ? kids(params).filter((k) => k.name === "VariableName") : [];
    if (paramNames.length < arity) throw new NotStatic(fn.node, `${fn.name} takes ${paramNames.length} arguments, the scheduler passes ${arity}`);
    for (const p of paramNames) slots.set(this.interp.file.textOf(p), slots.size);
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
    return { slots: slots.size, body };
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

  private expr(node: SyntaxNode, ctx: Context): Expr {
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
      case "MemberExpression": {
        const text = file.textOf(node).replace(/\s+/g, "");
        const m = /^math\.(\w+)$/.exec(text);
        if (m && m[1]! in mathConstants) {
          const v = mathConstants[m[1]!]!;
          return () => v;
        }
        const value = this.interp.evaluate(node, ctx.fn.scope);
        const x = asNumber(value);
        if (x === undefined) throw new NotStatic(node, value.kind === "unknown" ? value.reason : `${text} is not a number`);
        return () => x;
      }
      case "UnaryExpression": {
        const [op, operand] = kids(node);
        const f = this.expr(operand!, ctx);
        const o = file.textOf(op!);
        if (o === "-") return (frame) => -f(frame);
        if (o === "not") return (frame) => (f(frame) === 0 ? 1 : 0);
        return f;
      }
      case "BinaryExpression": {
        const parts = kids(node);
        const left = this.expr(parts[0]!, ctx);
        const right = this.expr(parts.at(-1)!, ctx);
        const op = file.textOf(parts[1]!);
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

  private call(node: SyntaxNode, ctx: Context): Expr {
    const file = this.interp.file;
    const [calleeNode, argList] = kids(node);
    const args = argList ? kids(argList) : [];
    if (args.some((a) => a.name === "AssignOp" || a.name === "*" || a.name === "**")) throw new NotStatic(node, "keyword or spread arguments are not supported here");
    const fs = args.map((a) => this.expr(a, ctx));
    const callee = this.interp.evaluate(calleeNode!, ctx.fn.scope);
    if (callee.kind === "ref") {
      const name = callee.path.replace(/^(builtins|math)\./, "");
      if (callee.path.startsWith("math.") && mathFunctions[name]) {
        const f = mathFunctions[name];
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
            return (frame) => a!(frame) ** b!(frame);
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
    throw new NotStatic(node, `${file.textOf(calleeNode!)}() cannot be read statically`);
  }

  /** A free name: a number the enclosing scopes bind. */
  private constant(name: string, ctx: Context, node: SyntaxNode): number {
    const value = ctx.fn.scope.get(name);
    const x = value ? asNumber(value) : undefined;
    if (x === undefined) throw new NotStatic(node, value?.kind === "unknown" ? `${name}: ${value.reason}` : `${name} is not a number known statically`);
    return x;
  }
}

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
      return (a, b) => a / b;
    case "//":
      return floorDiv;
    case "%":
      return pyMod;
    case "**":
      return (a, b) => a ** b;
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
