// TensorBoard event files (`events.out.tfevents.*`), read without TensorFlow. No maintained npm package
// reads them (`@roboflow/tfrecords` frames records but has no Event decoding; protobufjs would be a runtime
// dependency for three messages), so this is a small reader of the two formats involved:
//  - TFRecord framing (tensorflow/core/lib/io/record_writer.cc): uint64 length (little-endian), masked
//    CRC-32C of those 8 bytes, `length` bytes of data, masked CRC-32C of the data;
//  - protobuf wire format of tensorflow/core/util/event.proto and framework/summary.proto:
//    Event { double wall_time = 1; int64 step = 2; Summary summary = 5; }
//    Summary { repeated Value value = 1; }  Value { string tag = 1; float simple_value = 2; TensorProto tensor = 8; }
//    TensorProto { DataType dtype = 1; bytes tensor_content = 4; repeated float float_val = 5 [packed];
//                  repeated double double_val = 6 [packed]; }  (DT_FLOAT = 1, DT_DOUBLE = 2)
import type { Problem } from "../core/problem";
import { maskedCrc32c } from "./crc32c";
import { baseName, isLrTag, seriesOf, type LogPoint, type RunLog } from "./runLog";

export interface ScalarEvent {
  readonly step: number;
  readonly wallTime: number;
  readonly tag: string;
  readonly value: number;
}

/** The data of each record, and a problem for a bad CRC or a record cut short (a run still writing). */
export function readTfRecords(bytes: Uint8Array): { readonly records: readonly Uint8Array[]; readonly problems: readonly string[] } {
  const records: Uint8Array[] = [];
  const problems: string[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  while (at < bytes.length) {
    if (bytes.length - at < 12) {
      problems.push(`record at byte ${at} is cut short`);
      break;
    }
    const length = view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32;
    if (view.getUint32(at + 8, true) !== maskedCrc32c(bytes, at, at + 8)) {
      problems.push(`record at byte ${at}: the length's CRC does not match (not a TFRecord file, or corrupt)`);
      break;
    }
    const start = at + 12;
    if (length > bytes.length - start - 4) {
      problems.push(`record at byte ${at} is cut short`);
      break;
    }
    const end = start + length;
    if (view.getUint32(end, true) !== maskedCrc32c(bytes, start, end)) problems.push(`record at byte ${at}: the data's CRC does not match; skipped`);
    else records.push(bytes.subarray(start, end));
    at = end + 4;
  }
  return { records, problems };
}

/** A protobuf field: its number, wire type and value (a number for varint/fixed, a byte range for length-delimited). */
interface Field {
  readonly field: number;
  readonly wire: number;
  readonly int?: number;
  readonly fixed64?: DataView;
  readonly fixed32?: DataView;
  readonly bytes?: Uint8Array;
}

class Reader {
  private at = 0;
  private readonly view: DataView;
  constructor(private readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  /** Varints up to 2^53 exactly (steps beyond are not training runs). */
  varint(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.at >= this.buf.length) throw new Error("varint cut short");
      const b = this.buf[this.at++]!;
      result += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return result;
      scale *= 128;
    }
    throw new Error("varint too long");
  }
  fields(): Field[] {
    const out: Field[] = [];
    while (this.at < this.buf.length) {
      const key = this.varint();
      const field = Math.floor(key / 8);
      const wire = key & 7;
      switch (wire) {
        case 0:
          out.push({ field, wire, int: this.varint() });
          break;
        case 1:
          if (this.at + 8 > this.buf.length) throw new Error("fixed64 cut short");
          out.push({ field, wire, fixed64: new DataView(this.view.buffer, this.view.byteOffset + this.at, 8) });
          this.at += 8;
          break;
        case 2: {
          const length = this.varint();
          if (this.at + length > this.buf.length) throw new Error("field cut short");
          out.push({ field, wire, bytes: this.buf.subarray(this.at, this.at + length) });
          this.at += length;
          break;
        }
        case 5:
          if (this.at + 4 > this.buf.length) throw new Error("fixed32 cut short");
          out.push({ field, wire, fixed32: new DataView(this.view.buffer, this.view.byteOffset + this.at, 4) });
          this.at += 4;
          break;
        default:
          throw new Error(`wire type ${wire} is not read`);
      }
    }
    return out;
  }
}

const utf8 = new TextDecoder();

/** A TensorProto's single float or double, for TF2 `tf.summary.scalar` and `add_scalar(new_style=True)`. */
function tensorScalar(bytes: Uint8Array): number | undefined {
  let dtype = 0;
  let value: number | undefined;
  for (const f of new Reader(bytes).fields()) {
    if (f.field === 1 && f.int !== undefined) dtype = f.int;
    else if (f.field === 4 && f.bytes) {
      const v = new DataView(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength);
      if (dtype === 1 && f.bytes.length === 4) value = v.getFloat32(0, true);
      else if (dtype === 2 && f.bytes.length === 8) value = v.getFloat64(0, true);
    } else if (f.field === 5) {
      if (f.fixed32) value = f.fixed32.getFloat32(0, true);
      else if (f.bytes && f.bytes.length === 4) value = new DataView(f.bytes.buffer, f.bytes.byteOffset, 4).getFloat32(0, true);
    } else if (f.field === 6) {
      if (f.fixed64) value = f.fixed64.getFloat64(0, true);
      else if (f.bytes && f.bytes.length === 8) value = new DataView(f.bytes.buffer, f.bytes.byteOffset, 8).getFloat64(0, true);
    }
  }
  return value;
}

/** The scalar summaries of one serialized `Event` (none for file_version, graphs, images...). */
export function decodeEvent(bytes: Uint8Array): ScalarEvent[] {
  let step = 0;
  let wallTime = 0;
  const summaries: Uint8Array[] = [];
  for (const f of new Reader(bytes).fields()) {
    if (f.field === 1 && f.fixed64) wallTime = f.fixed64.getFloat64(0, true);
    else if (f.field === 2 && f.int !== undefined) step = f.int;
    else if (f.field === 5 && f.bytes) summaries.push(f.bytes);
  }
  const out: ScalarEvent[] = [];
  for (const summary of summaries) {
    for (const v of new Reader(summary).fields()) {
      if (v.field !== 1 || !v.bytes) continue;
      let tag = "";
      let value: number | undefined;
      for (const f of new Reader(v.bytes).fields()) {
        if (f.field === 1 && f.bytes) tag = utf8.decode(f.bytes);
        else if (f.field === 2 && f.fixed32) value = f.fixed32.getFloat32(0, true);
        else if (f.field === 8 && f.bytes) value ??= tensorScalar(f.bytes);
      }
      if (value !== undefined) out.push({ step, wallTime, tag, value });
    }
  }
  return out;
}

/**
 * The LR scalars of an event file: tags such as `lr`, `learning_rate`, `train/learning_rate` (HF),
 * `lr-AdamW` (Lightning), `epoch_learning_rate` (Keras). The x of a point is the writer's `global_step`,
 * which HF and Lightning set to the optimizer step; a script that passes the epoch gives epochs
 * (`compare.ts` tries both against a per-epoch plan).
 */
export function readTensorBoard(file: string, bytes: Uint8Array): RunLog {
  const source = { file, format: "tensorboard" as const };
  const problems: Problem[] = [];
  const { records, problems: framing } = readTfRecords(bytes);
  const say = (message: string): void => void problems.push({ severity: "warning", code: "log-bad-record", message: `${baseName(file)}: ${message}`, range: { file, startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 } });
  framing.forEach(say);
  const byTag = new Map<string, LogPoint[]>();
  records.forEach((record, i) => {
    try {
      for (const e of decodeEvent(record)) if (isLrTag(e.tag)) (byTag.get(e.tag) ?? byTag.set(e.tag, []).get(e.tag)!).push([e.step, e.value]);
    } catch (err) {
      say(`event ${i} is not a readable Event (${err instanceof Error ? err.message : String(err)}); skipped`);
    }
  });
  if (byTag.size === 0 && records.length > 0) problems.push({ severity: "info", code: "log-no-lr", message: `${baseName(file)} has no learning-rate scalar.` });
  return { source, unit: "step", series: seriesOf(byTag), problems };
}
