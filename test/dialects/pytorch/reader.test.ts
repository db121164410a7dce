// Scripts as people write them (test/dialects/pytorch/fixtures): what the reader finds, and LR values
// derived by hand from torch.optim.lr_scheduler's semantics.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluate } from "../../../src/core/evaluate";
import { close, curve, fixture, line, messages, only, read } from "./helpers";

void describe("PyTorch scripts as written in the wild", () => {
  void it("pytorch/examples imagenet main.py: main() + main_worker, positional lr, aliases, dest=, start_epoch", () => {
    const s = only(fixture("imagenet.py"));
    assert.equal(s.name, "scheduler");
    assert.equal(s.unit, "epoch");
    assert.equal(s.total?.value, 90);
    assert.equal(s.source.startLine + 1, 64);
    assert.deepEqual(s.groups.map((g) => [g.lr.value, g.momentum?.value]), [[0.1, 0.9]]);
    assert.deepEqual(messages(s.assumptions), [
      "--lr not given on the command line: default 0.1",
      "--momentum not given on the command line: default 0.9",
      "--start-epoch not given on the command line: default 0",
      "--epochs not given on the command line: default 90",
    ]);
    assert.equal(line(s.assumptions[0]!), 28);
    assert.deepEqual(s.problems, []);
    const lr = curve(s);
    assert.equal(lr.length, 90);
    close(lr[0], 0.1);
    close(lr[29], 0.1);
    close(lr[30], 0.01);
    close(lr[59], 0.01);
    close(lr[60], 0.001);
    close(lr[89], 0.001);
  });

  void it("scheduler.step() in a train_one_epoch helper after the batch loop; range(1, epochs + 1); tqdm", () => {
    const s = only(fixture("helper_epoch.py"));
    assert.equal(s.unit, "epoch");
    assert.equal(s.total?.value, 30);
    assert.equal(s.source.startLine + 1, 20);
    assert.deepEqual(s.assumptions, []);
    const lr = curve(s);
    close(lr[0], 3e-4);
    close(lr[1], 3e-4 * 0.9);
    close(lr[10], 3e-4 * 0.9 ** 10);
    close(lr[29], 3e-4 * 0.9 ** 29);
  });

  void it("scheduler.step() inside the helper's batch loop → per step; total_steps = epochs * len(train_loader)", () => {
    const without = only(fixture("helper_batch.py"));
    assert.equal(without.unit, "step");
    assert.equal(without.total, undefined);
    assert.deepEqual(
      without.assumptions.map((a) => [a.input, a.value, line(a)]),
      [["stepsPerEpoch", undefined, 21]],
    );
    const s = only(fixture("helper_batch.py"), { stepsPerEpoch: 100 });
    assert.equal(s.unit, "step");
    assert.equal(s.total?.value, 1200);
    assert.equal(s.epochs?.value, 12);
    assert.equal(s.stepsPerEpoch?.value, 100);
    assert.deepEqual(messages(s.assumptions), ["--steps-per-epoch 100 (given)"]);
    const lr = curve(s);
    // OneCycleLR(max_lr=0.05, total_steps=1200, pct_start=0.25): starts at max_lr/25, peaks at step 299,
    // ends at initial_lr / 1e4.
    close(lr[0], 0.002);
    close(lr[299], 0.05);
    close(lr[1199], 0.002 / 1e4);
    close(lr[149], 0.002 + (0.05 - 0.002) * (1 - Math.cos((Math.PI * 149) / 299)) / 2);
  });

  void it("for batch in tqdm(train_loader, desc=...) in the epoch loop → per step", () => {
    const s = only(fixture("tqdm_batch.py"), { stepsPerEpoch: 10 });
    assert.equal(s.unit, "step");
    assert.equal(s.total?.value, 30);
    assert.deepEqual(s.groups.map((g) => [g.lr.value, g.momentum?.value, g.momentumKind]), [[1e-3, 0.95, "beta1"]]);
    const lr = curve(s);
    close(lr[0], 1e-3);
    close(lr[15], 1e-3 * 0.5);
    close(lr[29], 1e-3 / 30);
  });

  void it("GAN: two optimizers, two schedulers → two schedules in construction order", () => {
    const r = read(fixture("gan.py"));
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.schedules.map((s) => [s.name, s.unit, s.total?.value, s.source.startLine + 1]), [
      ["lr_scheduler_G", "epoch", 200, 25],
      ["lr_scheduler_D", "epoch", 200, 26],
    ]);
    const [g, d] = r.schedules;
    assert.deepEqual(g!.groups.map((x) => [x.lr.value, x.momentum?.value]), [[2e-4, 0.5]]);
    assert.deepEqual(d!.groups.map((x) => [x.lr.value, x.momentum?.value]), [[1e-4, 0.5]]);
    const lg = curve(g!);
    const ld = curve(d!);
    close(lg[49], 2e-4);
    close(lg[50], 1e-4);
    close(lg[199], 2e-4 * 0.5 ** 3);
    close(ld[99], 1e-4);
    close(ld[100], 1e-5);
    close(ld[150], 1e-6);
    // Construction order, not optimizer order.
    const swapped = read(fixture("gan_swapped.py")).schedules;
    assert.deepEqual(swapped.map((s) => s.name), ["sched_d", "sched_g"]);
    close(curve(swapped[0]!)[2], 1e-4 * 0.25);
    close(curve(swapped[1]!)[2], 2e-4 * 0.81);
  });

  void it("param groups with per-group lr and momentum; optim.lr_scheduler with positional args", () => {
    const s = only(fixture("groups.py"));
    assert.deepEqual(s.groups.map((g) => [g.lr.value, g.momentum?.value]), [
      [0.001, 0.9],
      [0.01, 0.9],
      [0.1, 0.95],
    ]);
    assert.equal(s.total?.value, 12);
    close(curve(s, 0)[7], 0.001);
    close(curve(s, 0)[8], 0.0001);
    close(curve(s, 1)[8], 0.001);
    close(curve(s, 2)[11], 0.001);
  });

  void it("total_steps = epochs * len(train_loader) with and without stepsPerEpoch", () => {
    const without = only(fixture("total_steps.py"));
    assert.equal(without.total, undefined);
    assert.equal(without.unit, "step");
    assert.deepEqual(without.assumptions.map((a) => [a.input, a.value, line(a)]), [["stepsPerEpoch", undefined, 8]]);
    const s = only(fixture("total_steps.py"), { stepsPerEpoch: 50 });
    assert.equal(s.total?.value, 250);
    const lr = curve(s);
    close(lr[0], 5e-4);
    close(lr[125], 1e-6 + (5e-4 - 1e-6) * 0.5);
    close(lr[249], 1e-6 + ((5e-4 - 1e-6) * (1 + Math.cos((Math.PI * 249) / 250))) / 2);
  });

  void it("a def lr_lambda with warmup then cosine", () => {
    const s = only(fixture("lambda_def.py"));
    assert.equal(s.total?.value, 50);
    assert.deepEqual(s.problems, []); // the callback's `if epoch < warmup` is not an undecided condition
    const lr = curve(s);
    close(lr[0], 0.2 * 0.2);
    close(lr[3], 0.2 * 0.8);
    close(lr[4], 0.2);
    close(lr[5], 0.2);
    close(lr[27], 0.2 * 0.5 * (1 + Math.cos((Math.PI * 22) / 45)));
    close(lr[49], 0.2 * 0.5 * (1 + Math.cos((Math.PI * 44) / 45)));
  });

  void it("SequentialLR warmup with milestones from argparse, inside get_args()/main()", () => {
    const s = only(fixture("seq_argparse.py"));
    assert.equal(s.total?.value, 20);
    assert.equal(s.source.startLine + 1, 23);
    assert.deepEqual(messages(s.assumptions), [
      "--lr not given on the command line: default 0.4",
      "--warmup-epochs not given on the command line: default 3",
      "--epochs-int not given on the command line: default 20",
    ]);
    const lr = curve(s);
    close(lr[0], 0.04);
    close(lr[1], 0.4 * (0.1 + 0.9 / 3));
    close(lr[2], 0.4 * (0.1 + 0.9 * (2 / 3)));
    close(lr[3], 0.4);
    close(lr[4], (0.4 * (1 + Math.cos(Math.PI / 17))) / 2);
  });

  void it("ReduceLROnPlateau: flat, with an info problem", () => {
    const s = only(fixture("plateau.py"));
    assert.equal(s.total?.value, 40);
    const c = evaluate(s);
    assert.ok(c.groups[0]!.every((x) => x === 1e-3));
    assert.deepEqual(c.problems.map((p) => [p.severity, p.code]), [["info", "depends-on-metric"]]);
  });

  void it("an opaque lambda (a table loaded from a file) is an error with a range, never a guess", () => {
    const s = only(fixture("opaque.py"));
    assert.equal(s.total, undefined);
    const errors = s.problems.filter((p) => p.severity === "error");
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.code, "value-not-static");
    assert.equal(line(errors[0]!), 6);
    assert.equal(errors[0]!.range!.startColumn, "scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda e: ".length);
    assert.match(errors[0]!.message, /json\.load/);
    assert.equal(s.program.family, "torch");
    if (s.program.family === "torch") assert.deepEqual(s.program.stepped, []);
  });

  void it("a syntax error in an unrelated line: warnings, the schedule is still read", () => {
    const r = read(fixture("syntaxerr.py"));
    assert.ok(r.problems.length >= 1);
    assert.ok(r.problems.every((p) => p.severity === "warning" && p.code === "python-syntax"));
    assert.equal(line(r.problems[0]!), 3);
    const keys = r.problems.map((p) => JSON.stringify(p.range));
    assert.equal(new Set(keys).size, keys.length, "no duplicate syntax errors");
    const s = r.schedules[0]!;
    assert.equal(s.total?.value, 30);
    const lr = curve(s);
    close(lr[9], 0.1);
    close(lr[10], 0.05);
    close(lr[29], 0.025);
  });

  void it("from torch import optim; optim.lr_scheduler.StepLR (gamma defaults to 0.1)", () => {
    const s = only(fixture("from_torch_optim.py"));
    assert.equal(s.name, "s1");
    assert.equal(s.total?.value, 10);
    const lr = curve(s);
    close(lr[2], 0.1);
    close(lr[3], 0.01);
    close(lr[9], 1e-4);
    assert.equal(s.program.family, "torch");
    if (s.program.family === "torch") assert.equal(s.program.schedulers[0]?.args.gamma?.origin.kind, "default");
  });

  void it("lr scaled by dist.get_world_size(): needs --devices, resolves with {devices: 8}", () => {
    const without = only(fixture("world.py"));
    assert.equal(without.total, undefined, "never drawn with a made-up lr");
    assert.deepEqual(without.assumptions.map((a) => [a.input, a.value, line(a)]), [["devices", undefined, 5]]);
    const s = only(fixture("world.py"), { devices: 8 });
    assert.equal(s.total?.value, 100);
    close(s.groups[0]!.lr.value, 0.4);
    assert.deepEqual(s.assumptions, [{ input: "devices", message: "--devices 8 (given)", value: 8 }]);
    const lr = curve(s);
    close(lr[0], 0.4);
    close(lr[50], 0.2);
  });

  void it("while epoch < 90 with epoch += 1 counts epochs", () => {
    const s = only(fixture("while_loop.py"));
    assert.equal(s.unit, "epoch");
    assert.equal(s.total?.value, 90);
    close(curve(s)[30], 0.01);
  });

  void it("torch.optim.lr_scheduler.X and a user class of the same name are told apart", () => {
    const text = `import torch
class StepLR:
    def __init__(self, opt, n):
        pass
optimizer = torch.optim.SGD(params, lr=0.1)
mine = StepLR(optimizer, 5)
real = torch.optim.lr_scheduler.StepLR(optimizer, 5)
for epoch in range(10):
    mine.step()
    real.step()
`;
    const s = only(text);
    assert.equal(s.name, "real");
    close(curve(s)[5], 0.01);
  });
});
