import type { SourceRange } from "../../core/range";
import { derived, literal, type Value } from "../../core/value";
import { floorDiv, mathConstant, mathFunction, mathIntResults, parseNumberLiteral, parseStringLiteral, pyMod, roundDigits, roundHalfEven } from "./arith";
import { ArgParser, isArgParserCall, type LaunchArgv } from "./argparse";
import { callArguments, chainedMiddle, kids, type CallArguments, type PythonFile, type SyntaxNode } from "./syntax";
import { asNumber, Scope, truthy, unknown, type PyVal } from "./values";

/** A loop the statement being read sits in, outermost first. */
export interface LoopFrame {
  readonly kind: "range" | "iterable" | "while";
  /** Iterations of the loop; unknown when the file cannot say (e.g. `len(train_loader)`). */
  readonly count: PyVal;
  /** Loop variable(s) and iterable as written: used to tell epoch loops from iteration loops. */
  readonly variable: string;
  readonly iterable: string;
  readonly range: SourceRange;
  /** A `range` loop's first value and stride, when the file fixes them (what the variable is on each iteration). */
  readonly start?: number;
  readonly step?: number;
}

export interface EvaluatedArguments {
  readonly positional: readonly PyVal[];
  readonly keyword: ReadonlyMap<string, PyVal>;
  readonly syntax: CallArguments;
}

/** Where a call happens: its syntax, and the loops around it (including those of the calling functions). */
export interface CallSite {
  readonly node: SyntaxNode;
  readonly range: SourceRange;
  readonly loops: readonly LoopFrame[];
  /** The names visible at the call (to read an argument's expression again, per loop iteration). */
  readonly scope?: Scope;
}

/** What a dialect reader plugs in: the meaning of calls and objects the interpreter does not know. */
export interface Host {
  /** A call to something that is neither a function of the file nor a Python builtin; `undefined` = unknown. */
  call(callee: PyVal, args: EvaluatedArguments, site: CallSite): PyVal | undefined;
  /** `obj.name` on an object the host made; `undefined` makes it a method to call. */
  attribute?(obj: PyVal & { kind: "object" }, name: string, range: SourceRange): PyVal | undefined;
  /** `len(v)` where v is not a literal collection. */
  len?(v: PyVal, argument: SyntaxNode, range: SourceRange): PyVal;
}

const builtinNames = new Set(["range", "len", "min", "max", "int", "float", "round", "abs", "enumerate", "zip", "list", "tuple", "sum", "pow", "print", "str", "bool", "iter", "sorted", "reversed", "dict", "isinstance", "getattr", "hasattr", "open"]);

const maxCallDepth = 24;
/** Nesting of expressions (calls inside calls...) read before giving up; far above what people write. */
const maxExpressionDepth = 200;

/**
 * Reads a Python file as the program it is, without running it: statements in order, functions when they
 * are called (so `main()` and helpers are followed), loops entered once with their iteration counts kept on
 * a stack, `if` branches chosen where the condition is known. Values are computed only from literals,
 * names, arithmetic and a whitelist of pure functions; anything else is `unknown` with a reason.
 */
export class Interpreter {
  readonly module = new Scope();
  /** Conditions that could not be decided; both branches were read. */
  readonly undecided: SourceRange[] = [];
  private readonly loops: LoopFrame[] = [];
  private readonly callStack: SyntaxNode[] = [];
  private readonly calledFunctions = new Set<number>();
  /** Functions used as values (`LambdaLR(optimizer, lr_lambda)`): callbacks, not entry points. */
  private readonly referencedFunctions = new Set<number>();
  private returned: PyVal | undefined;
  private depth = 0;
  /** The command line a launch line gives the script; `parse_args()` applies it over the defaults. Absent: defaults only. */
  argv?: LaunchArgv;

  constructor(
    readonly file: PythonFile,
    private readonly host: Host,
  ) {}

  /**
   * Reads the module, then every top-level function nothing called nor referenced (entry points run by
   * other tools, such as `fire` or a launcher importing `train`).
   */
  run(): void {
    const top = this.file.tree.topNode;
    this.block(top, this.module);
    for (const def of kids(top)) {
      const fn = def.name === "DecoratedStatement" ? def.getChild("FunctionDefinition") : def;
      if (fn?.name !== "FunctionDefinition" || this.calledFunctions.has(fn.from) || this.referencedFunctions.has(fn.from)) continue;
      const name = fn.getChild("VariableName");
      const value = name ? this.module.get(this.file.textOf(name)) : undefined;
      if (value?.kind === "func") this.callFunction(value, { positional: [], keyword: new Map(), syntax: callArguments(null, this.file) }, fn);
    }
  }

  range(node: SyntaxNode): SourceRange {
    return this.file.rangeOf(node);
  }

  // ---- statements -------------------------------------------------------------------------------

  /** Runs the statements of a body; stops after a `return`. */
  private block(body: SyntaxNode, scope: Scope): void {
    for (const stmt of kids(body)) {
      this.statement(stmt, scope);
      if (this.returned !== undefined) return;
    }
  }

  private statement(node: SyntaxNode, scope: Scope): void {
    switch (node.name) {
      case "ImportStatement":
        return this.importStatement(node, scope);
      case "AssignStatement":
        return this.assign(node, scope);
      case "UpdateStatement":
        return this.update(node, scope);
      case "ExpressionStatement":
        for (const e of kids(node)) this.evaluate(e, scope);
        return;
      case "StatementGroup":
        return this.block(node, scope);
      case "FunctionDefinition":
        return this.define(node, scope);
      case "DecoratedStatement": {
        const inner = node.getChild("FunctionDefinition");
        if (inner) this.define(inner, scope);
        return;
      }
      case "ClassDefinition": {
        const name = node.getChild("VariableName");
        if (name) scope.set(this.file.textOf(name), unknown(`class ${this.file.textOf(name)} is not read`, this.range(name)));
        return;
      }
      case "IfStatement":
        return this.ifStatement(node, scope);
      case "ForStatement":
        return this.forStatement(node, scope);
      case "WhileStatement":
        return this.whileStatement(node, scope);
      case "WithStatement":
      case "TryStatement": {
        const body = node.getChild("Body");
        if (body) this.block(body, scope);
        return;
      }
      case "ReturnStatement": {
        // `return a, b` is a tuple.
        const es = kids(node).filter((k) => k.name !== "return");
        this.returned = es.length > 1 ? { kind: "seq", tuple: true, items: es.map((e) => this.evaluate(e, scope)), range: this.range(node) } : es[0] ? this.evaluate(es[0], scope) : { kind: "none" };
        return;
      }
      default:
        return;
    }
  }

  private importStatement(node: SyntaxNode, scope: Scope): void {
    const parts = kids(node);
    const fromIndex = parts.findIndex((p) => p.name === "from");
    const importIndex = parts.findIndex((p) => p.name === "import");
    const names = (list: SyntaxNode[]): { path: string; alias: string; aliased: boolean }[] => {
      // `a.b.c as d, e` arrives as a flat run of VariableName / `as` tokens (dots and commas are dropped by
      // kids()), so a name continues a dotted path only when a `.` token sits between it and the previous one.
      const out: { path: string; alias: string; aliased: boolean }[] = [];
      let dotted: string[] = [];
      for (let i = 0; i < list.length; i++) {
        const n = list[i]!;
        if (n.name === "as") {
          const alias = list[++i];
          if (alias && dotted.length > 0) out.push({ path: dotted.join("."), alias: this.file.textOf(alias), aliased: true });
          dotted = [];
        } else if (n.name === "VariableName") {
          if (dotted.length > 0 && !dotBetween(list[i - 1]!, n)) {
            out.push({ path: dotted.join("."), alias: dotted[0]!, aliased: false });
            dotted = [];
          }
          dotted.push(this.file.textOf(n));
        }
      }
      if (dotted.length > 0) out.push({ path: dotted.join("."), alias: dotted[0]!, aliased: false });
      return out;
    };
    if (fromIndex >= 0) {
      const module = parts.slice(fromIndex + 1, importIndex).map((p) => this.file.textOf(p)).join(".");
      for (const { path, alias } of names(parts.slice(importIndex + 1))) {
        const bound = alias === path ? path : alias;
        // `from math import pi` binds the number itself.
        const constant = module === "math" ? mathConstant(path) : undefined;
        if (constant !== undefined) scope.set(bound, { kind: "num", value: constant, isInt: false, prov: derived(constant, `math.${path}`, [], this.range(node)) });
        else scope.set(bound, { kind: "ref", path: `${module}.${path}`, imported: true });
      }
    } else {
      for (const { path, alias, aliased } of names(parts.slice(importIndex + 1))) {
        // `import a.b` binds `a`; `import a.b as c` binds c to a.b.
        scope.set(alias, { kind: "ref", path: aliased ? path : alias, imported: true });
      }
    }
  }

  private assign(node: SyntaxNode, scope: Scope): void {
    const parts = kids(node).filter((k) => k.name !== "TypeDef");
    const ops = parts.map((p, i) => (p.name === "AssignOp" ? i : -1)).filter((i) => i >= 0);
    if (ops.length === 0) return;
    const valueNodes = parts.slice(ops[ops.length - 1]! + 1);
    const value = valueNodes.length === 1 ? this.evaluate(valueNodes[0]!, scope) : { kind: "seq" as const, tuple: true, items: valueNodes.map((v) => this.evaluate(v, scope)) };
    // `a = b = value` and `x, y = value`
    let start = 0;
    for (const op of ops) {
      const targets = parts.slice(start, op);
      if (targets.length === 1) this.bind(targets[0]!, value, scope);
      else this.bindMany(targets, value, scope);
      start = op + 1;
    }
  }

  private bindMany(targets: SyntaxNode[], value: PyVal, scope: Scope): void {
    targets.forEach((t, i) => this.bind(t, value.kind === "seq" && value.items.length === targets.length ? value.items[i]! : unknown(`cannot unpack ${this.file.textOf(t)}`, this.range(t)), scope));
  }

  private bind(target: SyntaxNode, value: PyVal, scope: Scope): void {
    if (target.name === "VariableName") scope.set(this.file.textOf(target), value);
    else if (target.name === "TupleExpression" || target.name === "ArrayExpression" || target.name === "ParenthesizedExpression") {
      // `((((a))))= ...` nests as deep as the text: bounded like expressions, so the stack cannot overflow.
      if (this.depth >= maxExpressionDepth) return;
      this.depth++;
      try {
        this.bindMany(kids(target), value, scope);
      } finally {
        this.depth--;
      }
    }
    else if (target.name === "MemberExpression") {
      // `args.lr = ...` changes what later reads of `args.lr` see.
      const [objNode, prop] = kids(target);
      if (objNode && prop?.name === "PropertyName") {
        const obj = this.evaluate(objNode, scope);
        if (obj.kind === "object" && obj.data instanceof Map) (obj.data as Map<string, PyVal>).set(this.file.textOf(prop), value);
        if (obj.kind === "object" && obj.type === "argparse.Namespace") (obj.data as ArgNamespace).values.set(this.file.textOf(prop), value);
      }
    }
  }

  private update(node: SyntaxNode, scope: Scope): void {
    const [target, op, valueNode] = kids(node);
    if (!target || !op || !valueNode) return;
    const opText = this.file.textOf(op).slice(0, -1);
    const current = this.evaluate(target, scope);
    const right = this.evaluate(valueNode, scope);
    this.bind(target, this.binary(opText, current, right, node), scope);
  }

  private define(node: SyntaxNode, scope: Scope): void {
    const name = node.getChild("VariableName");
    if (name) scope.set(this.file.textOf(name), { kind: "func", node, scope, name: this.file.textOf(name) });
  }

  private ifStatement(node: SyntaxNode, scope: Scope): void {
    // Children: if cond Body (elif cond Body)* (else Body)?
    const parts = kids(node);
    let undecided = false;
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      if (p.name === "if" || p.name === "elif") {
        const cond = parts[i + 1]!;
        const body = parts[i + 2];
        i += 2;
        const value = this.evaluate(cond, scope);
        const t = truthy(value);
        if (t === true && !undecided) {
          if (body) this.block(body, scope);
          return;
        }
        if (t === undefined) {
          if (!undecided) this.undecided.push(this.range(cond));
          undecided = true;
          if (body) this.block(body, scope);
          if (this.returned !== undefined) return;
        }
      } else if (p.name === "else") {
        const body = parts[i + 1];
        if (body) this.block(body, scope);
        return;
      }
    }
  }

  private forStatement(node: SyntaxNode, scope: Scope): void {
    const parts = kids(node);
    const inIndex = parts.findIndex((p) => p.name === "in");
    const body = node.getChild("Body");
    if (inIndex < 0 || !body) return;
    const targets = parts.slice(1, inIndex);
    const iterableNode = parts[inIndex + 1]!;
    const iterable = this.evaluate(iterableNode, scope);
    const frame = this.loopFrame(iterable, iterableNode, targets, node);
    for (const t of targets) this.bind(t, unknown(`loop variable ${this.file.textOf(t)}`, this.range(t)), scope);
    this.loop(frame, body, scope);
  }

  /**
   * `while epoch < N:` with `epoch += 1` in the body runs N - epoch times; any other `while` an unknown
   * number of times. The condition's names tell an epoch loop from an iteration loop, as a `for`'s do.
   */
  private whileStatement(node: SyntaxNode, scope: Scope): void {
    const parts = kids(node);
    const cond = parts[1];
    const body = node.getChild("Body");
    if (!cond || !body) return;
    const range = this.range(node);
    let count: PyVal = unknown(`the loop \`while ${this.file.textOf(cond)}\` runs an unknown number of times`, this.range(cond));
    let variable = "";
    const [left, op, right] = kids(cond);
    if (cond.name === "BinaryExpression" && left?.name === "VariableName" && op && right && kids(cond).length === 3) {
      variable = this.file.textOf(left);
      const opText = this.file.textOf(op);
      const start = scope.get(variable);
      const stop = this.evaluate(right, scope);
      const increments = kids(body).some((stmt) => {
        const [target, update, amount] = kids(stmt);
        return stmt.name === "UpdateStatement" && target?.name === "VariableName" && this.file.textOf(target) === variable && update && this.file.textOf(update) === "+=" && amount?.name === "Number" && this.file.textOf(amount) === "1";
      });
      if ((opText === "<" || opText === "<=") && increments && start?.kind === "num" && start.isInt && stop.kind === "num") {
        const n = Math.max(0, (opText === "<" ? Math.ceil(stop.value) : Math.floor(stop.value) + 1) - start.value);
        count = { kind: "num", value: n, isInt: true, prov: derived(n, `iterations of while ${this.file.textOf(cond)}`, [start.prov, stop.prov], this.range(cond)) };
      } else if (stop.kind === "unknown") count = stop;
      scope.set(variable, unknown(`loop variable ${variable}`, this.range(left)));
    }
    this.loop({ kind: "while", count, variable, iterable: this.file.textOf(cond), range }, body, scope);
  }

  private loopFrame(iterable: PyVal, iterableNode: SyntaxNode, targets: SyntaxNode[], node: SyntaxNode): LoopFrame {
    const common = { variable: targets.map((t) => this.file.textOf(t)).join(", "), iterable: this.file.textOf(iterableNode), range: this.range(node) };
    if (iterable.kind === "object" && iterable.type === "range") {
      const data = iterable.data as RangeData;
      const start = data.start ? asNumber(data.start) : 0;
      const step = data.step ? asNumber(data.step) : 1;
      return { kind: "range", count: rangeLength(data, this.file.textOf(iterableNode), this.range(iterableNode)), ...common, start, step };
    }
    if (iterable.kind === "seq") return { kind: "iterable", count: { kind: "num", value: iterable.items.length, isInt: true, prov: literal(iterable.items.length, this.range(iterableNode)) }, ...common };
    const count = this.host.len?.(iterable, iterableNode, this.range(iterableNode)) ?? unknown(`cannot tell how many items ${common.iterable} has`, this.range(iterableNode));
    return { kind: "iterable", count, ...common };
  }

  private loop(frame: LoopFrame, body: SyntaxNode | null, scope: Scope): void {
    if (!body) return;
    this.loops.push(frame);
    try {
      this.block(body, scope);
    } finally {
      this.loops.pop();
    }
  }

  // ---- functions --------------------------------------------------------------------------------

  private callFunction(fn: PyVal & { kind: "func" }, args: EvaluatedArguments, site: SyntaxNode): PyVal {
    if (fn.node.name === "LambdaExpression") {
      const scope = new Scope(fn.scope);
      this.bindParameters(fn.node, fn.scope, scope, args);
      const body = kids(fn.node).at(-1);
      return body ? this.evaluate(body, scope) : unknown("empty lambda", this.range(site));
    }
    if (this.callStack.includes(fn.node) || this.callStack.length >= maxCallDepth) return unknown(`recursive call of ${fn.name} is not followed`, this.range(site));
    this.calledFunctions.add(fn.node.from);
    const scope = new Scope(fn.scope);
    this.bindParameters(fn.node, fn.scope, scope, args);
    const body = fn.node.getChild("Body");
    this.callStack.push(fn.node);
    const saved = this.returned;
    this.returned = undefined;
    try {
      if (body) this.block(body, scope);
      return this.returned ?? { kind: "none" };
    } finally {
      this.returned = saved;
      this.callStack.pop();
    }
  }

  private bindParameters(fnNode: SyntaxNode, definitionScope: Scope, scope: Scope, args: EvaluatedArguments): void {
    const params = fnNode.getChild("ParamList");
    if (!params) return;
    const items = kids(params);
    let position = 0;
    let star: "" | "*" | "**" = "";
    for (let i = 0; i < items.length; i++) {
      const n = items[i]!;
      if (n.name === "*" || n.name === "**") {
        star = n.name;
        continue;
      }
      if (n.name !== "VariableName") continue;
      const name = this.file.textOf(n);
      let next = items[i + 1];
      if (next?.name === "TypeDef") next = items[++i + 1];
      const defaultNode = next?.name === "AssignOp" ? items[i + 2] : undefined;
      if (defaultNode) i += 2;
      let value: PyVal | undefined;
      if (star === "*") value = { kind: "seq", tuple: true, items: args.positional.slice(position) };
      else if (star === "**") value = unknown(`**${name}`, this.range(n));
      else value = args.keyword.get(name) ?? args.positional[position++];
      value ??= defaultNode ? this.evaluate(defaultNode, definitionScope) : unknown(`parameter ${name} of ${this.file.textOf(fnNode).split("(")[0]} was not passed`, this.range(n));
      scope.set(name, value);
      star = "";
    }
  }

  // ---- expressions ------------------------------------------------------------------------------

  evaluate(node: SyntaxNode, scope: Scope): PyVal {
    // Error recovery on a half-typed file can nest the rest of it inside one expression.
    if (this.depth >= maxExpressionDepth) return unknown("expression nested too deeply to read", this.range(node));
    this.depth++;
    try {
      return this.evaluateNode(node, scope);
    } finally {
      this.depth--;
    }
  }

  private evaluateNode(node: SyntaxNode, scope: Scope): PyVal {
    switch (node.name) {
      case "Number": {
        const n = parseNumberLiteral(this.file.textOf(node));
        return n ? { kind: "num", value: n.value, isInt: n.isInt, prov: literal(n.value, this.range(node)) } : unknown("complex numbers are not supported", this.range(node));
      }
      case "String": {
        const s = parseStringLiteral(this.file.textOf(node));
        return s === undefined ? unknown("string literal not understood", this.range(node)) : { kind: "str", value: s, range: this.range(node) };
      }
      case "Boolean":
        return { kind: "bool", value: this.file.textOf(node) === "True", range: this.range(node) };
      case "None":
        return { kind: "none" };
      case "VariableName":
        return this.lookup(this.file.textOf(node), scope, node);
      case "ParenthesizedExpression": {
        const inner = kids(node);
        return inner.length === 1 ? this.evaluate(inner[0]!, scope) : { kind: "seq", tuple: true, items: inner.map((k) => this.evaluate(k, scope)), range: this.range(node) };
      }
      case "TupleExpression":
      case "ArrayExpression":
        return { kind: "seq", tuple: node.name === "TupleExpression", items: kids(node).map((k) => this.evaluate(k, scope)), range: this.range(node) };
      case "DictionaryExpression":
        return this.dictionary(node, scope);
      case "LambdaExpression":
        return { kind: "func", node, scope, name: "lambda" };
      case "MemberExpression":
        return this.member(node, scope);
      case "CallExpression":
        return this.call(node, scope);
      case "UnaryExpression":
        return this.unary(node, scope);
      case "BinaryExpression":
        return this.binaryNode(node, scope);
      case "ConditionalExpression": {
        const [a, cond, b] = kids(node).filter((k) => k.name !== "if" && k.name !== "else");
        if (!a || !cond || !b) return unknown("incomplete conditional expression", this.range(node));
        const t = truthy(this.evaluate(cond, scope));
        if (t === undefined) return unknown(`the condition ${this.file.textOf(cond)} cannot be read statically`, this.range(cond));
        return this.evaluate(t ? a : b, scope);
      }
      default:
        return unknown(`${this.file.textOf(node).slice(0, 60)} cannot be read statically`, this.range(node));
    }
  }

  private lookup(name: string, scope: Scope, node: SyntaxNode): PyVal {
    const bound = scope.get(name);
    if (bound?.kind === "func") this.referencedFunctions.add(bound.node.from);
    if (bound) return bound;
    if (builtinNames.has(name)) return { kind: "ref", path: `builtins.${name}`, imported: false };
    if (name === "__name__") return { kind: "str", value: "__main__" };
    return { kind: "ref", path: name, imported: false, ...{ range: this.range(node) } };
  }

  private dictionary(node: SyntaxNode, scope: Scope): PyVal {
    const items = kids(node);
    const entries: [PyVal, PyVal][] = [];
    for (let i = 0; i + 1 < items.length; i += 2) {
      if (items[i]!.name === "**") return unknown("dict with ** cannot be read statically", this.range(node));
      entries.push([this.evaluate(items[i]!, scope), this.evaluate(items[i + 1]!, scope)]);
    }
    return { kind: "dict", entries, range: this.range(node) };
  }

  private member(node: SyntaxNode, scope: Scope): PyVal {
    const parts = kids(node);
    const objNode = parts[0]!;
    // lezer reads a float written with a trailing dot (`lr=30.`) as `30` `.` and an error: it is the number.
    if (objNode.name === "Number" && /^\d[\d_]*\.$/.test(this.file.textOf(node))) {
      const value = Number(this.file.textOf(objNode).replace(/_/g, ""));
      return { kind: "num", value, isInt: false, prov: literal(value, this.range(node)) };
    }
    const obj = this.evaluate(objNode, scope);
    const prop = parts[1];
    if (!prop) return unknown("incomplete expression", this.range(node));
    if (prop.name === "PropertyName") {
      const name = this.file.textOf(prop);
      switch (obj.kind) {
        case "ref": {
          const constant = obj.path === "math" ? mathConstant(name) : undefined;
          if (constant !== undefined) return { kind: "num", value: constant, isInt: false, prov: derived(constant, `math.${name}`, [], this.range(node)) };
          return { kind: "ref", path: `${obj.path}.${name}`, imported: obj.imported };
        }
        case "object": {
          if (obj.type === "argparse.Namespace") return (obj.data as ArgNamespace).get(name, this.range(node));
          return this.host.attribute?.(obj, name, this.range(node)) ?? { kind: "method", self: obj, name };
        }
        case "unknown":
          return obj;
        default:
          return { kind: "method", self: obj, name };
      }
    }
    // Subscript
    const key = this.evaluate(prop, scope);
    if (obj.kind === "seq") {
      const i = asNumber(key);
      if (i !== undefined && Number.isInteger(i)) {
        const item = obj.items[i < 0 ? obj.items.length + i : i];
        if (item) return item;
      }
    } else if (obj.kind === "dict") {
      const hit = obj.entries.find(([k]) => sameKey(k, key));
      if (hit) return hit[1];
    } else if (obj.kind === "unknown") return obj;
    return unknown(`${this.file.textOf(node)} cannot be read statically`, this.range(node));
  }

  private unary(node: SyntaxNode, scope: Scope): PyVal {
    const [op, operandNode] = kids(node);
    if (!op || !operandNode) return unknown("incomplete expression", this.range(node));
    const v = this.evaluate(operandNode, scope);
    const opText = this.file.textOf(op);
    if (opText === "not") {
      const t = truthy(v);
      return t === undefined ? unknown(`not ${this.file.textOf(operandNode)} cannot be read statically`, this.range(node)) : { kind: "bool", value: !t, range: this.range(node) };
    }
    const x = asNumber(v);
    if (x === undefined) return v.kind === "unknown" ? v : unknown(`${this.file.textOf(node)} is not a number`, this.range(node));
    const value = opText === "-" ? -x : opText === "~" ? ~x : x;
    const isInt = v.kind === "bool" || (v.kind === "num" && v.isInt);
    if (v.kind === "num" && v.prov.origin.kind === "literal") return { kind: "num", value, isInt, prov: literal(value, this.range(node)) };
    return { kind: "num", value, isInt, prov: derived(value, this.file.textOf(node), v.kind === "num" ? [v.prov] : [], this.range(node)) };
  }

  private binaryNode(node: SyntaxNode, scope: Scope): PyVal {
    const parts = kids(node);
    const [leftNode, op] = parts;
    const rightNode = parts.at(-1);
    if (!leftNode || !op || !rightNode || rightNode === op) return unknown("incomplete expression", this.range(node));
    let opText = this.file.textOf(op);
    if (parts.length === 4) opText = parts.slice(1, 3).map((p) => this.file.textOf(p)).join(" "); // `not in`, `is not`
    // `a < b < c` is `a < b and b < c` in Python; lezer nests it as `(a < b) < c`.
    const middle = chainedMiddle(node);
    if (middle) {
      const first = this.evaluate(leftNode, scope);
      const t = truthy(first);
      if (t === undefined) return first.kind === "unknown" ? first : unknown(`${this.file.textOf(node)} cannot be read statically`, this.range(node));
      if (!t) return first;
      return this.binary(opText, this.evaluate(middle, scope), this.evaluate(rightNode, scope), node);
    }
    const left = this.evaluate(leftNode, scope);
    if (opText === "and" || opText === "or") {
      const t = truthy(left);
      if (t === undefined) return unknown(`${this.file.textOf(node)} cannot be read statically`, this.range(node));
      return (opText === "and") === t ? this.evaluate(rightNode, scope) : left;
    }
    return this.binary(opText, left, this.evaluate(rightNode, scope), node);
  }

  /** Python binary operators on known values. */
  binary(op: string, left: PyVal, right: PyVal, node: SyntaxNode): PyVal {
    const range = this.range(node);
    if (op === "==" || op === "!=") {
      const eq = valuesEqual(left, right);
      if (eq === undefined) return unknown(`${this.file.textOf(node)} cannot be read statically`, range);
      return { kind: "bool", value: op === "==" ? eq : !eq, range };
    }
    if (op === "in" || op === "not in") {
      if (right.kind === "seq" || right.kind === "dict") {
        const list = right.kind === "seq" ? right.items : right.entries.map(([k]) => k);
        const found = list.map((x) => valuesEqual(x, left));
        if (found.includes(undefined)) return unknown(`${this.file.textOf(node)} cannot be read statically`, range);
        const hit = found.includes(true);
        return { kind: "bool", value: op === "in" ? hit : !hit, range };
      }
      if (right.kind === "str" && left.kind === "str") return { kind: "bool", value: right.value.includes(left.value) === (op === "in"), range };
      return unknown(`${this.file.textOf(node)} cannot be read statically`, range);
    }
    if (op === "is" || op === "is not") {
      if (left.kind === "unknown" || right.kind === "unknown") return unknown(`${this.file.textOf(node)} cannot be read statically`, range);
      const same = left.kind === right.kind && (left.kind === "none" || valuesEqual(left, right) === true);
      return { kind: "bool", value: op === "is" ? same : !same, range };
    }
    if (left.kind === "str" && right.kind === "str") {
      if (op === "+") return { kind: "str", value: left.value + right.value, range };
      if (["<", ">", "<=", ">="].includes(op)) return { kind: "bool", value: compare(op, left.value < right.value ? -1 : left.value > right.value ? 1 : 0), range };
    }
    if (left.kind === "seq" && right.kind === "seq" && op === "+") return { kind: "seq", tuple: left.tuple, items: [...left.items, ...right.items], range };
    const a = asNumber(left);
    const b = asNumber(right);
    if (a === undefined || b === undefined) {
      if (left.kind === "unknown") return left;
      if (right.kind === "unknown") return right;
      return unknown(`${this.file.textOf(node)} cannot be read statically`, range);
    }
    if (["<", ">", "<=", ">="].includes(op)) return { kind: "bool", value: compare(op, a - b), range };
    const bothInt = isIntLike(left) && isIntLike(right);
    let value: number;
    let isInt = bothInt;
    switch (op) {
      case "+":
        value = a + b;
        break;
      case "-":
        value = a - b;
        break;
      case "*":
        value = a * b;
        break;
      case "/":
        if (b === 0) return unknown(`division by zero in ${this.file.textOf(node)}`, range);
        value = a / b;
        isInt = false;
        break;
      case "//":
        if (b === 0) return unknown(`division by zero in ${this.file.textOf(node)}`, range);
        value = floorDiv(a, b);
        break;
      case "%":
        if (b === 0) return unknown(`division by zero in ${this.file.textOf(node)}`, range);
        value = pyMod(a, b);
        break;
      case "**":
        value = a ** b;
        isInt = bothInt && b >= 0;
        break;
      default:
        return unknown(`operator ${op} is not supported`, range);
    }
    const inputs = [left, right].filter((v): v is PyVal & { kind: "num" } => v.kind === "num").map((v) => v.prov);
    return { kind: "num", value, isInt, prov: derived(value, this.file.textOf(node), inputs, range) };
  }

  // ---- calls ------------------------------------------------------------------------------------

  private call(node: SyntaxNode, scope: Scope): PyVal {
    const [calleeNode] = kids(node);
    if (!calleeNode) return unknown("incomplete call", this.range(node));
    const callee = this.evaluate(calleeNode, scope);
    const syntax = callArguments(node.getChild("ArgList"), this.file);
    const args: EvaluatedArguments = {
      positional: syntax.positional.map((p) => this.evaluate(p, scope)),
      keyword: new Map([...syntax.keyword].map(([k, v]) => [k, this.evaluate(v.value, scope)])),
      syntax,
    };
    const range = this.range(node);
    if (callee.kind === "func") return this.callFunction(callee, args, node);
    if (callee.kind === "ref" && callee.path.startsWith("builtins.")) return this.builtin(callee.path.slice(9), args, node);
    if (callee.kind === "ref" && callee.path.startsWith("math.")) return this.math(callee.path.slice(5), args, node);
    if (isArgParserCall(callee)) return ArgParser.create(this, args, range);
    if (callee.kind === "method" && callee.self.kind === "object" && callee.self.data instanceof ArgParser) return callee.self.data.method(callee.name, args, node, this);
    if (callee.kind === "method" && callee.self.kind === "dict" && callee.name === "get") {
      const hit = callee.self.entries.find(([k]) => args.positional[0] && sameKey(k, args.positional[0]));
      return hit ? hit[1] : (args.positional[1] ?? { kind: "none" });
    }
    const hosted = this.host.call(callee, args, { node, range, loops: [...this.loops], scope });
    if (hosted) return hosted;
    return unknown(`${this.file.textOf(calleeNode)}(...) cannot be read statically`, range);
  }

  /** Calls a function value (a `def` of the file or a lambda) with known arguments. */
  invoke(fn: PyVal & { kind: "func" }, positional: PyVal[], site: SyntaxNode): PyVal {
    return this.callFunction(fn, { positional, keyword: new Map(), syntax: callArguments(null, this.file) }, site);
  }

  private builtin(name: string, args: EvaluatedArguments, node: SyntaxNode): PyVal {
    const range = this.range(node);
    const nums = args.positional.map(asNumber);
    const first = args.positional[0];
    const numericResult = (value: number, isInt: boolean): PyVal => ({
      kind: "num",
      value,
      isInt,
      prov: derived(value, this.file.textOf(node), args.positional.filter((v): v is PyVal & { kind: "num" } => v.kind === "num").map((v) => v.prov), range),
    });
    const firstUnknown = args.positional.find((v) => v.kind === "unknown");
    switch (name) {
      case "range": {
        if (args.positional.length === 0) return unknown("range() without arguments", range);
        const [start, stop, step] = args.positional.length === 1 ? [undefined, first, undefined] : args.positional;
        return { kind: "object", type: "range", data: { start, stop: stop!, step } satisfies RangeData };
      }
      case "len": {
        if (!first) return unknown("len() without arguments", range);
        if (first.kind === "seq") return numericResult(first.items.length, true);
        if (first.kind === "str") return numericResult(first.value.length, true);
        if (first.kind === "dict") return numericResult(first.entries.length, true);
        if (first.kind === "object" && first.type === "range") return rangeLength(first.data as RangeData, this.file.textOf(node), range);
        return this.host.len?.(first, args.syntax.positional[0]!, range) ?? unknown(`${this.file.textOf(node)} cannot be read statically`, range);
      }
      case "enumerate":
      case "iter":
      case "reversed":
      case "sorted":
      case "list":
      case "tuple":
        // Same items, same count: a loop over `enumerate(loader)` is a loop over the loader.
        return first ?? { kind: "seq", tuple: name === "tuple", items: [] };
      case "zip":
        return first ?? unknown("zip() without arguments", range);
      case "min":
      case "max": {
        const list = args.positional.length === 1 && first?.kind === "seq" ? first.items : args.positional;
        const values = list.map(asNumber);
        if (values.some((v) => v === undefined) || values.length === 0) return list.find((v) => v.kind === "unknown") ?? unknown(`${this.file.textOf(node)} cannot be read statically`, range);
        // CPython's min_max (Python/bltinmodule.c): the first item, replaced only by one that compares strictly
        // less (min) or greater (max); so a NaN is kept or skipped by position, never "found" (Math.max → NaN).
        const nums = values as number[];
        let at = 0;
        for (let i = 1; i < nums.length; i++) if (name === "min" ? nums[i]! < nums[at]! : nums[i]! > nums[at]!) at = i;
        const pick = nums[at]!;
        const chosen = list[at]!;
        return chosen.kind === "num" ? { ...chosen, prov: derived(pick, this.file.textOf(node), list.filter((v): v is PyVal & { kind: "num" } => v.kind === "num").map((v) => v.prov), range) } : numericResult(pick, true);
      }
      case "int":
      case "float":
      case "abs":
      case "round":
      case "pow":
      case "bool": {
        if (first?.kind === "str" && (name === "int" || name === "float")) {
          const n = Number(first.value);
          return Number.isNaN(n) && first.value.trim().toLowerCase() !== "nan" ? unknown(`${name}(${JSON.stringify(first.value)}) is not a number`, range) : numericResult(name === "int" ? Math.trunc(n) : n, name === "int");
        }
        if (firstUnknown) return firstUnknown;
        const x = nums[0];
        if (x === undefined) return unknown(`${this.file.textOf(node)} cannot be read statically`, range);
        if (name === "bool") return { kind: "bool", value: x !== 0, range };
        if (name === "int") return numericResult(Math.trunc(x), true);
        if (name === "float") return numericResult(x, false);
        if (name === "abs") return numericResult(Math.abs(x), isIntLike(first!));
        if (name === "pow") return nums[1] === undefined ? unknown("pow() needs two numbers", range) : numericResult(x ** nums[1], isIntLike(first!) && isIntLike(args.positional[1]!) && nums[1] >= 0);
        return nums[1] === undefined ? numericResult(roundHalfEven(x), true) : numericResult(roundDigits(x, nums[1]), false);
      }
      case "sum": {
        const list = first?.kind === "seq" ? first.items.map(asNumber) : [];
        if (first?.kind !== "seq" || list.some((v) => v === undefined)) return unknown(`${this.file.textOf(node)} cannot be read statically`, range);
        return numericResult((list as number[]).reduce((a, b) => a + b, 0), first.items.every(isIntLike));
      }
      case "str":
        return first?.kind === "str" ? first : first?.kind === "num" ? { kind: "str", value: String(first.value), range } : unknown(`${this.file.textOf(node)} cannot be read statically`, range);
      default:
        return unknown(`${name}() is not evaluated`, range);
    }
  }

  private math(name: string, args: EvaluatedArguments, node: SyntaxNode): PyVal {
    const range = this.range(node);
    const f = mathFunction(name);
    if (!f) return unknown(`math.${name} is not supported`, range);
    const unknownArg = args.positional.find((v) => v.kind === "unknown");
    if (unknownArg) return unknownArg;
    const xs = args.positional.map(asNumber);
    if (xs.some((x) => x === undefined)) return unknown(`${this.file.textOf(node)} cannot be read statically`, range);
    const value = f(...(xs as number[]));
    return { kind: "num", value, isInt: mathIntResults.has(name), prov: derived(value, this.file.textOf(node), args.positional.filter((v): v is PyVal & { kind: "num" } => v.kind === "num").map((v) => v.prov), range) };
  }
}

export interface RangeData {
  readonly start?: PyVal;
  readonly stop: PyVal;
  readonly step?: PyVal;
}

/** Iterations of `range(start, stop, step)`, with the provenance of its bounds. */
export function rangeLength(r: RangeData, text: string, range: SourceRange): PyVal {
  const parts = [r.start, r.stop, r.step].filter((p): p is PyVal => p !== undefined);
  const bad = parts.find((p) => asNumber(p) === undefined);
  if (bad) return bad.kind === "unknown" ? bad : unknown(`${text} cannot be read statically`, range);
  const start = r.start ? asNumber(r.start)! : 0;
  const stop = asNumber(r.stop)!;
  const step = r.step ? asNumber(r.step)! : 1;
  if (step === 0) return unknown(`${text} has a zero step`, range);
  const count = Math.max(0, Math.ceil((stop - start) / step));
  const inputs = parts.filter((p): p is PyVal & { kind: "num" } => p.kind === "num").map((p) => p.prov);
  const startValue = r.start?.kind === "num" ? r.start : undefined;
  // A plain `range(N)` keeps N's own provenance: "90 epochs" comes from where 90 is written.
  const prov: Value = !r.start && !r.step && r.stop.kind === "num" ? r.stop.prov : derived(count, `len(${text})`, startValue ? inputs : inputs, range);
  return { kind: "num", value: count, isInt: true, prov };
}

/** The parsed command line of a script run with no arguments: argparse defaults. */
export class ArgNamespace {
  constructor(
    readonly values: Map<string, PyVal>,
    private readonly missing: (name: string, range: SourceRange) => PyVal,
  ) {}

  get(name: string, range: SourceRange): PyVal {
    return this.values.get(name) ?? this.missing(name, range);
  }
}

function isIntLike(v: PyVal): boolean {
  return v.kind === "bool" || (v.kind === "num" && v.isInt);
}

function compare(op: string, d: number): boolean {
  return op === "<" ? d < 0 : op === ">" ? d > 0 : op === "<=" ? d <= 0 : d >= 0;
}

function sameKey(a: PyVal, b: PyVal): boolean {
  return valuesEqual(a, b) === true;
}

/** Python `==` where both sides are known scalars; `undefined` otherwise. */
export function valuesEqual(a: PyVal, b: PyVal): boolean | undefined {
  if (a.kind === "unknown" || b.kind === "unknown") return undefined;
  if (a.kind === "none" || b.kind === "none") return a.kind === b.kind;
  if (a.kind === "str" || b.kind === "str") return a.kind === b.kind && (a as { value: string }).value === (b as { value: string }).value;
  const x = asNumber(a);
  const y = asNumber(b);
  if (x !== undefined && y !== undefined) return x === y;
  if (a.kind === "seq" && b.kind === "seq") {
    if (a.items.length !== b.items.length) return false;
    const each = a.items.map((item, i) => valuesEqual(item, b.items[i]!));
    return each.includes(undefined) ? undefined : each.every(Boolean);
  }
  return undefined;
}

/** Whether a `.` token separates two sibling nodes (`torch.optim` in an import, not `torch, os`). */
function dotBetween(a: SyntaxNode, b: SyntaxNode): boolean {
  for (let n = a.nextSibling; n && n.from < b.from; n = n.nextSibling) if (n.name === ".") return true;
  return false;
}

