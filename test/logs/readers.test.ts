// Each log reader on a small log written the way the library writes it (key order, number formats,
// padding, framing), asserting the points' alignment to ticks that the reader documents.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { crc32c, maskedCrc32c } from "../../src/logs/crc32c";
import { logFormatOf, readRunLog } from "../../src/logs";
import { readHfTrainerState } from "../../src/logs/hfTrainerState";
import { readLightningCsv } from "../../src/logs/lightningCsv";
import { readMmengineLog } from "../../src/logs/mmengine";
import { isLrTag } from "../../src/logs/runLog";
import { decodeEvent, readTensorBoard, readTfRecords } from "../../src/logs/tensorboard";
import { readTimmSummary } from "../../src/logs/timmSummary";
import { readUltralyticsResults } from "../../src/logs/ultralytics";
import { fileVersionEvent, scalarEvent, tensorScalarEvent, tfrecords } from "./tfeventsWriter";

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

void describe("crc32c", () => {
  void it("matches the RFC 3720 check values", () => {
    assert.equal(crc32c(bytes("123456789")), 0xe3069283);
    assert.equal(crc32c(new Uint8Array(32)), 0x8a9136aa);
    assert.equal(crc32c(new Uint8Array(32).fill(0xff)), 0x62a8ab43);
  });
  void it("masks as TensorFlow does", () => {
    const crc = crc32c(bytes("123456789"));
    assert.equal(maskedCrc32c(bytes("123456789")), ((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) >>> 0);
  });
});

void describe("Hugging Face trainer_state.json", () => {
  // As TrainerState.save_to_json writes it: json.dumps(indent=2, sort_keys=True), Python float reprs.
  const state = `{
  "best_metric": null,
  "best_model_checkpoint": null,
  "epoch": 2.0,
  "eval_steps": 500,
  "global_step": 40,
  "is_hyper_param_search": false,
  "is_local_process_zero": true,
  "is_world_process_zero": true,
  "log_history": [
    {
      "epoch": 0.5,
      "grad_norm": 1.8817,
      "learning_rate": 5e-05,
      "loss": 2.31,
      "step": 10
    },
    {
      "epoch": 1.0,
      "grad_norm": 1.51,
      "learning_rate": 3.75e-05,
      "loss": 2.02,
      "step": 20
    },
    {
      "epoch": 1.0,
      "eval_loss": 1.9,
      "eval_runtime": 0.5,
      "step": 20
    },
    {
      "epoch": 2.0,
      "step": 40,
      "total_flos": 12345.0,
      "train_loss": 1.8,
      "train_runtime": 12.3
    }
  ],
  "logging_steps": 10,
  "max_steps": 40,
  "num_input_tokens_seen": 0,
  "num_train_epochs": 2,
  "save_steps": 500,
  "total_flos": 12345.0,
  "train_batch_size": 8,
  "trial_name": null,
  "trial_params": null
}
`;
  void it("reads learning_rate by step, as the tick before (logged before the scheduler step)", () => {
    const log = readHfTrainerState("out/trainer_state.json", state);
    assert.equal(log.unit, "step");
    assert.deepEqual(log.series, [{ tag: "learning_rate", points: [[9, 5e-5], [19, 3.75e-5]] }]);
    assert.equal(log.stepsPerEpoch, 20);
    assert.equal(log.total, 40);
    assert.deepEqual(log.problems, []);
  });
  void it("errors are values", () => {
    assert.equal(readHfTrainerState("t.json", "{").problems[0]!.code, "log-unreadable");
    assert.equal(readHfTrainerState("t.json", "{}").problems[0]!.code, "log-unreadable");
    assert.equal(readHfTrainerState("t.json", `{"log_history": []}`).problems[0]!.code, "log-no-lr");
  });
});

void describe("Lightning metrics.csv", () => {
  // CSVLogger: sorted keys, a row per log_metrics call; LearningRateMonitor rows have no epoch.
  const csv = ["epoch,lr-SGD,lr-SGD-momentum,lr-SGD/pg1,step,train_loss", ",0.1,0.9,0.01,0,", "0,,,,9,2.3", ",0.095,0.9,0.0095,10,", "0,,,,19,2.1", ",0.081,0.9,0.0081,20,", ""].join("\n");
  void it("reads lr-* columns by step, not momentum", () => {
    const log = readLightningCsv("lightning_logs/version_0/metrics.csv", csv);
    assert.equal(log.unit, "step");
    assert.deepEqual(
      log.series.map((s) => [s.tag, s.points]),
      [
        ["lr-SGD", [[0, 0.1], [10, 0.095], [20, 0.081]]],
        ["lr-SGD/pg1", [[0, 0.01], [10, 0.0095], [20, 0.0081]]],
      ],
    );
    assert.deepEqual(log.problems, []);
  });
  void it("a bad cell is a problem with its line", () => {
    const log = readLightningCsv("metrics.csv", "lr-Adam,step\n0.1,0\nnan?,1\r\n0.2,2\r\n");
    assert.deepEqual(log.series[0]!.points, [[0, 0.1], [2, 0.2]]);
    assert.equal(log.problems[0]!.range?.startLine, 2);
  });
  void it("no lr column: a warning", () => {
    assert.equal(readLightningCsv("metrics.csv", "epoch,step,loss\n0,1,2\n").problems[0]!.code, "log-no-lr");
  });
});

void describe("MMEngine scalars.json and log.json", () => {
  // LocalVisBackend.add_scalars: json.dumps of the tag dict plus `step`, one object per line (epoch-based: iter within the epoch).
  const scalars = [
    `{"lr": 0.0002, "data_time": 0.01, "loss": 2.1, "time": 0.3, "epoch": 1, "iter": 50, "memory": 3000, "step": 50}`,
    `{"lr": 0.02, "data_time": 0.01, "loss": 1.9, "time": 0.3, "epoch": 1, "iter": 100, "memory": 3000, "step": 100}`,
    `{"coco/bbox_mAP": 0.1, "data_time": 0.02, "time": 0.1, "step": 1}`,
    `{"base_lr": 0.02, "lr": 0.02, "data_time": 0.01, "loss": 1.5, "time": 0.3, "epoch": 2, "iter": 30, "memory": 3000, "step": 150}`,
    `{"lr": 0.02, "data_time": 0.01, "loss": 1.4, "tim`,
    "",
  ].join("\n");
  void it("reads lr by step - 1 and the epoch length from step and iter", () => {
    const log = readMmengineLog("work_dirs/x/20240101_120000/vis_data/scalars.json", scalars);
    assert.equal(log.unit, "step");
    assert.deepEqual(log.series, [{ tag: "lr", points: [[49, 0.0002], [99, 0.02], [149, 0.02]] }]);
    assert.equal(log.stepsPerEpoch, 120);
    assert.deepEqual(log.problems.map((p) => [p.code, p.range?.startLine]), [["log-bad-row", 4]]);
  });
  // mmcv 1.x TextLoggerHook: env_info first, `mode`, inner `iter` for EpochBasedRunner, no step.
  const legacy = [
    `{"env_info": "sys.platform: linux", "config": "...", "seed": 0, "exp_name": "faster_rcnn.py"}`,
    `{"mode": "train", "epoch": 1, "iter": 50, "lr": 0.00198, "memory": 3000, "data_time": 0.1, "loss": 1.0, "time": 0.5}`,
    `{"mode": "train", "epoch": 1, "iter": 100, "lr": 0.00398, "memory": 3000, "data_time": 0.1, "loss": 1.0, "time": 0.5}`,
    `{"mode": "val", "epoch": 1, "iter": 125, "lr": 0.00398, "bbox_mAP": 0.1}`,
    `{"mode": "train", "epoch": 2, "iter": 50, "lr": 0.02, "memory": 3000, "data_time": 0.1, "loss": 1.0, "time": 0.5}`,
  ].join("\n");
  void it("mmcv 1.x by epoch needs the epoch length, then places points", () => {
    const without = readMmengineLog("20200101_000000.log.json", legacy);
    assert.deepEqual(without.series, []);
    assert.equal(without.problems[0]!.code, "log-needs-steps-per-epoch");
    const log = readMmengineLog("20200101_000000.log.json", legacy, { stepsPerEpoch: 125 });
    assert.deepEqual(log.series, [{ tag: "lr", points: [[49, 0.00198], [99, 0.00398], [174, 0.02]] }]);
    assert.equal(log.stepsPerEpoch, 125);
  });
  void it("mmcv 1.x IterBasedRunner: iter is global", () => {
    const log = readMmengineLog("x.log.json", `{"mode": "train", "iter": 50, "lr": 0.01}\n{"mode": "train", "iter": 100, "lr": {"generator": 0.001, "discriminator": 0.002}}\n`);
    assert.deepEqual(log.series, [
      { tag: "lr", points: [[49, 0.01]] },
      { tag: "lr/generator", points: [[99, 0.001]] },
      { tag: "lr/discriminator", points: [[99, 0.002]] },
    ]);
  });
});

void describe("Ultralytics results.csv", () => {
  // 8.0/8.1: `%23s` headers and `%23.5g` values; the first epoch is 1.
  const pad = (cells: readonly (string | number)[]): string => cells.map((c) => String(c).padStart(23)).join(",");
  const csv = [pad(["epoch", "train/box_loss", "metrics/mAP50(B)", "lr/pg0", "lr/pg1", "lr/pg2"]), pad([1, 1.2345, 0.1, 0.00066, 0.00066, 0.09406]), pad([2, 1.1, 0.2, 0.0012879, 0.0012879, 0.083879]), ""].join("\n");
  void it("reads lr/pg0..2 per 0-based epoch, read at the epoch's end", () => {
    const log = readUltralyticsResults("runs/detect/train/results.csv", csv);
    assert.equal(log.unit, "epoch");
    assert.equal(log.at, "end");
    assert.deepEqual(log.series.map((s) => s.tag), ["lr/pg0", "lr/pg1", "lr/pg2"]);
    assert.deepEqual(log.series[0]!.points, [[0, 0.00066], [1, 0.0012879]]);
    assert.deepEqual(log.series[2]!.points, [[0, 0.09406], [1, 0.083879]]);
  });
  void it("8.0's x/lr0 columns and 8.3's unpadded ones", () => {
    assert.deepEqual(readUltralyticsResults("results.csv", "epoch,x/lr0\n1,0.01\n").series[0], { tag: "x/lr0", points: [[0, 0.01]] });
    assert.deepEqual(readUltralyticsResults("results.csv", "epoch,time,lr/pg0\n1,12.5,0.01\n2,25,0.0099\n").series[0]!.points, [[0, 0.01], [1, 0.0099]]);
  });
});

void describe("timm summary.csv", () => {
  // update_summary: csv.DictWriter over OrderedDict(epoch, train_*, eval_*, lr).
  const csv = "epoch,train_loss,eval_loss,eval_top1,eval_top5,lr\r\n0,6.91,6.90,0.1,0.5,1e-06\r\n1,6.80,6.70,0.3,1.2,0.0002008\r\n";
  void it("reads lr per 0-based epoch", () => {
    const log = readTimmSummary("output/train/20240101-resnet50/summary.csv", csv);
    assert.equal(log.unit, "epoch");
    assert.deepEqual(log.series, [{ tag: "lr", points: [[0, 1e-6], [1, 0.0002008]] }]);
    assert.deepEqual(log.problems, []);
  });
  void it("old timm without lr: a warning", () => {
    assert.equal(readTimmSummary("summary.csv", "epoch,train_loss\n0,1\n").problems[0]!.code, "log-no-lr");
  });
});

void describe("TensorBoard event files", () => {
  const file = tfrecords([
    fileVersionEvent(1700000000.5),
    scalarEvent(1700000001, 0, "lr", 0.1),
    scalarEvent(1700000001, 0, "loss", 2.5),
    scalarEvent(1700000002, 100, "lr", 0.05),
    tensorScalarEvent(1700000003, 200, "train/learning_rate", 0.025),
    scalarEvent(1700000004, 2 ** 40, "lr-AdamW", 1e-4),
  ]);
  void it("frames records and checks both CRCs", () => {
    const { records, problems } = readTfRecords(file);
    assert.equal(records.length, 6);
    assert.deepEqual(problems, []);
  });
  void it("decodes scalar events (simple_value and TF2 tensors) and keeps the LR tags", () => {
    assert.deepEqual(decodeEvent(Uint8Array.from(scalarEvent(5.25, 7, "loss", 1.5))), [{ step: 7, wallTime: 5.25, tag: "loss", value: 1.5 }]);
    const log = readTensorBoard("runs/exp/events.out.tfevents.1700000000.host.1.0", file);
    assert.equal(log.unit, "step");
    assert.deepEqual(log.series, [
      { tag: "lr", points: [[0, Math.fround(0.1)], [100, Math.fround(0.05)]] },
      { tag: "train/learning_rate", points: [[200, Math.fround(0.025)]] },
      { tag: "lr-AdamW", points: [[2 ** 40, Math.fround(1e-4)]] },
    ]);
    assert.deepEqual(log.problems, []);
  });
  void it("a flipped byte is caught by the data CRC; a truncated file keeps what came before", () => {
    const bad = file.slice();
    bad[bad.length - 10]! ^= 0xff;
    const log = readTensorBoard("events.out.tfevents.1", bad);
    assert.equal(log.series.find((s) => s.tag === "lr-AdamW"), undefined);
    assert.match(log.problems[0]!.message, /CRC does not match/);
    const cut = readTensorBoard("events.out.tfevents.1", file.subarray(0, file.length - 3));
    assert.deepEqual(cut.series[0]!.points.length, 2);
    assert.match(cut.problems[0]!.message, /cut short/);
    assert.match(readTensorBoard("events.out.tfevents.1", bytes("not a tfrecord file at all")).problems[0]!.message, /length's CRC/);
  });
});

void describe("dispatch", () => {
  void it("knows formats by name and never throws", () => {
    assert.equal(logFormatOf("a/b/events.out.tfevents.1.host"), "tensorboard");
    assert.equal(logFormatOf("vis_data/scalars.json"), "mmengine-json");
    assert.equal(logFormatOf("work_dirs/x/20240101_120000/20240101_120000.json"), "mmengine-json");
    assert.equal(logFormatOf("config.json"), undefined);
    assert.equal(readRunLog("trainer_state.json", bytes("\u0000"))?.problems[0]?.code, "log-unreadable");
    assert.equal(readRunLog("notes.txt", bytes("")), undefined);
  });
  void it("tells LR tags", () => {
    for (const t of ["lr", "learning_rate", "train/learning_rate", "lr-AdamW/pg1", "lr/pg0", "x/lr0", "epoch_learning_rate", "train/lr"]) assert.ok(isLrTag(t), t);
    for (const t of ["loss", "lr-SGD-momentum", "base_lr", "clr_loss", "lrn"]) assert.ok(!isLrTag(t), t);
  });
});
