import { dataWords } from '../../shared/data/data-messages';
import type { MessageParams } from '../../shared/graph/problem-text';
import { readFile, readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { unzipSync } from 'fflate';
import type { Sharp, SharpOptions } from 'sharp';
import {
  COMMON_SIZES,
  IMAGE_EXTENSIONS,
  IMAGE_FOLDER_LIMITS,
  MAX_LISTED_FILES,
  UNSUPPORTED_IMAGE_EXTENSIONS,
  defaultImageSize,
  type ImageFolderLimits,
  type ImageFolderSummary,
  type ImageSize,
  type UnreadableFile,
} from '../../shared/data/image-folder';
import { toExample, type PixelImage } from '../../shared/data/image-resize';
import type { PackedImages } from './image-pack';

/**
 * Issue 14 (image folders), the heavy half in plain Node: lists a folder (or a zip) holding one
 * sub-folder per class, decodes every image with `sharp` (libvips) and turns it into a dataset
 * example with the shared resize (src/shared/data/image-resize.ts). Runs in main's import worker
 * thread (never on Electron main's event loop), in the trainer process and in tests.
 */

/** A bad folder or zip as a whole (no images, one class, over a limit, an unsafe zip): `code` plus a message naming the file and what to do. */
export class ImageFolderError extends Error {
  /** Issue 16: the message as data (DATA_MESSAGES_EN, src/shared/data/data-messages.ts). */
  readonly messageId: string;
  readonly params: MessageParams;
  constructor(
    readonly code: 'not-found' | 'no-images' | 'one-class' | 'too-many-files' | 'zip-too-large' | 'zip-unsafe-path' | 'zip-unreadable' | 'too-large',
    words: ReturnType<typeof dataWords>,
  ) {
    super(words.message);
    this.messageId = words.messageId;
    this.params = words.params;
  }
}

/** One file of the folder or zip: its path inside it (`/`-separated), declared size, and how to read it. */
interface Entry {
  path: string;
  size: number;
}

/** A folder or a zip, listed: every file in it, and a reader that hands out the bytes of the ones asked for. */
interface Listing {
  name: string;
  source: 'folder' | 'zip';
  entries: Entry[];
  /** Calls `use` with each wanted entry's bytes (or an error), in the order given, holding a bounded number in memory at once. */
  read(paths: string[], use: (path: string, bytes: Buffer | Error) => Promise<void>): Promise<void>;
}

const IGNORED = (segment: string) => segment.startsWith('.') || segment === '__MACOSX' || segment === 'Thumbs.db' || segment === 'desktop.ini';

/** Lists a folder, refusing more than `maxFiles` files; symbolic links are not followed. */
async function listFolder(root: string, name: string, limits: ImageFolderLimits): Promise<Listing> {
  const info = await stat(root).catch(() => null);
  if (!info?.isDirectory()) throw new ImageFolderError('not-found', dataWords('images.notAFolder', { name }));
  const entries: Entry[] = [];
  const walk = async (dir: string, prefix: string, depth: number) => {
    const items = await readdir(dir, { withFileTypes: true });
    for (const item of items) {
      if (IGNORED(item.name)) continue;
      const path = prefix ? `${prefix}/${item.name}` : item.name;
      if (item.isDirectory()) {
        if (depth < limits.maxDepth) await walk(join(dir, item.name), path, depth + 1);
      } else if (item.isFile()) {
        entries.push({ path, size: 0 });
        if (entries.length > limits.maxFiles) throw tooManyFiles(name, limits);
      }
    }
  };
  await walk(root, '', 0);
  return {
    name,
    source: 'folder',
    entries,
    read: async (paths, use) => {
      for (const path of paths) {
        const full = join(root, ...path.split('/'));
        let bytes: Buffer | Error;
        try {
          const s = await stat(full);
          bytes = s.size > limits.maxFileBytes ? new Error(tooBigFile(s.size, limits)) : await readFile(full);
        } catch (error) {
          bytes = error instanceof Error ? error : new Error(String(error));
        }
        await use(path, bytes);
      }
    },
  };
}

function tooManyFiles(name: string, limits: ImageFolderLimits): ImageFolderError {
  return new ImageFolderError(
    'too-many-files',
    dataWords('images.tooManyFiles', { name, max: limits.maxFiles.toLocaleString('en-US') }),
  );
}

const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(bytes >= 10 * 1024 ** 2 ? 0 : 1)} MB`;
const tooBigFile = (size: number, limits: ImageFolderLimits) => `the file is ${mb(size)}, more than the ${mb(limits.maxFileBytes)} one image may be`;

/**
 * Why a zip entry's name is unsafe — it would land outside the folder it is unpacked in: a `..`
 * segment, an absolute path, a drive letter, a NUL — or null when it is safe. Backslashes (written
 * by some Windows tools) count as separators, so `a\..\..\b` is caught too.
 */
export function unsafeZipPath(name: string): string | null {
  const path = name.replace(/\\/g, '/');
  if (path.startsWith('/')) return 'it is an absolute path';
  if (/^[A-Za-z]:/.test(path)) return 'it starts with a drive letter';
  if (path.split('/').some((s) => s === '..')) return 'it climbs out of the folder with ".."';
  if (path.includes('\0')) return 'it contains a NUL character';
  return null;
}

/**
 * Lists a zip (read into memory, at most `maxZipBytes`), refusing unsafe entry names and archives
 * over the limits before inflating anything. An entry inflates into a buffer of the size the zip
 * declares for it (fflate does not grow it), so a lying entry cannot use more memory than its
 * declared size, which is bounded by `maxFileBytes`.
 */
async function listZip(path: string, name: string, limits: ImageFolderLimits): Promise<Listing> {
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) throw new ImageFolderError('not-found', dataWords('images.notAFile', { name }));
  if (info.size > limits.maxZipBytes) {
    throw new ImageFolderError('zip-too-large', dataWords('images.zipTooLarge', { name, size: mb(info.size), max: mb(limits.maxZipBytes) }));
  }
  const data = new Uint8Array(await readFile(path));
  /** `zipName`: the entry's name as stored (fflate looks entries up by it); `path`: with `/` separators. */
  const entries: (Entry & { compression: number; zipName: string })[] = [];
  let total = 0;
  try {
    unzipSync(data, {
      filter: (file) => {
        const unsafe = unsafeZipPath(file.name);
        if (unsafe) throw new ImageFolderError('zip-unsafe-path', dataWords('images.zipUnsafe', { name, entry: file.name, detail: unsafe }));
        const entryPath = file.name.replace(/\\/g, '/');
        if (entryPath.endsWith('/')) return false;
        if (entryPath.split('/').some(IGNORED)) return false;
        entries.push({ path: entryPath, zipName: file.name, size: file.originalSize, compression: file.compression });
        if (entries.length > limits.maxFiles) throw tooManyFiles(name, limits);
        if (isImagePath(entryPath)) total += Math.min(file.originalSize, limits.maxFileBytes + 1);
        if (total > limits.maxTotalBytes) {
          throw new ImageFolderError(
            'zip-too-large',
            dataWords('images.zipBomb', { name, max: mb(limits.maxTotalBytes) }),
          );
        }
        return false;
      },
    });
  } catch (error) {
    if (error instanceof ImageFolderError) throw error;
    throw new ImageFolderError('zip-unreadable', dataWords('images.zipUnreadable', { name, detail: error instanceof Error ? error.message : String(error) }));
  }
  // A zip made by zipping one folder wraps everything in it: the classes are one level down
  // (files directly in the wrapping folder are then outside the classes, as in a picked folder).
  const tops = new Set(entries.map((e) => e.path.split('/')[0]));
  const wrapped = tops.size === 1 && entries.every((e) => e.path.includes('/')) && entries.some((e) => e.path.split('/').length >= 3);
  const strip = wrapped ? [...tops][0].length + 1 : 0;
  const byListed = new Map(entries.map((e) => [e.path.slice(strip), e]));
  return {
    name,
    source: 'zip',
    entries: entries.map((e) => ({ path: e.path.slice(strip), size: e.size })),
    read: async (paths, use) => {
      // Inflate in batches of bounded declared size: a batch is one pass over the zip's directory.
      let batch: string[] = [];
      let batchBytes = 0;
      const flush = async () => {
        if (batch.length === 0) return;
        const wanted = new Set(batch.map((p) => byListed.get(p)!.zipName));
        let files: Record<string, Uint8Array> = {};
        let failure: Error | null = null;
        try {
          files = unzipSync(data, { filter: (f) => wanted.has(f.name) });
        } catch (error) {
          failure = error instanceof Error ? error : new Error(String(error));
        }
        for (const p of batch) {
          const bytes = files[byListed.get(p)!.zipName];
          await use(p, bytes ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : (failure ?? new Error('the zip entry could not be inflated')));
        }
        batch = [];
        batchBytes = 0;
      };
      for (const p of paths) {
        const entry = byListed.get(p);
        if (!entry) {
          await use(p, new Error('not in the zip'));
          continue;
        }
        if (entry.size > limits.maxFileBytes) {
          await use(p, new Error(tooBigFile(entry.size, limits)));
          continue;
        }
        if (entry.compression !== 0 && entry.compression !== 8) {
          await use(p, new Error(`it is compressed with zip method ${entry.compression}, which Neurite cannot read (zip it again with the standard "deflate" method)`));
          continue;
        }
        batch.push(p);
        batchBytes += entry.size;
        if (batch.length >= 256 || batchBytes >= 64 * 1024 ** 2) await flush();
      }
      await flush();
    },
  };
}

function extensionOf(path: string): string {
  const file = path.slice(path.lastIndexOf('/') + 1);
  const dot = file.lastIndexOf('.');
  return dot > 0 ? file.slice(dot).toLowerCase() : '';
}

function isImagePath(path: string): boolean {
  return (IMAGE_EXTENSIONS as readonly string[]).includes(extensionOf(path));
}

/** `zip` when the name ends in .zip, else a folder. */
export function listingKind(name: string): 'zip' | 'folder' {
  return extensionOf(name) === '.zip' ? 'zip' : 'folder';
}

/** Where the images are: a folder or a zip file at `path`, shown to people as `name` (default: the path's last part). */
export interface ImageSourceRef {
  path: string;
  kind: 'folder' | 'zip';
  name?: string;
  /** The limits of this import (default IMAGE_FOLDER_LIMITS; tests pass smaller ones). */
  limits?: ImageFolderLimits;
}

/** The folder or zip, listed. */
export function listImageSource(ref: ImageSourceRef): Promise<Listing> {
  const name = ref.name ?? basename(ref.path);
  const limits = ref.limits ?? IMAGE_FOLDER_LIMITS;
  return ref.kind === 'zip' ? listZip(ref.path, name, limits) : listFolder(ref.path, name, limits);
}

/** The files of a listing sorted into classes: the first folder of each path is its class. */
interface Classified {
  /** Every class folder (sorted by code point, as Keras sorts class folders) with its image paths (sorted). */
  classes: { name: string; files: string[] }[];
  unsupported: UnreadableFile[];
  nonImage: number;
  outsideClasses: number;
  examples: string[];
}

function classify(listing: Listing): Classified {
  const byClass = new Map<string, string[]>();
  const unsupported: UnreadableFile[] = [];
  let nonImage = 0;
  let outsideClasses = 0;
  const examples: string[] = [];
  for (const entry of listing.entries) {
    const segments = entry.path.split('/');
    const ext = extensionOf(entry.path);
    const image = (IMAGE_EXTENSIONS as readonly string[]).includes(ext);
    if (segments.length < 2) {
      outsideClasses++;
      if (examples.length < 10) examples.push(entry.path);
      continue;
    }
    const files = byClass.get(segments[0]) ?? [];
    byClass.set(segments[0], files);
    if (image) files.push(entry.path);
    else if ((UNSUPPORTED_IMAGE_EXTENSIONS as readonly string[]).includes(ext)) {
      unsupported.push({ file: entry.path, reason: `${ext.slice(1).toUpperCase()} images are not read by Neurite; save it as PNG or JPEG` });
    } else {
      nonImage++;
      if (examples.length < 10) examples.push(entry.path);
    }
  }
  const names = [...byClass.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { classes: names.map((name) => ({ name, files: byClass.get(name)!.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) })), unsupported, nonImage, outsideClasses, examples };
}

type SharpFactory = (input: Buffer, options?: SharpOptions) => Sharp;
let sharpModule: SharpFactory | undefined;
/**
 * sharp is loaded on first use (the CSV requests of the same worker never load libvips), with
 * `require` so that Electron resolves it from app.asar to its unpacked copy (electron-builder
 * `asarUnpack`: the native addon must be a real file).
 */
async function loadSharp(): Promise<SharpFactory> {
  if (!sharpModule) {
    const loaded = createRequire(__filename)('sharp') as { default?: SharpFactory } & SharpFactory;
    sharpModule = loaded.default ?? loaded;
    // One image at a time per worker: the machine's other cores train or serve the UI.
    (sharpModule as unknown as { concurrency(n: number): void; cache(on: boolean): void }).concurrency(1);
    (sharpModule as unknown as { cache(on: boolean): void }).cache(false);
  }
  return sharpModule;
}

/** A decoded image's size (after EXIF orientation) and whether it is grayscale, from its header only. */
interface ImageHeader {
  height: number;
  width: number;
  gray: boolean;
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split('\n')[0].trim();
  if (/unsupported image format/i.test(first)) return 'it is not an image Neurite can read (the bytes are not a JPEG, PNG, WebP, GIF, TIFF or AVIF image)';
  if (/pixel limit/i.test(first)) return `it has more than ${IMAGE_FOLDER_LIMITS.maxInputPixels.toLocaleString('en-US')} pixels, the most one image may have`;
  return first || DECODE_FAILED;
}

/** Why a file the decoder gave up on cannot be read, in plain words (trial 5, F12: not libvips' "Input buffer has corrupt header:"). */
const DECODE_FAILED = 'it cannot be decoded: the file is damaged or cut short, or not an image of a supported type (JPEG, PNG, WebP, GIF, TIFF, AVIF)';

/**
 * Runs a sharp (libvips) call; its errors become a plain reason: the unsupported-format and
 * pixel-limit cases say so (see `reasonOf`), any other decoder message (corrupt header, premature
 * end of a JPEG, a libpng read error…) becomes DECODE_FAILED. The file's name is added by the caller.
 */
async function decoding<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const reason = reasonOf(error);
    throw new Error(reason.startsWith('it ') ? reason : DECODE_FAILED);
  }
}

async function readHeader(sharp: SharpFactory, bytes: Buffer): Promise<ImageHeader> {
  const meta = await decoding(() => sharp(bytes, { limitInputPixels: IMAGE_FOLDER_LIMITS.maxInputPixels }).metadata());
  const oriented = (meta as { autoOrient?: { width: number; height: number } }).autoOrient;
  const width = oriented?.width ?? meta.width;
  const height = oriented?.height ?? meta.height;
  if (!width || !height) throw new Error('its size cannot be read');
  if (width * height > IMAGE_FOLDER_LIMITS.maxInputPixels) throw new Error('Input image exceeds pixel limit');
  return { width, height, gray: meta.space === 'b-w' || meta.space === 'grey16' || (meta.channels ?? 3) <= 2 };
}

/**
 * Decodes image bytes to 8-bit sRGB at their own size: EXIF orientation applied, alpha dropped (as
 * Keras' `load_img` converting to RGB does), 16-bit reduced to 8-bit, the first frame of an animation.
 * @throws Error whose message says why it cannot be read.
 */
export async function decodeRgb(bytes: Buffer): Promise<PixelImage> {
  const sharp = await loadSharp();
  const { data, info } = await decoding(() =>
    sharp(bytes, { limitInputPixels: IMAGE_FOLDER_LIMITS.maxInputPixels, failOn: 'error' })
      .autoOrient()
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true }),
  );
  if (info.channels !== 3) throw new Error(`it decoded to ${info.channels} channels instead of 3`);
  return { height: info.height, width: info.width, channels: 3, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

/** Decodes and resizes one image to a dataset example (see `toExample`). */
export async function decodeExample(bytes: Buffer, size: ImageSize): Promise<PixelImage> {
  return toExample(await decodeRgb(bytes), size.height, size.width, size.channels);
}

export interface ImportProgressReport {
  phase: 'reading' | 'decoding';
  done: number;
  total: number;
}

interface Scan {
  listing: Listing;
  classified: Classified;
  summary: ImageFolderSummary;
  /** Readable files per class (header read). */
  readable: string[][];
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

function summarise(listing: Listing, classified: Classified, readable: string[][], headers: ImageHeader[], unreadable: UnreadableFile[]): ImageFolderSummary {
  const kept = classified.classes.map((c, i) => ({ name: c.name, count: readable[i].length })).filter((c) => c.count > 0);
  const bySize = new Map<string, { height: number; width: number; count: number }>();
  for (const h of headers) {
    const key = `${h.height}x${h.width}`;
    const seen = bySize.get(key);
    if (seen) seen.count++;
    else bySize.set(key, { height: h.height, width: h.width, count: 1 });
  }
  const common = [...bySize.values()].sort((a, b) => b.count - a.count || a.height - b.height || a.width - b.width).slice(0, COMMON_SIZES);
  return {
    name: listing.name,
    source: listing.source,
    classNames: kept.map((c) => c.name),
    classCounts: kept.map((c) => c.count),
    emptyClasses: classified.classes.filter((_, i) => readable[i].length === 0).map((c) => c.name),
    unreadable: unreadable.slice(0, MAX_LISTED_FILES),
    unreadableCount: unreadable.length,
    skipped: { nonImage: classified.nonImage, outsideClasses: classified.outsideClasses, examples: classified.examples },
    sizes: {
      distinct: bySize.size,
      minHeight: headers.length ? Math.min(...headers.map((h) => h.height)) : 0,
      minWidth: headers.length ? Math.min(...headers.map((h) => h.width)) : 0,
      maxHeight: headers.length ? Math.max(...headers.map((h) => h.height)) : 0,
      maxWidth: headers.length ? Math.max(...headers.map((h) => h.width)) : 0,
      medianHeight: median(headers.map((h) => h.height)),
      medianWidth: median(headers.map((h) => h.width)),
      common,
    },
    allGray: headers.length > 0 && headers.every((h) => h.gray),
  };
}

/** Refuses a folder with no classes, or a single class, naming it and what to do. */
function checkClasses(summary: ImageFolderSummary): void {
  const name = summary.name;
  if (summary.classNames.length === 0) {
    throw new ImageFolderError(
      'no-images',
      summary.unreadableCount ? dataWords('images.noImagesUnreadable', { name, unreadable: summary.unreadableCount }) : dataWords('images.noImages', { name }),
    );
  }
  if (summary.classNames.length === 1) {
    throw new ImageFolderError(
      'one-class',
      summary.emptyClasses.length
        ? dataWords('images.oneClassEmpty', { name, class: summary.classNames[0], empty: summary.emptyClasses.map((c) => `"${c}"`).join(', ') })
        : dataWords('images.oneClass', { name, class: summary.classNames[0] }),
    );
  }
}

/** Lists the source, reads every image's header (size, grayscale; unreadable headers listed) and refuses a folder without two classes. */
async function scan(ref: ImageSourceRef, onProgress: (p: ImportProgressReport) => void): Promise<Scan & { headers: Map<string, ImageHeader> }> {
  const sharp = await loadSharp();
  const listing = await listImageSource(ref);
  const classified = classify(listing);
  const unreadable: UnreadableFile[] = [...classified.unsupported];
  const headers = new Map<string, ImageHeader>();
  const all = classified.classes.flatMap((c) => c.files);
  let done = 0;
  await listing.read(all, async (file, bytes) => {
    if (bytes instanceof Error) unreadable.push({ file, reason: reasonOf(bytes) });
    else {
      try {
        headers.set(file, await readHeader(sharp, bytes));
      } catch (error) {
        unreadable.push({ file, reason: reasonOf(error) });
      }
    }
    if (++done % 64 === 0) onProgress({ phase: 'reading', done, total: all.length });
  });
  unreadable.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const readable = classified.classes.map((c) => c.files.filter((f) => headers.has(f)));
  const summary = summarise(listing, classified, readable, [...headers.values()], unreadable);
  checkClasses(summary);
  return { listing, classified, summary, readable, headers };
}

/** What the import dialog shows before importing: the summary, the default size, and a few examples per class decoded at `size`. */
export interface ImageFolderInspection {
  summary: ImageFolderSummary;
  defaults: ImageSize;
  size: ImageSize;
  /** Up to `perClass` images of each class (of the first 24 classes), decoded and resized as the import will. */
  preview: { classIndex: number; file: string; pixels: Uint8Array }[];
}

/**
 * Lists and checks a folder or zip, and decodes a few images per class at `size` (the default size
 * when absent) for the preview grid.
 * @throws ImageFolderError for a folder that cannot be imported (no images, one class, over a limit, an unsafe zip).
 */
export async function inspectImageFolder(ref: ImageSourceRef, size: ImageSize | undefined, onProgress: (p: ImportProgressReport) => void = () => undefined, perClass = 8): Promise<ImageFolderInspection> {
  const scanned = await scan(ref, onProgress);
  const defaults = defaultImageSize(scanned.summary);
  const chosen = size ?? defaults;
  const kept = scanned.readable.map((files, i) => ({ files, i })).filter((c) => c.files.length > 0);
  const wanted: { file: string; classIndex: number }[] = [];
  kept.slice(0, 24).forEach((c, classIndex) => c.files.slice(0, perClass).forEach((file) => wanted.push({ file, classIndex })));
  const preview: ImageFolderInspection['preview'] = [];
  const classOf = new Map(wanted.map((w) => [w.file, w.classIndex]));
  await scanned.listing.read(
    wanted.map((w) => w.file),
    async (file, bytes) => {
      if (bytes instanceof Error) return;
      try {
        preview.push({ classIndex: classOf.get(file)!, file, pixels: (await decodeExample(bytes, chosen)).data });
      } catch {
        // Listed when the import decodes it; the grid shows the others.
      }
    },
  );
  return { summary: scanned.summary, defaults, size: chosen, preview };
}

/**
 * Row order of the packed set: each class's images spread evenly over the whole order (image k of
 * a class of n sits at (k + 0.5) / n), so any slice — the validation split at the end, a
 * built-in-style "first N" — holds every class in proportion. Deterministic.
 */
export function interleaveByClass(counts: number[]): { classIndex: number; k: number }[] {
  const order: { classIndex: number; k: number; at: number }[] = [];
  counts.forEach((n, classIndex) => {
    for (let k = 0; k < n; k++) order.push({ classIndex, k, at: (k + 0.5) / n });
  });
  order.sort((a, b) => a.at - b.at || a.classIndex - b.classIndex);
  return order.map(({ classIndex, k }) => ({ classIndex, k }));
}

export interface ImportedImages {
  images: PackedImages;
  summary: ImageFolderSummary;
}

/**
 * Imports a folder or zip: every readable image decoded and resized to `size`, in class-interleaved
 * order (see `interleaveByClass`); files that fail to decode are listed in the summary and left out.
 * @throws ImageFolderError for a folder that cannot be imported, or when the packed set would be
 * larger than `maxPackedBytes`.
 */
export async function importImageFolder(ref: ImageSourceRef, size: ImageSize, onProgress: (p: ImportProgressReport) => void = () => undefined): Promise<ImportedImages> {
  const scanned = await scan(ref, onProgress);
  const perImage = size.height * size.width * size.channels;
  const total = scanned.readable.reduce((n, files) => n + files.length, 0);
  const maxPacked = (ref.limits ?? IMAGE_FOLDER_LIMITS).maxPackedBytes;
  if (total * perImage > maxPacked) {
    const fit = Math.floor(maxPacked / perImage);
    throw new ImageFolderError(
      'too-large',
      dataWords('images.tooLarge', {
        name: scanned.summary.name,
        count: total.toLocaleString('en-US'),
        height: size.height,
        width: size.width,
        channels: size.channels,
        needed: mb(total * perImage),
        max: mb(maxPacked),
        fit: fit.toLocaleString('en-US'),
      }),
    );
  }
  const decoded = new Map<string, Uint8Array>();
  const failed: UnreadableFile[] = [...scanned.summary.unreadable];
  let failedCount = scanned.summary.unreadableCount;
  let done = 0;
  const all = scanned.readable.flat();
  await scanned.listing.read(all, async (file, bytes) => {
    try {
      if (bytes instanceof Error) throw bytes;
      decoded.set(file, (await decodeExample(bytes, size)).data);
    } catch (error) {
      failedCount++;
      if (failed.length < MAX_LISTED_FILES) failed.push({ file, reason: reasonOf(error) });
    }
    if (++done % 32 === 0) onProgress({ phase: 'decoding', done, total: all.length });
  });
  failed.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const readable = scanned.classified.classes.map((c) => c.files.filter((f) => decoded.has(f)));
  const headers = [...scanned.headers.entries()].filter(([f]) => decoded.has(f)).map(([, h]) => h);
  const summary = { ...summarise(scanned.listing, scanned.classified, readable, headers, failed), unreadableCount: failedCount };
  checkClasses(summary);
  const perClass = readable.filter((files) => files.length > 0);
  const order = interleaveByClass(perClass.map((files) => files.length));
  const pixels = new Uint8Array(order.length * perImage);
  const labels = new Uint16Array(order.length);
  const files: string[] = [];
  order.forEach(({ classIndex, k }, row) => {
    const file = perClass[classIndex][k];
    pixels.set(decoded.get(file)!, row * perImage);
    labels[row] = classIndex;
    files.push(file);
  });
  onProgress({ phase: 'decoding', done: all.length, total: all.length });
  return {
    images: { rows: order.length, height: size.height, width: size.width, channels: size.channels, maxValue: 255, pixels, labels, classNames: summary.classNames, files },
    summary,
  };
}
