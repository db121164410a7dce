// compileNumeric: every construct a schedule lambda or small def may use, with exact numbers, and every
// construct it must refuse (an `unknown` with a source range, never a guess).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compiled, refused } from "./helpers";

void describe("compileNumeric: supported constructs", () => {
  void it("arithmetic + - * /", () => {
    const f = compiled("f = lambda e: (e + 2) * 3 - e / 4");
    assert.equal(f(2), 11.5);
    assert.equal(f(0), 6);
  });

  void it("floored // and % like Python, also on negatives", () => {
    const div = compiled("f = lambda e: e // 4");
    assert.equal(div(7), 1);
    assert.equal(div(-7), -2);
    const mod = compiled("f = lambda e: e % 4");
    assert.equal(mod(7), 3);
    assert.equal(mod(-7), 1);
    const modNeg = compiled("f = lambda e: e % -4");
    assert.equal(modNeg(7), -1);
    assert.equal(compiled("f = lambda e: -e // 2")(3), -2);
  });

  void it("** (power) and unary - + ~", () => {
    assert.equal(compiled("f = lambda epoch: 0.5 ** epoch")(3), 0.125);
    assert.equal(compiled("f = lambda e: -e ** 2")(3), -9);
    assert.equal(compiled("f = lambda e: +e")(3), 3);
    assert.equal(compiled("f = lambda e: ~e")(3), -4);
  });

  void it("comparisons give 1/0 and chain like Python", () => {
    const f = compiled("f = lambda e: (e < 5) + (e >= 5) * 10 + (e == 7) * 100 + (e != 7) * 1000");
    assert.equal(f(3), 1001);
    assert.equal(f(7), 110);
    const chained = compiled("f = lambda e: 1.0 if 2 <= e < 5 else 0.5");
    assert.deepEqual([1, 2, 4, 5, 9].map(chained), [0.5, 1, 1, 0.5, 0.5]);
    // `(0 < e) < 5` parenthesised is not a chain: True < 5 is always true.
    assert.equal(compiled("f = lambda e: (0 < e) < 5")(100), 1);
  });

  void it("and / or / not return Python's operands", () => {
    assert.equal(compiled("f = lambda e: e and 7")(0), 0);
    assert.equal(compiled("f = lambda e: e and 7")(2), 7);
    assert.equal(compiled("f = lambda e: e or 0.25")(0), 0.25);
    assert.equal(compiled("f = lambda e: e or 0.25")(3), 3);
    assert.equal(compiled("f = lambda e: not e")(0), 1);
    assert.equal(compiled("f = lambda e: not e")(2), 0);
  });

  void it("conditional expression", () => {
    const f = compiled("f = lambda e: (e + 1) / 5 if e < 5 else 0.1 ** (e // 30)");
    assert.equal(f(0), 0.2);
    assert.equal(f(4), 1);
    assert.equal(f(29), 1);
    assert.equal(f(30), 0.1);
    assert.equal(f(60), 0.1 ** 2);
  });

  void it("math functions and constants (import math, import math as m)", () => {
    const f = compiled("import math\nf = lambda e: 0.5 * (1 + math.cos(math.pi * e / 10))");
    assert.equal(f(0), 1);
    assert.equal(f(5), 0.5 * (1 + Math.cos(Math.PI / 2)));
    assert.equal(f(10), 0);
    assert.equal(compiled("import math as m\nf = lambda e: m.exp(-e) + m.sqrt(16) + m.floor(2.7) + m.log(m.e)")(0), 1 + 4 + 2 + 1);
    assert.equal(compiled("import math\nf = lambda e: math.tau + math.log(8, 2)")(0), 2 * Math.PI + 3);
    assert.equal(compiled("from math import cos, pi\nf = lambda e: cos(pi * e)")(1), -1);
  });

  void it("min / max / abs / int / float / pow", () => {
    assert.equal(compiled("f = lambda e: min(1.0, (e + 1) / 10)")(4), 0.5);
    assert.equal(compiled("f = lambda e: min(1.0, (e + 1) / 10)")(40), 1);
    assert.equal(compiled("f = lambda e: max(0.01, 1 - e / 100, 0.5)")(90), 0.5);
    assert.equal(compiled("f = lambda e: abs(e - 10)")(3), 7);
    assert.equal(compiled("f = lambda e: int(e / 4)")(7), 1);
    assert.equal(compiled("f = lambda e: int(-e / 4)")(7), -1); // int() truncates toward zero
    assert.equal(compiled("f = lambda e: float(e) / 2")(3), 1.5);
    assert.equal(compiled("f = lambda e: pow(0.9, e)")(2), 0.81);
  });

  void it("round is banker's rounding, with and without digits", () => {
    const r = compiled("f = lambda e: round(e)");
    assert.deepEqual([0.5, 1.5, 2.5, 3.5, -0.5, -1.5, 2.4, 2.6].map(r), [0, 2, 2, 4, 0, -2, 2, 3]);
    assert.equal(compiled("f = lambda e: round(e / 3, 2)")(1), 0.33);
  });

  void it("module constants are captured, also from argparse defaults", () => {
    const f = compiled("warmup = 5\ntotal = 50\nf = lambda e: e / warmup if e < warmup else (total - e) / (total - warmup)");
    assert.equal(f(1), 0.2);
    assert.equal(f(5), 1);
    assert.equal(f(50), 0);
    const g = compiled("import argparse\np = argparse.ArgumentParser()\np.add_argument('--decay', type=float, default=0.9)\nargs = p.parse_args()\nf = lambda e: args.decay ** e");
    assert.equal(g(2), 0.81);
  });

  void it("lambda parameters with defaults", () => {
    assert.equal(compiled("w = 4\nf = lambda e, k=w: e / k")(2), 0.5);
    assert.equal(compiled("def f(e, *, base=0.5, **kw):\n    return base ** e\n")(2), 0.25);
  });

  void it("a def with if / elif / else and return", () => {
    const f = compiled(`
def f(epoch):
    if epoch < 3:
        return 1.0
    elif epoch < 6:
        return 0.1
    else:
        return 0.01
`);
    assert.deepEqual([0, 2, 3, 5, 6, 100].map(f), [1, 1, 0.1, 0.1, 0.01, 0.01]);
  });

  void it("a def with local assignments, augmented assignment and a docstring", () => {
    const f = compiled(`
import math
warmup = 5
epochs = 50
def f(epoch):
    """Linear warmup then cosine."""
    if epoch < warmup:
        return (epoch + 1) / warmup
    progress = (epoch - warmup) / (epochs - warmup)
    progress *= math.pi
    return 0.5 * (1 + math.cos(progress))
`);
    assert.equal(f(0), 0.2);
    assert.equal(f(4), 1);
    assert.equal(f(5), 1);
    assert.equal(f(27.5), 0.5 * (1 + Math.cos(Math.PI / 2)));
    assert.equal(f(50), 0);
  });

  void it("a def calling another def of the file", () => {
    const f = compiled(`
def warm(e):
    return min(1.0, (e + 1) / 4)
def f(e):
    return warm(e) * 0.5 ** (e // 10)
`);
    assert.equal(f(0), 0.25);
    assert.equal(f(3), 1);
    assert.equal(f(10), 0.5);
  });

  void it("a def calling a lambda constant", () => {
    const f = compiled("decay = lambda e: 0.9 ** e\ndef f(epoch):\n    return 2 * decay(epoch)\n");
    assert.equal(f(2), 2 * 0.81);
  });

  void it("a list of numbers indexed by the step", () => {
    const f = compiled("factors = [1.0, 0.5, 0.25]\nf = lambda e: factors[e]");
    assert.equal(f(1), 0.5);
    assert.equal(f(-1), 0.25);
    assert.ok(Number.isNaN(f(3))); // IndexError in Python
  });

  void it("Python errors become NaN, never a made-up number", () => {
    assert.ok(Number.isNaN(compiled("f = lambda e: 1 / e")(0)));
    assert.ok(Number.isNaN(compiled("f = lambda e: 1 // e")(0)));
    assert.ok(Number.isNaN(compiled("f = lambda e: 1 % e")(0)));
    assert.ok(Number.isNaN(compiled("def f(e):\n    if e < 2:\n        return 1.0\n")(5))); // returns None
  });
});

void describe("compileNumeric: refusals carry a reason and a range", () => {
  void it("attribute of an unknown object", () => {
    const r = refused("cfg = load_config('x.yaml')\nf = lambda e: cfg.decay ** e");
    assert.equal(r.line, 2);
    assert.equal(r.text, "cfg.decay");
    assert.match(r.reason, /load_config/);
  });

  void it("list comprehension", () => {
    const r = refused("f = lambda e: sum([0.1 for _ in range(e)])");
    assert.equal(r.line, 1);
    assert.match(r.text, /\[0\.1 for _ in range\(e\)\]|sum/);
  });

  void it("recursion", () => {
    const r = refused("def f(e):\n    if e == 0:\n        return 1.0\n    return 0.9 * f(e - 1)\n");
    assert.match(r.reason, /recursive/);
    assert.equal(r.line, 1);
  });

  void it("global statement", () => {
    const r = refused("scale = 1.0\ndef f(e):\n    global scale\n    scale = scale * 0.9\n    return scale\n");
    assert.equal(r.line, 3);
    assert.equal(r.text, "global scale");
  });

  void it("calls of unknown functions", () => {
    const r = refused("f = lambda e: lookup_lr(e)");
    assert.equal(r.text, "lookup_lr(e)");
    assert.match(r.reason, /lookup_lr/);
    const s = refused("import numpy as np\nf = lambda e: np.interp(e, [0, 10], [0, 1])");
    assert.equal(s.line, 2);
    assert.match(s.text, /np\.interp/);
  });

  void it("a table loaded from a file, indexed by the step", () => {
    const r = refused("import json\ntable = json.load(open('lr.json'))\nf = lambda e: table[e]");
    assert.equal(r.line, 3);
    assert.equal(r.text, "table[e]");
    assert.match(r.reason, /json\.load/);
  });

  void it("a parameter shadowing a module name is not read from the module", () => {
    // `epoch` is also a module number here; `rates[epoch]` must use the parameter, not 2.
    const f = compiled("epoch = 2\nrates = [1.0, 0.5, 0.1]\nf = lambda epoch: rates[epoch]");
    assert.equal(f(0), 1);
    const r = refused("epoch = 2\nopts = load()\nf = lambda epoch: opts[epoch].lr");
    assert.equal(r.line, 3);
  });

  void it("loops, keyword arguments, strings and wrong arity", () => {
    assert.equal(refused("def f(e):\n    for i in range(3):\n        e = e * 2\n    return e\n").line, 2);
    assert.equal(refused("f = lambda e: round(e, ndigits=2)").line, 1);
    assert.equal(refused("f = lambda e: 'x'").text, "'x'");
    assert.match(refused("f = lambda: 1.0").reason, /takes 0 arguments/);
    assert.match(refused("f = lambda e, k: e * k").reason, /parameter k/);
    assert.equal(refused("f = lambda e: abs(e, 2)").text, "abs(e, 2)");
    assert.equal(refused("f = lambda e: e in (1, 2)").line, 1);
  });

  void it("a calling def that calls something with side effects is refused, not run", () => {
    const r = refused("def f(e):\n    return make_table()[e]\n");
    assert.equal(r.line, 2);
  });
});
