import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { zipSync } from 'fflate';
import sharp from 'sharp';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ImagesDatasetSchema } from '../../shared/project/schema';
import { loadRawImages } from './load-images';
import { DataService } from './service';

/** Issue 14 (image folders): the browser host's path — a zip uploaded in chunks, inspected and imported by the real worker thread (built out/main/csv-worker.js). */
const WORKER = resolve(__dirname, '../../../out/main/csv-worker.js');
let dir: string;

beforeAll(() => {
  if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run npm run build first.`);
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'neurite-image-service-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const gray = (v: number) => sharp(Buffer.alloc(8 * 8, v), { raw: { width: 8, height: 8, channels: 1 } }).toColourspace('b-w').png().toBuffer();

async function upload(service: DataService, name: string, bytes: Uint8Array): Promise<string> {
  const { uploadId } = await service.uploadBegin({ name, size: bytes.length });
  await service.uploadChunk({ uploadId, offset: 0, data: Buffer.from(bytes).toString('base64') });
  return uploadId;
}

describe('image folder import through DataService', () => {
  it('an uploaded zip of two classes: inspect (counts, preview, health), import (spec embedded, store copy), load', async () => {
    const files: Record<string, Uint8Array> = {};
    for (let k = 0; k < 12; k++) files[`dark/${k}.png`] = await gray(20);
    for (let k = 0; k < 3; k++) files[`light/${k}.png`] = await gray(230);
    files['light/broken.png'] = new TextEncoder().encode('nope');
    const service = new DataService({ dir, workerScript: WORKER });
    const uploadId = await upload(service, 'shades.zip', zipSync(files));
    const inspection = await service.inspectImages({ uploadId });
    expect(inspection.summary.classNames).toEqual(['dark', 'light']);
    expect(inspection.summary.classCounts).toEqual([12, 3]);
    expect(inspection.defaults).toEqual({ height: 8, width: 8, channels: 1 });
    expect(Buffer.from(inspection.preview[0].pixels, 'base64')).toEqual(Buffer.alloc(64, 20));
    expect(inspection.health.map((h) => h.kind)).toEqual(['class-imbalance', 'few-images', 'unreadable-files']);
    const { dataset, summary } = await service.importImages({ uploadId, size: { height: 4, width: 4, channels: 1 }, labelEncoding: 'index' });
    expect(ImagesDatasetSchema.parse(dataset)).toEqual(dataset);
    expect(dataset).toMatchObject({ rows: 15, height: 4, width: 4, channels: 1, classNames: ['dark', 'light'], scaling: 'unit', source: { kind: 'folder', name: 'shades.zip' } });
    expect(summary.unreadable.map((u) => u.file)).toEqual(['light/broken.png']);
    // Trial 5, F10: the project keeps the import's summary, so its Health view survives save and reopen.
    expect(dataset.importReport).toEqual(summary);
    expect(ImagesDatasetSchema.parse(JSON.parse(JSON.stringify(dataset))).importReport?.unreadable).toEqual(summary.unreadable);
    if (dataset.source.kind !== 'folder') throw new Error('expected a folder source');
    expect(dataset.source.embedded).toBeDefined();
    const { embedded: _embedded, ...stored } = dataset.source;
    const images = loadRawImages({ ...dataset, source: stored }, dir);
    expect(images.rows).toBe(15);
    expect(Array.from(images.pixels.subarray(0, 16))).toEqual(new Array(16).fill(images.labels[0] === 0 ? 20 : 230));
  }, 60_000);

  it('refuses an upload that is not a .zip, and a picked-folder call on a host without a dialog, saying what to do', async () => {
    const service = new DataService({ dir, workerScript: WORKER });
    const uploadId = await upload(service, 'cats.png', await gray(1));
    await expect(service.inspectImages({ uploadId })).rejects.toMatchObject({ code: 'not-a-zip', message: expect.stringMatching(/cats.png is not a .zip file. Zip the folder/) });
    await expect(service.openImages('folder')).rejects.toMatchObject({ code: 'unsupported' });
  });
});
