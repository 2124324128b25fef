import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { CsvParseConfig, CsvParsed } from '../../shared/data/csv';

/**
 * Main's store of imported CSV data. `files/<sha256>.csv` keeps uploaded files (the browser host
 * has no other copy), `parsed/<key>.bin` caches the parsed Float32 rows so training never parses
 * twice. Main and the trainer process find it through NEURITE_DATA_DIR (inherited by the child);
 * the command line, which has no app folder, uses the user's own cache folder.
 *
 * Cached rows are trusted only from a folder private to this user (issue 11, finding 4: a shared,
 * predictable temp folder let another local user plant training data or symlinks): see
 * `ensurePrivateDir`, exclusive creation in `writeParsedCache` and the checksum in `readParsedCache`.
 */
export function dataDir(): string {
  return process.env.NEURITE_DATA_DIR || join(userCacheDir(), 'neurite', 'data');
}

/**
 * The platform's per-user cache folder: `$XDG_CACHE_HOME` or `~/.cache` (Linux, XDG Base
 * Directory spec), `~/Library/Caches` (macOS), `%LOCALAPPDATA%` (Windows).
 */
export function userCacheDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  if (platform === 'win32') return env.LOCALAPPDATA || join(home, 'AppData', 'Local');
  if (platform === 'darwin') return join(home, 'Library', 'Caches');
  return env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.startsWith('/') ? env.XDG_CACHE_HOME : join(home, '.cache');
}

/** Thrown when a cache folder is not private to this user; callers then work without the cache. */
export class UnsafeCacheError extends Error {
  readonly code = 'unsafe-cache';
}

/**
 * Creates `dir` (mode 0700) if needed and checks it is a real folder (not a symlink) owned by
 * this user that no one else can write to; a folder of ours with loose permissions is tightened.
 * POSIX only: on Windows the per-user profile folder already carries the user's ACL.
 * @throws UnsafeCacheError naming the folder and what is wrong with it.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform === 'win32') return;
  const info = lstatSync(dir);
  if (info.isSymbolicLink() || !info.isDirectory()) throw new UnsafeCacheError(`The cache folder ${dir} is a link or not a folder; Neurite will not use it.`);
  const uid = process.getuid?.();
  if (uid !== undefined && info.uid !== uid) {
    throw new UnsafeCacheError(`The cache folder ${dir} belongs to another user (uid ${info.uid}); Neurite will not use it. Set NEURITE_DATA_DIR to a folder of your own.`);
  }
  if ((info.mode & 0o077) !== 0) chmodSync(dir, 0o700);
}

export function storedFilePath(dir: string, sha256: string): string {
  return join(dir, 'files', `${sha256}.csv`);
}

/** Where a file picked in the desktop dialog came from, kept in this computer's data folder (never in the project). */
export function sourceNotePath(dir: string, sha256: string): string {
  return join(dir, 'sources', `${sha256}.path`);
}

/** Everything that decides the parsed rows (not normalisation or label encoding, applied at load). */
export function parseKey(spec: CsvParseConfig & { file: { sha256: string }; sheet?: string }): string {
  const canonical = JSON.stringify([
    spec.file.sha256,
    spec.delimiter,
    spec.header,
    spec.columns.map((c) => [c.name, c.type, c.role, c.encoding ?? 'onehot', c.missing ?? null, c.missingIndicator === true]),
    spec.text ?? null,
    spec.numberFormat ?? null,
    // Issue 12 (xlsx): each sheet of one workbook parses to other rows; CSV keys are unchanged.
    ...(spec.sheet !== undefined ? [spec.sheet] : []),
  ]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 40);
}

/** Version 2 added the checksum; version 1 files are not trusted (they are parsed again). */
const MAGIC = 'NRCSV2\n\0';
const HEAD_BYTES = 24 + 32;

export type ParsedRows = Pick<CsvParsed, 'rows' | 'x' | 'labels' | 'labelColumns'>;

function cachePath(dir: string, key: string): string {
  return join(dir, 'parsed', `${key}.bin`);
}

/** sha256 over the key, the sizes and the rows: a cache file answers only for its own key and content. */
function checksum(key: string, sizes: Buffer, x: Float32Array, labels: Float32Array): Buffer {
  return createHash('sha256')
    .update(key)
    .update(sizes)
    .update(Buffer.from(x.buffer, x.byteOffset, x.byteLength))
    .update(Buffer.from(labels.buffer, labels.byteOffset, labels.byteLength))
    .digest();
}

/**
 * Layout: magic (8 bytes), u32 rows, u32 features, u32 label columns, u32 0, sha256 (32 bytes,
 * see `checksum`), then x and labels as little-endian float32. Written to a temp file created
 * exclusively (a planted file or symlink makes the write fail rather than be followed) in a
 * private folder, then renamed into place. `tempTag` names the temp file (`<key>.<tempTag>.tmp`)
 * so whoever stops the writer can delete it.
 */
export function writeParsedCache(dir: string, key: string, parsed: ParsedRows, tempTag: string = randomBytes(8).toString('hex')): void {
  ensurePrivateDir(dir);
  ensurePrivateDir(join(dir, 'parsed'));
  const features = parsed.rows === 0 ? 0 : parsed.x.length / parsed.rows;
  const head = Buffer.alloc(HEAD_BYTES);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(parsed.rows, 8);
  head.writeUInt32LE(features, 12);
  head.writeUInt32LE(parsed.labelColumns, 16);
  checksum(key, head.subarray(8, 24), parsed.x, parsed.labels).copy(head, 24);
  writePrivateFileAtomic(cachePath(dir, key), [head, Buffer.from(parsed.x.buffer, parsed.x.byteOffset, parsed.x.byteLength), Buffer.from(parsed.labels.buffer, parsed.labels.byteOffset, parsed.labels.byteLength)], tempTag);
}

/**
 * Writes `chunks` to `target` (in a folder the caller has made private with `ensurePrivateDir`)
 * through a temp file `<target>.<tempTag>.tmp` created exclusively (a planted file or symlink makes
 * the write fail rather than be followed), mode 0600, then renamed into place (atomic: a reader
 * never sees half a file). Shared by the parsed-CSV cache and the packed images (issue 14).
 */
export function writePrivateFileAtomic(target: string, chunks: readonly Buffer[], tempTag: string = randomBytes(8).toString('hex')): void {
  const temp = `${target}.${tempTag}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    try {
      for (const chunk of chunks) writeAll(fd, chunk);
    } finally {
      closeSync(fd);
    }
    // Rename is atomic: a reader never sees half a cache file.
    renameSync(temp, target);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // already renamed or gone
    }
    throw error;
  }
}

function writeAll(fd: number, buffer: Buffer): void {
  writeFileSync(fd, buffer);
}

/**
 * Reads a cached parse, or null when there is none, or it is damaged, from another version, not
 * a regular file (a symlink is not followed), in a folder that is not private, or its checksum
 * does not match its key and rows. `maxRows` reads only the first rows (the checksum is then
 * not checked: previews only, never training).
 */
export function readParsedCache(dir: string, key: string, maxRows = Infinity): ParsedRows | null {
  const path = cachePath(dir, key);
  let fd: number;
  try {
    ensurePrivateDir(join(dir, 'parsed'));
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch {
    return null;
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return null;
    const head = Buffer.alloc(HEAD_BYTES);
    if (readSync(fd, head, 0, HEAD_BYTES, 0) !== HEAD_BYTES || head.toString('latin1', 0, 8) !== MAGIC) return null;
    const rows = head.readUInt32LE(8);
    const features = head.readUInt32LE(12);
    const labelColumns = head.readUInt32LE(16);
    if (info.size !== HEAD_BYTES + 4 * rows * (features + labelColumns)) return null;
    const take = Math.min(rows, maxRows);
    const x = new Float32Array(take * features);
    const labels = new Float32Array(take * labelColumns);
    readExactly(fd, x, HEAD_BYTES);
    readExactly(fd, labels, HEAD_BYTES + 4 * rows * features);
    if (take === rows && !checksum(key, head.subarray(8, 24), x, labels).equals(head.subarray(24, HEAD_BYTES))) return null;
    return { rows: take, x, labels, labelColumns };
  } catch {
    return null;
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
export function readVerifiedFile(path: string | undefined, file: { size: number; sha256: string }, encoding: 'utf-8' | 'utf-16le' | 'utf-16be' = 'utf-8'): string | null {
  if (!path) return null;
  try {
    const info = statSync(path);
    if (!info.isFile() || info.size !== file.size) return null;
    const bytes = readFileSync(path);
    if (createHash('sha256').update(bytes).digest('hex') !== file.sha256) return null;
    // UTF-16 (issue 12: Excel's "Unicode text"): decoded as the import decoded it, byte-order mark dropped.
    return encoding === 'utf-8' ? bytes.toString('utf8') : new TextDecoder(encoding).decode(bytes);
  } catch {
    return null;
  }
}
