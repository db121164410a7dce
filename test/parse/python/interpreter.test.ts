// The abstract interpreter: argparse defaults, imports, functions, loops, conditions and provenance.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { LoopFrame } from "../../../src/parse/python/interpreter";
import type { PyVal } from "../../../src/parse/python/values";
import { num, run } from "./helpers";

/** The loops around the first call of `name()`, as [kind, count or reason, variable]. */
function loopsAt(source: string, name = "mark"): [string, number | string, string][] {
  const { host } = run(source);
  const call = host.named(name)[0];
  assert.ok(call, `${name}() was never reached`);
  return call.site.loops.map((l: LoopFrame) => [l.kind, l.count.kind === "num" ? l.count.value : l.count.kind === "unknown" ? l.count.reason : l.count.kind, l.variable]);
}

function prov(v: PyVal): unknown {
  assert.equal(v.kind, "num");
  return (v).prov;
}

const parser = `import argparse
parser = argparse.ArgumentParser()
`;

void describe("argparse", () => {
  void it("dest comes from the first long option; aliases and dest= are honoured", () => {
    const { get } = run(`${parser}parser.add_argument('--lr', '--learning-rate', default=0.1, type=float)
parser.add_argument('-b', '--batch-size', default=256, type=int)
parser.add_argument('--wd', '--weight-decay', default=1e-4, dest='weight_decay')
parser.add_argument('-j', default=4)
args = parser.parse_args()
lr = args.lr
bs = args.batch_size
wd = args.weight_decay
j = args.j
missing = args.learning_rate
`);
    assert.equal(num(get("lr")), 0.1);
    assert.equal(num(get("bs")), 256);
    assert.equal(num(get("wd")), 1e-4);
    assert.equal(num(get("j")), 4);
    const m = get("missing");
    assert.equal(m.kind, "unknown");
  });

  void it("the default carries the flag and the range of the default", () => {
    const { get } = run(`${parser}parser.add_argument('--lr', '--learning-rate', default=0.1)\nargs = parser.parse_args()\nlr = args.lr\n`);
    assert.deepEqual(prov(get("lr")), {
      value: 0.1,
      origin: { kind: "default", source: "argparse default of --lr", flag: "--lr" },
      range: { file: "t.py", startLine: 2, startColumn: 55, endLine: 2, endColumn: 58 },
    });
  });

  void it("type=int / type=float apply to string defaults", () => {
    const { get } = run(`${parser}parser.add_argument('--epochs', type=int, default='90')\nparser.add_argument('--lr', type=float, default='0.5')\nargs = parser.parse_args()\ne = args.epochs\nlr = args.lr\n`);
    const e = get("e") as PyVal & { kind: "num" };
    assert.equal(e.value, 90);
    assert.equal(e.isInt, true);
    assert.equal(num(get("lr")), 0.5);
  });

  void it("store_true / store_false, no default → None", () => {
    const { get } = run(`${parser}parser.add_argument('--amp', action='store_true')\nparser.add_argument('--no-aug', action='store_false')\nparser.add_argument('--resume')\nargs = parser.parse_args()\na = args.amp\nb = args.no_aug\nc = args.resume\n`);
    assert.deepEqual(get("a"), { kind: "bool", value: false });
    assert.deepEqual(get("b"), { kind: "bool", value: true });
    assert.deepEqual(get("c"), { kind: "none" });
  });

  void it("set_defaults overrides, add_argument_group shares the namespace, parse_known_args", () => {
    const { get } = run(`${parser}group = parser.add_argument_group('optim')
group.add_argument('--lr', default=0.1)
group.add_argument('--warmup', default=5)
parser.set_defaults(lr=0.4, extra=3)
args, unknown_args = parser.parse_known_args()
lr = args.lr
w = args.warmup
x = args.extra
`);
    assert.equal(num(get("lr")), 0.4);
    assert.equal(num(get("w")), 5);
    assert.equal(num(get("x")), 3);
  });

  void it("nargs lists keep per-item provenance; assignments to args are seen", () => {
    const { get } = run(`${parser}parser.add_argument('--milestones', default=[30, 60], nargs='+', type=int)
args = parser.parse_args()
args.lr = 0.2
m = args.milestones
lr = args.lr
`);
    const m = get("m");
    assert.equal(m.kind, "seq");
    const items = (m).items;
    assert.deepEqual(items.map(num), [30, 60]);
    assert.equal((prov(items[1]!) as { origin: { flag: string } }).origin.flag, "--milestones");
    assert.equal(num(get("lr")), 0.2);
  });

  void it("a get_args() helper returning parser.parse_args()", () => {
    const { get } = run(`import argparse
def get_args():
    p = argparse.ArgumentParser()
    p.add_argument('--epochs', type=int, default=30)
    return p.parse_args()
args = get_args()
epochs = args.epochs
`);
    assert.equal(num(get("epochs")), 30);
  });
});

void describe("imports", () => {
  const paths = (source: string, names: string[]): (string | undefined)[] => {
    const { get } = run(source);
    return names.map((n) => {
      const v = get(n);
      return v.kind === "ref" ? v.path : undefined;
    });
  };
  void it("import a.b as c, import a.b, from a import b as c", () => {
    assert.deepEqual(paths("import torch.optim as optim\nimport torch.nn\nimport os, torch.distributed as dist\n", ["optim", "torch", "os", "dist"]), ["torch.optim", "torch", "os", "torch.distributed"]);
    assert.deepEqual(paths("from torch.optim import lr_scheduler\nfrom torch.optim.lr_scheduler import StepLR as S, LambdaLR\nx = S\ny = lr_scheduler.StepLR\n", ["lr_scheduler", "S", "LambdaLR", "x", "y"]), [
      "torch.optim.lr_scheduler",
      "torch.optim.lr_scheduler.StepLR",
      "torch.optim.lr_scheduler.LambdaLR",
      "torch.optim.lr_scheduler.StepLR",
      "torch.optim.lr_scheduler.StepLR",
    ]);
    assert.deepEqual(paths("from torch import optim\nx = optim.lr_scheduler.StepLR\n", ["x"]), ["torch.optim.lr_scheduler.StepLR"]);
  });

  void it("from math import pi binds the number", () => {
    const { get } = run("from math import pi, cos\nx = cos(pi)\n");
    assert.equal(num(get("x")), -1);
  });
});

void describe("functions", () => {
  void it("main() under if __name__ == '__main__' is followed, with parameter defaults and returns", () => {
    const { get, host } = run(`
def scale(lr, batch=256, ref=256):
    return lr * batch / ref

def main():
    global result
    mark(scale(0.1, 1024))

if __name__ == "__main__":
    main()
out = scale(0.2, ref=128)
`);
    assert.equal(num(get("out")), 0.4);
    const call = host.named("mark")[0]!;
    assert.equal(num(call.args.positional[0]!), 0.4);
  });

  void it("functions nothing calls are read as entry points, callbacks are not", () => {
    const { host, interp } = run(`
def lr_lambda(epoch):
    if epoch < warmup:
        return 1.0
    return 0.1
s = LambdaLR(opt, lr_lambda)
def train():
    mark()
`);
    assert.equal(host.named("mark").length, 1);
    assert.deepEqual(interp.undecided, []); // the callback's `if epoch < warmup` is not an undecided condition
  });

  void it("recursion is not followed forever", () => {
    const { get } = run("def f(n):\n    return f(n - 1)\nx = f(3)\n");
    assert.equal(get("x").kind, "unknown");
  });
});

void describe("loops", () => {
  void it("range(N), range(1, epochs + 1), range(args.start_epoch, args.epochs)", () => {
    assert.deepEqual(loopsAt("for epoch in range(90):\n    mark()\n"), [["range", 90, "epoch"]]);
    assert.deepEqual(loopsAt("epochs = 30\nfor epoch in range(1, epochs + 1):\n    mark()\n"), [["range", 30, "epoch"]]);
    assert.deepEqual(loopsAt(`${parser}parser.add_argument('--start-epoch', default=0, type=int)\nparser.add_argument('--epochs', default=90, type=int)\nargs = parser.parse_args()\nfor epoch in range(args.start_epoch, args.epochs):\n    mark()\n`), [["range", 90, "epoch"]]);
    assert.deepEqual(loopsAt("for i in range(10, 0, -3):\n    mark()\n"), [["range", 4, "i"]]);
  });

  void it("nested loops, enumerate and loops in called functions", () => {
    const loops = loopsAt(`
def train_one_epoch(loader):
    for i, (images, target) in enumerate(loader):
        mark()
for epoch in range(5):
    train_one_epoch(train_loader)
`);
    assert.equal(loops.length, 2);
    assert.deepEqual(loops[0], ["range", 5, "epoch"]);
    assert.equal(loops[1]![0], "iterable");
    assert.equal(loops[1]![2], "i, (images, target)");
    assert.deepEqual(loopsAt("for x in [1, 2, 3]:\n    for y in (1, 2):\n        mark()\n"), [["iterable", 3, "x"], ["iterable", 2, "y"]]);
  });

  void it("while loops: counted when the condition and increment say so", () => {
    assert.deepEqual(loopsAt("epoch = 0\nwhile epoch < 90:\n    mark()\n    epoch += 1\n"), [["while", 90, "epoch"]]);
    assert.deepEqual(loopsAt("step = 1\nwhile step <= 100:\n    mark()\n    step += 1\n"), [["while", 100, "step"]]);
    const [frame] = loopsAt("while True:\n    mark()\n");
    assert.equal(frame![0], "while");
    assert.match(String(frame![1]), /unknown number of times/);
  });
});

void describe("conditions", () => {
  void it("a known condition picks one branch", () => {
    const { get, interp } = run("debug = False\nif debug:\n    lr = 1.0\nelif 2 > 1:\n    lr = 0.1\nelse:\n    lr = 0.0\n");
    assert.equal(num(get("lr")), 0.1);
    assert.deepEqual(interp.undecided, []);
  });

  void it("an unknown condition reads every branch and is reported with its range", () => {
    const { interp, host } = run("import os\nif os.environ.get('X'):\n    mark(1)\nelse:\n    mark(2)\n");
    assert.equal(host.named("mark").length, 2);
    assert.equal(interp.undecided.length, 1);
    assert.equal(interp.undecided[0]!.startLine, 1);
  });

  void it("chained comparisons follow Python", () => {
    const { get } = run("a = 1 < 5 < 3\nb = 1 < 2 < 3\nc = (1 < 5) < 3\n");
    assert.deepEqual([get("a"), get("b"), get("c")].map((v) => v.kind === "bool" && v.value), [false, true, true]);
  });
});

void describe("values and provenance", () => {
  void it("0.1 * batch_size / 256 is an expression with its text and inputs", () => {
    const { get } = run("batch_size = 1024\nlr = 0.1 * batch_size / 256\n");
    const p = prov(get("lr")) as { value: number; origin: { kind: string; text: string; inputs: { value: number; origin: { kind: string } }[] } };
    assert.equal(p.value, 0.4);
    assert.equal(p.origin.kind, "expression");
    assert.equal(p.origin.text, "0.1 * batch_size / 256");
    const leaves: number[] = [];
    const walk = (v: { value: number; origin: { kind: string; inputs?: unknown[] } }): void => {
      if (v.origin.kind === "expression") (v.origin.inputs as typeof v[]).forEach(walk);
      else leaves.push(v.value);
    };
    walk(p);
    assert.deepEqual(leaves, [0.1, 1024, 256]);
  });

  void it("Python arithmetic: floored //, %, int-ness, banker's round, min/max", () => {
    const { get } = run("a = -7 // 2\nb = -7 % 3\nc = 2 ** 10\nd = round(2.5)\ne = max(3, 7, 5)\nf = int('12')\ng = 7 / 2\n");
    assert.deepEqual(["a", "b", "c", "d", "e", "f", "g"].map((n) => num(get(n))), [-4, 2, 1024, 2, 7, 12, 3.5]);
    assert.equal((get("c") as PyVal & { kind: "num" }).isInt, true);
    assert.equal((get("g") as PyVal & { kind: "num" }).isInt, false);
  });

  void it("unknowns keep their reason and range", () => {
    const { get } = run("import json\ncfg = json.load(open('c.json'))\nlr = cfg['lr'] * 2\n");
    const v = get("lr");
    assert.equal(v.kind, "unknown");
    assert.equal((v as { range?: { startLine: number } }).range?.startLine, 1);
  });
});
