import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImagesResponseSchema, MAX_IMAGE_BYTES_PER_CALL } from '../../shared/api/contract';
import { builtinImagesSpec, pixelStats } from '../../shared/data/images';
import { loadBuiltinImages } from './builtin-images';
import { imagesRange } from './image-range';
import { DataService } from './service';

// Issue 14 (seeing it): what `data.images` answers, computed in main's worker thread.
describe('imagesRange', () => {
  it('answers the raw bytes and labels of the range, and the stats of the dataset\'s images', () => {
    const spec = builtinImagesSpec('digits', { samples: 100 });
    const raw = loadBuiltinImages('digits');
    const answer = ImagesResponseSchema.parse(imagesRange(spec, 10, 5));
    expect([answer.total, answer.start, answer.count]).toEqual([100, 10, 5]);
    expect(Array.from(Buffer.from(answer.pixels, 'base64'))).toEqual(Array.from(raw.pixels.subarray(10 * 64, 15 * 64)));
    expect(answer.labels).toEqual(Array.from(raw.labels.subarray(10, 15)));
    // zscore's transform: the spec's 100 images, not the whole set.
    expect(answer.stats).toEqual(pixelStats({ pixels: raw.pixels.subarray(0, 100 * 64), channels: 1 }));
    expect(answer.stats).not.toEqual(pixelStats(raw));
  });

  it('clips the range to the dataset, and refuses a start past it or a range too large for one answer', () => {
    const spec = builtinImagesSpec('digits', { samples: 20 });
    expect(imagesRange(spec, 15, 100).count).toBe(5);
    expect(imagesRange(spec, 0, 0).count).toBe(0);
    expect(() => imagesRange(spec, 21, 1)).toThrow(/dataset has 20 images/);
    const huge = { ...builtinImagesSpec('mnist'), rows: 100_000 };
    expect(() => imagesRange(huge, 0, 100_000)).toThrow(new RegExp(`at most ${Math.floor(MAX_IMAGE_BYTES_PER_CALL / 784)} images`));
  });
});

describe('data.images through main (the built worker thread)', () => {
  const WORKER = resolve(__dirname, '../../../out/main/csv-worker.js');
  it('answers what imagesRange answers, read in a worker thread; a damaged request is refused with its message', async () => {
    if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run npm run build first.`);
    const dir = mkdtempSync(join(tmpdir(), 'neurite-images-'));
    try {
      const service = new DataService({ dir, workerScript: WORKER });
      const spec = builtinImagesSpec('digits', { samples: 50 });
      const before = service.workersStarted;
      expect(await service.images({ dataset: spec, start: 3, count: 4 })).toEqual(imagesRange(spec, 3, 4));
      expect(service.workersStarted).toBe(before + 1);
      await expect(service.images({ dataset: spec, start: 60, count: 1 })).rejects.toMatchObject({ code: 'bad-range', message: expect.stringMatching(/dataset has 50 images/) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
