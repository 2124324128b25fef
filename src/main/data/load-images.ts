import { readFileSync } from 'node:fs';
import { imagesToDataset, type RawImages } from '../../shared/data/images';
import type { Dataset } from '../../shared/data/types';
import type { ImagesDataset } from '../../shared/project/schema';
import { loadBuiltinImages } from './builtin-images';
import type { DatasetSpec } from '../../shared/project/schema';
import { importImageFolder, listingKind } from './image-folder';
import { packImages, readPackedImages, sha256Hex, unpackImages, writePackedImages } from './image-pack';
import { dataDir, sourceNotePath } from './store';

/**
 * The raw images of an image dataset spec: a built-in set, or an imported folder's packed images
 * (issue 14) — embedded in the project, or from main's data store (`images/<sha256>`), used only
 * when their bytes hash to the spec's sha256. Node only; heavy (decompression, parsing): never on
 * Electron main's event loop.
 * @throws Error naming what is missing and what to do.
 */
export function loadRawImages(spec: ImagesDataset, dir: string = dataDir()): RawImages {
  const source = spec.source;
  if (source.kind === 'builtin') return loadBuiltinImages(source.name);
  let bytes: Buffer | null = null;
  if (source.embedded !== undefined) {
    const embedded = Buffer.from(source.embedded, 'base64');
    if (sha256Hex(embedded) !== source.sha256) {
      throw new Error(`The images embedded in the project for "${source.name}" are damaged (their checksum does not match). Import the image folder again (Data → Import Image Folder…).`);
    }
    bytes = embedded;
  } else {
    bytes = readPackedImages(dir, source.sha256, source.size);
  }
  if (!bytes) {
    const from = source.path ?? rememberedPath(dir, source.sha256);
    throw new Error(
      `The images of "${source.name}" are not in this computer's data store (${dir}) and the project does not embed them. ` +
        `Import the image folder again (Data → Import Image Folder…)${from ? `: it was imported from ${from}` : ''}, with the same size and colour (${spec.height}×${spec.width}, ${spec.channels === 1 ? 'grayscale' : 'RGB'}).`,
    );
  }
  return unpackImages(bytes);
}

/** Where a desktop import of these images was picked (sources/<sha256>.path, kept on this computer only). */
function rememberedPath(dir: string, sha256: string): string | null {
  try {
    return readFileSync(sourceNotePath(dir, sha256), 'utf8') || null;
  } catch {
    return null;
  }
}

/** An image dataset spec → the training Dataset (pixels through the spec's scaling step). */
export function loadImagesDataset(spec: ImagesDataset, dir?: string): Dataset {
  return imagesToDataset(spec, loadRawImages(spec, dir));
}

/**
 * Issue 14: when an imported folder's packed images are neither embedded nor in the data store
 * (a new computer's store, a cleared cache) but this computer remembers where the folder or zip
 * was picked (`source.path`, or sources/<sha256>.path written by a desktop import), imports it
 * again at the spec's size and colour and stores it — if it still packs to the same sha256.
 * Otherwise does nothing (loadRawImages then says what to do). Async and heavy: call it off
 * Electron main's loop, before `loadDataset` (the trainer process and the command line do).
 * @throws Error naming the folder when it has changed since the import (its images pack to other bytes).
 */
export async function restoreFolderImages(spec: DatasetSpec, dir: string = dataDir()): Promise<void> {
  if (spec.kind !== 'images' || spec.source.kind !== 'folder' || spec.source.embedded !== undefined) return;
  const source = spec.source;
  if (readPackedImages(dir, source.sha256, source.size)) return;
  const path = source.path ?? rememberedPath(dir, source.sha256);
  if (!path) return;
  let bytes: Buffer;
  try {
    const { images } = await importImageFolder({ path, kind: listingKind(path), name: source.name }, { height: spec.height, width: spec.width, channels: spec.channels });
    bytes = packImages(images);
  } catch {
    // Gone or unreadable: loadRawImages explains (and names the path).
    return;
  }
  if (sha256Hex(bytes) !== source.sha256) {
    throw new Error(
      `The images of "${source.name}" are not in this computer's data store, and ${path}, where they were imported from, has changed since (its images are not the ones the project was trained on). Import the folder again (Data → Import Image Folder…).`,
    );
  }
  writePackedImages(dir, bytes);
}
