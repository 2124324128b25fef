import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { RawImages } from '../../shared/data/images';
import { ensurePrivateDir, writePrivateFileAtomic } from './store';

/**
 * Issue 14 (image folders): the packed form of an imported image folder, kept in main's data store
 * as `images/<sha256>` (and, for small sets, embedded in the project as base64). The file is
 * content-addressed: its name is the sha256 of its bytes, which is its checksum — a file is used
 * only when its bytes hash to the name the project asks for, so a damaged, truncated or planted
 * file is never read as pixels.
 *
 * Layout (little-endian):
 * - magic `NRIMG1\n\0` (8 bytes; the digit is the format version),
 * - u32 rows, u32 height, u32 width, u32 channels (1 or 3), u32 maxValue (255),
 * - u32 byte length + UTF-8 JSON of `{ classNames: string[], files: string[] }` (files: each
 *   image's path inside the folder or zip, in row order),
 * - u16 label per image (class index),
 * - rows × height × width × channels pixel bytes (HWC, row-major, raw 0…maxValue).
 */
const MAGIC = 'NRIMG1\n\0';
const FIXED_HEAD = 8 + 5 * 4;

/** Packed images and where each came from. */
export interface PackedImages extends RawImages {
  /** Each image's path inside the imported folder or zip (row order). */
  files: string[];
}

/** Thrown when packed bytes are not a valid pack (wrong magic, sizes that do not add up). */
export class ImagePackError extends Error {
  readonly code = 'bad-image-pack';
}

/**
 * Packs images into the format above.
 * @throws ImagePackError when the labels, files or pixels do not match `rows` and the shape, or a class index does not fit 16 bits.
 */
export function packImages(images: PackedImages): Buffer {
  const { rows, height, width, channels } = images;
  const perImage = height * width * channels;
  if (images.pixels.length !== rows * perImage) throw new ImagePackError(`Packing ${rows} images of ${height}×${width}×${channels}: expected ${rows * perImage} pixel bytes, got ${images.pixels.length}.`);
  if (images.labels.length !== rows || images.files.length !== rows) throw new ImagePackError(`Packing ${rows} images: got ${images.labels.length} labels and ${images.files.length} file names.`);
  if (images.classNames.length > 0xffff) throw new ImagePackError(`At most 65,535 classes can be packed; got ${images.classNames.length}.`);
  const meta = Buffer.from(JSON.stringify({ classNames: images.classNames, files: images.files }), 'utf8');
  const head = Buffer.alloc(FIXED_HEAD + 4);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(rows, 8);
  head.writeUInt32LE(height, 12);
  head.writeUInt32LE(width, 16);
  head.writeUInt32LE(channels, 20);
  head.writeUInt32LE(images.maxValue, 24);
  head.writeUInt32LE(meta.length, 28);
  const labels = Buffer.alloc(rows * 2);
  for (let i = 0; i < rows; i++) labels.writeUInt16LE(images.labels[i], i * 2);
  return Buffer.concat([head, meta, labels, Buffer.from(images.pixels.buffer, images.pixels.byteOffset, images.pixels.byteLength)]);
}

/**
 * Reads packed bytes back.
 * @throws ImagePackError naming what does not add up.
 */
export function unpackImages(bytes: Buffer): PackedImages {
  if (bytes.length < FIXED_HEAD + 4 || bytes.toString('latin1', 0, 8) !== MAGIC) throw new ImagePackError('These bytes are not packed images of this version of Neurite (the header does not match).');
  const rows = bytes.readUInt32LE(8);
  const height = bytes.readUInt32LE(12);
  const width = bytes.readUInt32LE(16);
  const channels = bytes.readUInt32LE(20);
  const maxValue = bytes.readUInt32LE(24);
  const metaBytes = bytes.readUInt32LE(28);
  const metaAt = FIXED_HEAD + 4;
  const labelsAt = metaAt + metaBytes;
  const pixelsAt = labelsAt + rows * 2;
  const expected = pixelsAt + rows * height * width * channels;
  if (bytes.length !== expected) throw new ImagePackError(`The packed images should be ${expected} bytes for ${rows} images of ${height}×${width}×${channels}; got ${bytes.length}.`);
  let meta: { classNames?: unknown; files?: unknown };
  try {
    meta = JSON.parse(bytes.toString('utf8', metaAt, labelsAt)) as typeof meta;
  } catch {
    throw new ImagePackError('The packed images have an unreadable list of class names.');
  }
  const classNames = meta.classNames;
  const files = meta.files;
  if (!Array.isArray(classNames) || !classNames.every((c) => typeof c === 'string') || !Array.isArray(files) || files.length !== rows) {
    throw new ImagePackError('The packed images have no valid class names or file list.');
  }
  const labels = new Uint16Array(rows);
  for (let i = 0; i < rows; i++) labels[i] = bytes.readUInt16LE(labelsAt + i * 2);
  const pixels = new Uint8Array(bytes.buffer.slice(bytes.byteOffset + pixelsAt, bytes.byteOffset + expected));
  return { rows, height, width, channels, maxValue, pixels, labels, classNames: classNames as string[], files: files as string[] };
}

/** sha256 hex of bytes: the packed images' key. */
export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function packedImagesPath(dir: string, sha256: string): string {
  return join(dir, 'images', sha256);
}

/**
 * Stores packed bytes as `images/<sha256>` in the private data folder (exclusive temp file, then
 * rename; an existing copy is replaced by identical bytes). Returns the key.
 */
export function writePackedImages(dir: string, bytes: Buffer, tempTag?: string): string {
  const sha256 = sha256Hex(bytes);
  ensurePrivateDir(dir);
  ensurePrivateDir(join(dir, 'images'));
  writePrivateFileAtomic(packedImagesPath(dir, sha256), [bytes], tempTag);
  return sha256;
}

/**
 * The stored packed bytes of `sha256`, or null when there are none, the folder is not private to
 * this user, the file is not a regular file (a symlink is not followed), its size is not `size`
 * (when given) or its bytes do not hash to `sha256`.
 */
export function readPackedImages(dir: string, sha256: string, size?: number): Buffer | null {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
  let fd: number;
  try {
    ensurePrivateDir(join(dir, 'images'));
    fd = openSync(packedImagesPath(dir, sha256), constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch {
    return null;
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile() || (size !== undefined && info.size !== size)) return null;
    const bytes = Buffer.alloc(info.size);
    let done = 0;
    while (done < bytes.length) {
      const n = readSync(fd, bytes, done, Math.min(bytes.length - done, 1 << 30), done);
      if (n === 0) return null;
      done += n;
    }
    return sha256Hex(bytes) === sha256 ? bytes : null;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
