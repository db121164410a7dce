// Loading rounds (readSchedules' `LoadingRounds`): a store reads a file, loads the `_base_` files the readers
// asked for, and reads it again. A reader whose files answer the same as in the round before is not run
// again; the last round's result must equal one read with every file already there.
import assert from "node:assert/strict";
import { test } from "node:test";
import { readSchedules, type LoadingRounds } from "../../src/dialects";

const base = ["train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=12)", "param_scheduler = [dict(type='MultiStepLR', by_epoch=True, milestones=[8, 11], gamma=0.1)]", "optim_wrapper = dict(optimizer=dict(type='SGD', lr=0.02))", ""].join("\n");
const child = ["_base_ = ['./base.py']", "optim_wrapper = dict(optimizer=dict(lr=0.01))", ""].join("\n");
// A PyTorch script: its reader reads no other file, so its first round's outcome stands.
const script = ["import torch", "optimizer = torch.optim.SGD(model.parameters(), lr=0.1)", "scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=30)", "for epoch in range(90):", "    train()", "    scheduler.step()", ""].join("\n");
const disk = new Map([
  ["/w/base.py", base],
  ["/w/child.py", child],
]);

/** The store's loop (src/extension/scheduleStore.ts readFrom), recording each round's result. */
function inRounds(path: string, text: string, rounds?: LoadingRounds) {
  const loaded = new Map<string, string | undefined>();
  const results: ReturnType<typeof readSchedules>[] = [];
  for (let round = 0; round < 8; round++) {
    const asked: string[] = [];
    const read = (p: string): string | undefined => {
      if (loaded.has(p)) return loaded.get(p);
      asked.push(p);
      return undefined;
    };
    results.push(readSchedules(path, text, {}, { read }, rounds));
    if (asked.length === 0) break;
    for (const p of asked) loaded.set(p, disk.get(p));
  }
  return results;
}

void test("the last round equals a read with every file there, with or without reusing readers' outcomes", () => {
  const all = readSchedules("/w/child.py", child, {}, { read: (p) => disk.get(p) });
  assert.equal(all.schedules.length, 1);
  assert.equal(all.schedules[0]!.groups[0]!.lr.value, 0.01);
  const reused = inRounds("/w/child.py", child, new Map());
  const fresh = inRounds("/w/child.py", child);
  assert.equal(reused.length, 2, "one round without the base, one with it");
  assert.deepEqual(reused.at(-1), all);
  assert.deepEqual(fresh.at(-1), all);
});

void test("a reader that read no file is not run again; one whose file answers differently is", () => {
  // The same inputs object, as the store passes in every round of one read.
  const inputs = {};
  const rounds: LoadingRounds = new Map();
  const first = readSchedules("/w/train.py", script, inputs, { read: () => undefined }, rounds);
  const second = readSchedules("/w/train.py", script, inputs, { read: () => undefined }, rounds);
  assert.equal(first.schedules.length, 1);
  assert.equal(second.schedules[0], first.schedules[0], "the PyTorch reader's outcome is reused (the same object)");
  // Another text, other inputs: read again.
  assert.notEqual(readSchedules("/w/train.py", script.replace("step_size=30", "step_size=20"), inputs, { read: () => undefined }, rounds).schedules[0], first.schedules[0]);
  assert.notEqual(readSchedules("/w/train.py", script, { epochs: 5 }, { read: () => undefined }, rounds).schedules[0], first.schedules[0]);

  // The MMEngine reader read base.py: when base.py answers something else, it reads the config again.
  const chain: LoadingRounds = new Map();
  const before = readSchedules("/w/child.py", child, inputs, { read: (p) => disk.get(p) }, chain);
  const same = readSchedules("/w/child.py", child, inputs, { read: (p) => disk.get(p) }, chain);
  assert.equal(same.schedules[0], before.schedules[0]);
  const edited = readSchedules("/w/child.py", child, inputs, { read: (p) => (p === "/w/base.py" ? base.replace("max_epochs=12", "max_epochs=24") : disk.get(p)) }, chain);
  assert.notEqual(edited.schedules[0], before.schedules[0]);
  assert.notDeepEqual(edited.schedules[0], before.schedules[0], "max_epochs 24 from the edited base");
});
