import { Interpreter } from "../../parse/python/interpreter";
import { kids, PythonFile, type SyntaxNode } from "../../parse/python/syntax";
import type { PyVal } from "../../parse/python/values";

const literalNodes = new Set(["Number", "String", "Boolean", "None", "TupleExpression", "ArrayExpression", "ParenthesizedExpression", "UnaryExpression", "ArithOp"]);

/**
 * Python's `ast.literal_eval` of a string, as yacs' `_decode_cfg_value` applies it to every string a YAML
 * config holds (`STEPS: (60000, 80000)`, `BASE_LR: 1e-3`); `undefined` when it raises (the value stays a
 * string).
 */
export function literalEval(text: string): PyVal | undefined {
  const file = new PythonFile("<literal>", text.trim());
  if (file.text === "" || file.errors().length > 0) return undefined;
  const stmts = kids(file.tree.topNode);
  if (stmts.length !== 1 || stmts[0]!.name !== "ExpressionStatement") return undefined;
  const expr = kids(stmts[0]!);
  if (expr.length !== 1) return undefined;
  const ok = (n: SyntaxNode): boolean => {
    if (!literalNodes.has(n.name)) return false;
    if (n.name === "UnaryExpression") {
      const [op, operand] = kids(n);
      return op !== undefined && /^[-+]$/.test(file.textOf(op)) && operand?.name === "Number";
    }
    if (n.name === "ArithOp") return false;
    return kids(n).every(ok);
  };
  if (!ok(expr[0]!)) return undefined;
  const interp = new Interpreter(file, { call: () => undefined });
  const v = interp.evaluate(expr[0]!, interp.module);
  return v.kind === "unknown" ? undefined : v;
}
