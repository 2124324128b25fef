import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { exampleRowFromRgba } from '../../shared/data/image-resize';
import { importImageFolder } from './image-folder';

/**
 * Trial 5, F21: the same image file predicted slightly differently through Predict ▸ Image file
 * (the browser resized it) than as its dataset row (the import resized it). Now the predict panel
 * resizes with the import's own code; checked here on real PNGs (lossless, so the browser decodes
 * the bytes sharp decodes): the import's stored pixels equal the predict panel's row.
 */
const root = mkdtempSync(join(tmpdir(), 'neurite-predict-file-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function png(height: number, width: number, seed: number): Promise<{ file: Buffer; rgba: Uint8Array }> {
  const raw = Buffer.alloc(height * width * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 37 + seed * 101 + ((i * i) % 13) * 7) & 255;
  const file = await sharp(raw, { raw: { width, height, channels: 3 } }).png().toBuffer();
  const rgba = new Uint8Array(await sharp(file).ensureAlpha().raw().toBuffer());
  return { file, rgba };
}

describe('an image file predicts as its imported row (trial 5, F21)', () => {
  for (const [channels, height, width] of [[1, 8, 8], [3, 10, 7], [1, 30, 20]] as const) {
    it(`${channels === 1 ? 'grayscale' : 'RGB'} ${height}×${width} from images of 23×31 and 12×9`, async () => {
      const folder = join(root, `set-${channels}-${height}-${width}`);
      const images: { name: string; rgba: Uint8Array; width: number; height: number }[] = [];
      for (const [cls, [h, w]] of [['a', [23, 31]], ['b', [12, 9]]] as const) {
        mkdirSync(join(folder, cls), { recursive: true });
        const { file, rgba } = await png(h, w, cls === 'a' ? 1 : 2);
        writeFileSync(join(folder, cls, 'x.png'), file);
        images.push({ name: cls, rgba, width: w, height: h });
      }
      const { images: imported } = await importImageFolder({ path: folder, kind: 'folder' }, { height, width, channels });
      const size = height * width * channels;
      for (const image of images) {
        const row = imported.classNames.indexOf(image.name);
        const r = Array.from(imported.labels).indexOf(row);
        const stored = Array.from(imported.pixels.subarray(r * size, (r + 1) * size));
        expect(exampleRowFromRgba(image.rgba, image, { height, width, channels, maxValue: 255 }, false)).toEqual(stored);
      }
    });
  }
});
