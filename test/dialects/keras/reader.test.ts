// The Keras reader on scripts written the way the Keras / TensorFlow docs and examples write them.
import assert from "node:assert/strict";
import { test } from "node:test";
import { readKeras } from "../../../src/dialects/keras/reader";
import { curve, read } from "./helpers";

const ctx = (inputs = {}) => ({ inputs, files: { read: () => undefined } });

void test("model.fit epochs without steps per epoch: the schedule is read, the length asks for --steps-per-epoch", () => {
  const text = `import tensorflow as tf
lr_schedule = tf.keras.optimizers.schedules.PolynomialDecay(0.1, 10000, 0.01, power=0.5)
model.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=lr_schedule), loss="mse")
model.fit(train_ds, epochs=10)
`;
  const r = readKeras("train.py", text, ctx());
  const s = r!.schedules[0]!;
  assert.equal(s.name, "lr_schedule");
  assert.equal(s.total, undefined);
  const a = s.assumptions.find((x) => x.input === "stepsPerEpoch");
  assert.ok(a && a.value === undefined && a.range?.startLine === 3);
  const given = readKeras("train.py", text, ctx({ stepsPerEpoch: 50 }))!.schedules[0]!;
  assert.equal(given.total?.value, 500);
});

void test("no model.fit: a cosine runs its own length, said as an assumption", () => {
  const text = `from keras.optimizers.schedules import CosineDecay\nsched = CosineDecay(1e-3, decay_steps=2000, warmup_target=None)\n`;
  const s = readKeras("s.py", text, ctx())!.schedules[0]!;
  assert.equal(s.total?.value, 2000);
  assert.equal(s.assumptions[0]?.input, "totalSteps");
  assert.equal(s.assumptions[0]?.value, 2000);
});

void test("LearningRateScheduler with a one-argument lambda (the TF tutorials' LR range test)", () => {
  const files = {
    "fit.py": `import tensorflow as tf
lr_schedule = tf.keras.callbacks.LearningRateScheduler(lambda epoch: 1e-8 * 10**(epoch / 20))
model.compile(loss="mse", optimizer=tf.keras.optimizers.SGD(momentum=0.9))
history = model.fit(train_set, epochs=100, callbacks=[lr_schedule])
`,
  };
  const s = read("fit.py", files).schedules[0]!;
  assert.equal(s.dialect, "keras");
  assert.equal(s.unit, "epoch");
  assert.equal(s.total?.value, 100);
  const lr = curve(s);
  assert.equal(lr[20], Math.fround(1e-8 * 10 ** 1));
});

void test("a LearningRateScheduler function that cannot be read is an error with its range", () => {
  const text = `import keras
def schedule(epoch, lr):
    return lr * random.random()
model.compile(optimizer="adam")
model.fit(x, y, epochs=3, callbacks=[keras.callbacks.LearningRateScheduler(schedule)])
`;
  const s = readKeras("t.py", text, ctx())!.schedules[0]!;
  assert.equal(s.total, undefined);
  assert.ok(s.problems.some((p) => p.code === "lambda-not-static" && p.range !== undefined));
});

void test("files of other tools are not Keras files", () => {
  assert.equal(readKeras("t.py", "import torch\nsched = torch.optim.lr_scheduler.StepLR(opt, 30)\n", ctx()), undefined);
  assert.equal(readKeras("t.py", "import keras\nmodel.fit(x, y, epochs=3)\n", ctx()), undefined);
  // A PyTorch script still goes to the PyTorch reader.
  const torch = read("t.py", { "t.py": "import torch\nopt = torch.optim.SGD(model.parameters(), lr=0.1)\nsched = torch.optim.lr_scheduler.StepLR(opt, 30)\nfor epoch in range(90):\n    sched.step()\n" });
  assert.deepEqual(torch.dialects, ["pytorch"]);
});
