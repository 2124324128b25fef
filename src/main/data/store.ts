import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CsvParseConfig, CsvParsed } from '../../shared/data/csv';

/**
 * Main's store of imported CSV data. `files/<sha256>.csv` keeps uploaded files (the browser host
 * has no other copy), `parsed/<key>.bin` caches the parsed Float32 rows so training never parses
 * twice. Main and the trainer process find it through NEURITE_DATA_DIR (inherited by the child).
 */
export function dataDir(): string {
  return process.env.NEURITE_DATA_DIR || join(tmpdir(), 'neurite-data');
}

export function storedFilePath(dir: string, sha256: string): string {
  return join(dir, 'files', `${sha256}.csv`);
}

/** Where a file picked in the desktop dialog came from, kept in this computer's data folder (never in the project). */
export function sourceNotePath(dir: string, sha256: string): string {
  return join(dir, 'sources', `${sha256}.path`);
}

/** Everything that decides the parsed rows (not normalisation or label encoding, applied at load). */
export function parseKey(spec: CsvParseConfig & { file: { sha256: string } }): string {
  const canonical = JSON.stringify([
    spec.file.sha256,
    spec.delimiter,
    spec.header,
    spec.columns.map((c) => [c.name, c.type, c.role]),
    spec.oneHotFeatures,
  ]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 40);
}

const MAGIC = 'NRCSV1\n\0';

export type ParsedRows = Pick<CsvParsed, 'rows' | 'x' | 'labels' | 'labelColumns'>;

function cachePath(dir: string, key: string): string {
  return join(dir, 'parsed', `${key}.bin`);
}

/** Layout: magic (8 bytes), u32 rows, u32 features, u32 label columns, u32 0, then x and labels as little-endian float32. */
export function writeParsedCache(dir: string, key: string, parsed: ParsedRows): void {
  mkdirSync(join(dir, 'parsed'), { recursive: true });
  const features = parsed.rows === 0 ? 0 : parsed.x.length / parsed.rows;
  const head = Buffer.alloc(24);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(parsed.rows, 8);
  head.writeUInt32LE(features, 12);
  head.writeUInt32LE(parsed.labelColumns, 16);
  const target = cachePath(dir, key);
  const temp = `${target}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    writeAll(fd, head);
    writeAll(fd, Buffer.from(parsed.x.buffer, parsed.x.byteOffset, parsed.x.byteLength));
    writeAll(fd, Buffer.from(parsed.labels.buffer, parsed.labels.byteOffset, parsed.labels.byteLength));
  } finally {
    closeSync(fd);
  }
  // Rename is atomic: a reader never sees half a cache file.
  renameSync(temp, target);
}

function writeAll(fd: number, buffer: Buffer): void {
  writeFileSync(fd, buffer);
}

/** Reads a cached parse, or null when there is none (or it is damaged). `maxRows` reads only the first rows. */
export function readParsedCache(dir: string, key: string, maxRows = Infinity): ParsedRows | null {
  const path = cachePath(dir, key);
  if (!existsSync(path)) return null;
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(24);
    if (readSync(fd, head, 0, 24, 0) !== 24 || head.toString('latin1', 0, 8) !== MAGIC) return null;
    const rows = head.readUInt32LE(8);
    const features = head.readUInt32LE(12);
    const labelColumns = head.readUInt32LE(16);
    if (statSync(path).size !== 24 + 4 * rows * (features + labelColumns)) return null;
    const take = Math.min(rows, maxRows);
    const x = new Float32Array(take * features);
    const labels = new Float32Array(take * labelColumns);
    readExactly(fd, x, 24);
    readExactly(fd, labels, 24 + 4 * rows * features);
    return { rows: take, x, labels, labelColumns };
  } finally {
    closeSync(fd);
  }
}

function readExactly(fd: number, into: Float32Array, position: number): void {
  const view = Buffer.from(into.buffer, into.byteOffset, into.byteLength);
  let done = 0;
  while (done < view.length) {
    const n = readSync(fd, view, done, Math.min(view.length - done, 1 << 30), position + done);
    if (n === 0) throw new Error('The cached CSV rows ended early.');
    done += n;
  }
}

/** The text of a file if it is a regular file whose size and sha256 match; null otherwise. */
export function readVerifiedFile(path: string | undefined, file: { size: number; sha256: string }): string | null {
  if (!path) return null;
  try {
    const info = statSync(path);
    if (!info.isFile() || info.size !== file.size) return null;
    const bytes = readFileSync(path);
    if (createHash('sha256').update(bytes).digest('hex') !== file.sha256) return null;
    return bytes.toString('utf8');
  } catch {
    return null;
  }
}
