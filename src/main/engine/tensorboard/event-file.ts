import { closeSync, openSync, writeSync } from 'node:fs';
import { makeFoldersSync } from '../../files/make-folders';
import { hostname } from 'node:os';
import { join } from 'node:path';
import protobuf from 'protobufjs/light';
import { maskedCrc32c } from './crc32c';
import { TENSORBOARD_PROTO_DESCRIPTOR } from './event-proto.generated';

/**
 * TensorBoard event files written without TensorFlow (tfjs-node's summary writer needs
 * libtensorflow): TFRecord framing of `tensorboard.Event` protos encoded by protobufjs from the
 * official schema subset in event.proto. Writes are synchronous appends of whole records, for the
 * trainer process or the command line; never call this on Electron main's event loop.
 */

const root = protobuf.Root.fromJSON(TENSORBOARD_PROTO_DESCRIPTOR);
const EventType = root.lookupType('tensorboard.Event');

/** The `file_version` of the first record of every event file (TensorBoard's current version). */
export const EVENT_FILE_VERSION = 'brain.Event:2';

/** One event: seconds since the Unix epoch, a step, and either the file version or scalar summaries. */
export interface TensorBoardEvent {
  wallTime: number;
  step: number;
  fileVersion?: string;
  /** Scalars as `Summary.Value { tag, simple_value }` (float32 in the file). */
  scalars?: { tag: string; value: number }[];
  /**
   * A plugin's summary: `Summary.Value { tag, metadata { plugin_data { plugin_name, content } } }`
   * with the empty float tensor TensorBoard's own plugin summaries carry (hparams' `_TF_NULL_TENSOR`).
   */
  plugin?: { tag: string; pluginName: string; content: Uint8Array };
}

/** The protobuf bytes of a `tensorboard.Event`. */
export function encodeEvent(event: TensorBoardEvent): Uint8Array {
  const message: Record<string, unknown> = { wall_time: event.wallTime, step: event.step };
  if (event.fileVersion !== undefined) message.file_version = event.fileVersion;
  if (event.scalars) message.summary = { value: event.scalars.map((s) => ({ tag: s.tag, simple_value: s.value })) };
  if (event.plugin) {
    const { tag, pluginName, content } = event.plugin;
    message.summary = { value: [{ tag, metadata: { plugin_data: { plugin_name: pluginName, content } }, tensor: { dtype: 'DT_FLOAT', tensor_shape: { dim: [{}] } } }] };
  }
  return EventType.encode(EventType.fromObject(message)).finish();
}

/** The `tensorboard.Event` in protobuf `bytes` (for tests and tools). */
export function decodeEvent(bytes: Uint8Array): TensorBoardEvent {
  const o = EventType.toObject(EventType.decode(bytes), { longs: Number, oneofs: true }) as { wall_time?: number; step?: number; file_version?: string; summary?: { value?: { tag: string; simple_value?: number }[] } };
  return {
    wallTime: o.wall_time ?? 0,
    step: o.step ?? 0,
    ...(o.file_version !== undefined ? { fileVersion: o.file_version } : {}),
    ...(o.summary ? { scalars: (o.summary.value ?? []).map((v) => ({ tag: v.tag, value: v.simple_value ?? 0 })) } : {}),
  };
}

/**
 * One TFRecord: uint64 little-endian data length, masked CRC-32C of those 8 bytes, the data, masked
 * CRC-32C of the data (tensorflow/core/lib/io/record_writer.cc).
 */
export function frameRecord(data: Uint8Array): Buffer {
  const out = Buffer.alloc(8 + 4 + data.length + 4);
  out.writeBigUInt64LE(BigInt(data.length), 0);
  out.writeUInt32LE(maskedCrc32c(out.subarray(0, 8)), 8);
  out.set(data, 12);
  out.writeUInt32LE(maskedCrc32c(data), 12 + data.length);
  return out;
}

let fileCount = 0;

/**
 * An event file in `dir` (created with its parents), named as TensorFlow names them:
 * `events.out.tfevents.<seconds>.<hostname>.<pid>.<n>`. The file-version record is written on
 * creation; `addScalars` buffers, `flush` appends the buffered records whole; `close` flushes.
 * Errors (a directory that cannot be created or written) are thrown as the file system's, with the path.
 */
export class EventFileWriter {
  readonly path: string;
  private fd: number | null;
  private pending: Buffer[] = [];

  constructor(dir: string, now: () => number = Date.now) {
    this.now = now;
    makeFoldersSync(dir);
    const seconds = Math.floor(now() / 1000);
    this.path = join(dir, `events.out.tfevents.${seconds}.${hostname()}.${process.pid}.${fileCount++}`);
    this.fd = openSync(this.path, 'wx');
    this.pending.push(frameRecord(encodeEvent({ wallTime: now() / 1000, step: 0, fileVersion: EVENT_FILE_VERSION })));
    this.flush();
  }

  private readonly now: () => number;

  /** Buffers one event holding `scalars` at `step` (wall time now). */
  addScalars(step: number, scalars: { tag: string; value: number }[]): void {
    if (scalars.length === 0) return;
    this.pending.push(frameRecord(encodeEvent({ wallTime: this.now() / 1000, step, scalars })));
  }

  /** Buffers one plugin summary (see `TensorBoardEvent.plugin`) at `step`. */
  addPluginSummary(step: number, plugin: NonNullable<TensorBoardEvent['plugin']>): void {
    this.pending.push(frameRecord(encodeEvent({ wallTime: this.now() / 1000, step, plugin })));
  }

  /** Appends the buffered records to the file. */
  flush(): void {
    if (this.fd === null || this.pending.length === 0) return;
    const bytes = Buffer.concat(this.pending);
    this.pending = [];
    let written = 0;
    while (written < bytes.length) written += writeSync(this.fd, bytes, written, bytes.length - written);
  }

  close(): void {
    if (this.fd === null) return;
    this.flush();
    closeSync(this.fd);
    this.fd = null;
  }
}
