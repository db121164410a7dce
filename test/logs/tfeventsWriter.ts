// A minimal TensorBoard event writer for tests, byte for byte what tensorboard's EventFileWriter writes:
// TFRecord framing (tensorflow/core/lib/io/record_writer.cc) with masked CRC-32C, and Event protos encoded in
// field order as protobuf's serializer does (event.proto, summary.proto).
import { maskedCrc32c } from "../../src/logs/crc32c";

function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 128) {
    out.push((n % 128) | 128);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}
const key = (field: number, wire: number): number[] => varint(field * 8 + wire);
const lengthDelimited = (field: number, bytes: readonly number[]): number[] => [...key(field, 2), ...varint(bytes.length), ...bytes];
function f64(x: number): number[] {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setFloat64(0, x, true);
  return [...b];
}
function f32(x: number): number[] {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setFloat32(0, x, true);
  return [...b];
}

/** `Event{wall_time, file_version}`: the first record of every event file. */
export function fileVersionEvent(wallTime: number): number[] {
  return [...key(1, 1), ...f64(wallTime), ...lengthDelimited(3, [..."brain.Event:2"].map((c) => c.charCodeAt(0)))];
}

/** `Event{wall_time, step, summary{value{tag, simple_value}}}` as torch.utils.tensorboard's add_scalar writes. */
export function scalarEvent(wallTime: number, step: number, tag: string, value: number): number[] {
  const v = [...lengthDelimited(1, [...new TextEncoder().encode(tag)]), ...key(2, 5), ...f32(value)];
  return [...key(1, 1), ...f64(wallTime), ...(step !== 0 ? [...key(2, 0), ...varint(step)] : []), ...lengthDelimited(5, lengthDelimited(1, v))];
}

/** TF2 `tf.summary.scalar`: the value as a DT_FLOAT TensorProto with a packed `float_val` (and plugin metadata). */
export function tensorScalarEvent(wallTime: number, step: number, tag: string, value: number): number[] {
  const metadata = lengthDelimited(1, lengthDelimited(1, [..."scalars"].map((c) => c.charCodeAt(0)))); // SummaryMetadata{plugin_data{plugin_name}}
  const tensor = [...key(1, 0), ...varint(1), ...lengthDelimited(2, []), ...lengthDelimited(5, f32(value))];
  const v = [...lengthDelimited(1, [...new TextEncoder().encode(tag)]), ...lengthDelimited(8, tensor), ...lengthDelimited(9, metadata)];
  return [...key(1, 1), ...f64(wallTime), ...key(2, 0), ...varint(step), ...lengthDelimited(5, lengthDelimited(1, v))];
}

/** Frames serialized events as TFRecords. */
export function tfrecords(events: readonly (readonly number[])[]): Uint8Array {
  const parts: number[] = [];
  for (const e of events) {
    const header = new Uint8Array(8);
    const view = new DataView(header.buffer);
    view.setUint32(0, e.length, true);
    view.setUint32(4, 0, true);
    const data = Uint8Array.from(e);
    const crcs = new Uint8Array(8);
    new DataView(crcs.buffer).setUint32(0, maskedCrc32c(header), true);
    new DataView(crcs.buffer).setUint32(4, maskedCrc32c(data), true);
    parts.push(...header, ...crcs.subarray(0, 4), ...data, ...crcs.subarray(4, 8));
  }
  return Uint8Array.from(parts);
}
