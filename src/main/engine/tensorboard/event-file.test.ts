import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { crc32c, maskedCrc32c } from './crc32c';
import { decodeEvent, EVENT_FILE_VERSION, EventFileWriter, frameRecord } from './event-file';
import { TENSORBOARD_PROTO_DESCRIPTOR } from './event-proto.generated';
import { KerasRunLog } from './keras-run-log';

/** A TFRecord reader written from the format's description, independent of the writer: checks both CRCs. */
function readRecords(bytes: Buffer): Buffer[] {
  const records: Buffer[] = [];
  let at = 0;
  while (at < bytes.length) {
    const length = Number(bytes.readBigUInt64LE(at));
    expect(bytes.readUInt32LE(at + 8)).toBe(maskedCrc32c(bytes.subarray(at, at + 8)));
    const data = bytes.subarray(at + 12, at + 12 + length);
    expect(bytes.readUInt32LE(at + 12 + length)).toBe(maskedCrc32c(data));
    records.push(data);
    at += 12 + length + 4;
  }
  expect(at).toBe(bytes.length);
  return records;
}

describe('CRC-32C', () => {
  it('gives the published check values', () => {
    // The CRC catalogue's check value for CRC-32/ISCSI, and RFC 3720 §B.4's vectors.
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa);
    expect(crc32c(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, i) => i))).toBe(0x46dd794e);
    expect(crc32c(new Uint8Array(0))).toBe(0);
  });

  it("masks as TensorFlow's crc32c::Mask does", () => {
    // Mask(crc) = ((crc >> 15) | (crc << 17)) + 0xa282ead8 (mod 2^32), worked by hand for 0xe3069283.
    const crc = 0xe3069283;
    const expected = (((crc >>> 15) | ((crc << 17) >>> 0)) + 0xa282ead8) % 2 ** 32;
    expect(maskedCrc32c(Buffer.from('123456789'))).toBe(expected);
    expect(maskedCrc32c(new Uint8Array(0))).toBe(0xa282ead8);
  });
});

describe('TFRecord framing of events', () => {
  it('frames data as length, masked CRC of the length, data, masked CRC of the data', () => {
    const data = Buffer.from('hello');
    const framed = frameRecord(data);
    expect(framed.length).toBe(8 + 4 + 5 + 4);
    expect(framed.readBigUInt64LE(0)).toBe(5n);
    expect(readRecords(framed)).toEqual([data]);
  });

  it('writes a file whose first record is the file version, then the scalars as written', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'neurite-tb-')), 'run', 'train');
    let clock = 1_700_000_000_500;
    const writer = new EventFileWriter(dir, () => clock);
    clock += 1000;
    writer.addScalars(3, [{ tag: 'epoch_loss', value: 0.1 }, { tag: 'epoch_accuracy', value: 0.75 }]);
    writer.close();
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^events\.out\.tfevents\.1700000000\.[^.]+(\.[^.]+)*\.\d+\.\d+$/);
    const events = readRecords(readFileSync(join(dir, files[0]))).map((r) => decodeEvent(r));
    expect(events[0]).toEqual({ wallTime: 1_700_000_000.5, step: 0, fileVersion: EVENT_FILE_VERSION });
    expect(events[1].wallTime).toBe(1_700_000_001.5);
    expect(events[1].step).toBe(3);
    expect(events[1].scalars).toEqual([
      { tag: 'epoch_loss', value: Math.fround(0.1) },
      { tag: 'epoch_accuracy', value: 0.75 },
    ]);
  });

  it("lays a run out as Keras does: train/epoch_x, validation/epoch_x for val_x, Keras' metric names (tfjs' acc is accuracy), batch_loss at the global batch", () => {
    const runDir = join(mkdtempSync(join(tmpdir(), 'neurite-tb-')), 'run');
    const log = new KerasRunLog(runDir);
    log.setBatchesPerEpoch(4);
    log.addProgress({ batches: [{ epoch: 1, batch: 2, loss: 0.5 }], epochs: [{ epoch: 1, logs: { loss: 0.25, acc: 0.5, val_loss: 0.375, val_acc: 0.75 }, durationMs: 1 }] });
    log.close();
    const read = (sub: string) => readRecords(readFileSync(join(runDir, sub, readdirSync(join(runDir, sub))[0]))).map((r) => decodeEvent(r));
    expect(read('train').slice(1).map((e) => [e.step, e.scalars])).toEqual([
      [6, [{ tag: 'batch_loss', value: 0.5 }]],
      [1, [{ tag: 'epoch_loss', value: 0.25 }, { tag: 'epoch_accuracy', value: 0.5 }]],
    ]);
    expect(read('validation').slice(1).map((e) => [e.step, e.scalars])).toEqual([[1, [{ tag: 'epoch_loss', value: 0.375 }, { tag: 'epoch_accuracy', value: 0.75 }]]]);
  });
});

describe('the TensorBoard protobuf definition', () => {
  it('is the descriptor of the committed event.proto and hparams.proto (regenerate with node scripts/gen-tensorboard-proto.mjs)', () => {
    const root = new protobuf.Root();
    for (const file of ['event.proto', 'hparams.proto']) {
      const proto = readFileSync(join(__dirname, file), 'utf8');
      expect(proto).toContain('Apache-2.0');
      protobuf.parse(proto, root, { keepCase: true });
    }
    const parsed = JSON.parse(JSON.stringify(root.toJSON())) as unknown;
    expect(parsed).toEqual(JSON.parse(JSON.stringify(TENSORBOARD_PROTO_DESCRIPTOR)));
  });
});
