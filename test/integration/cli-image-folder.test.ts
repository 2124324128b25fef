import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { builtCli } from '../tools/cli';
import { importImageFolder } from '../../src/main/data/image-folder';
import { packImages, writePackedImages } from '../../src/main/data/image-pack';
import { chain, node } from '../../src/shared/graph/fixtures';

/**
 * Issue 14 (image folders): `neurite train` (the built bin/neurite.js, plain Node) on a project
 * whose dataset is an imported image folder — embedded in the project, or only in the data store
 * that NEURITE_DATA_DIR names.
 */
const { work, neurite: cli } = builtCli('cli-images');
const neurite = cli.env;

describe('neurite train on an image-folder project', () => {
  it('trains from the embedded images and from the data store, and says what to do when neither has them', async () => {
    const folder = path.join(work, 'tones');
    for (const [name, v] of [['dark', 25], ['light', 225]] as const) {
      mkdirSync(path.join(folder, name), { recursive: true });
      for (let k = 0; k < 15; k++) {
        const pixels = Buffer.alloc(36, v);
        pixels[k % 36] = 128;
        writeFileSync(path.join(folder, name, `${k}.png`), await sharp(pixels, { raw: { width: 6, height: 6, channels: 1 } }).toColourspace('b-w').png().toBuffer());
      }
    }
    const { images } = await importImageFolder({ path: folder, kind: 'folder' }, { height: 6, width: 6, channels: 1 });
    const bytes = packImages(images);
    const store = path.join(work, 'store');
    const sha256 = writePackedImages(store, bytes);
    const project = (source: object) => ({
      format: 'neurite',
      formatVersion: 5,
      appVersion: '0.1.0',
      savedAt: '2026-11-29T00:00:00.000Z',
      name: 'tones',
      graph: chain(node('in', 'Input', { shape: [6, 6, 1] }), node('f', 'Flatten'), node('out', 'Dense', { units: 2, activation: 'softmax' })),
      dataset: { kind: 'images', source, height: 6, width: 6, channels: 1, maxValue: 255, classNames: ['dark', 'light'], rows: 30, labelEncoding: 'index', scaling: 'unit' },
      training: { optimizer: { type: 'adam', learningRate: 0.05 }, loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'], epochs: 10, batchSize: 8, validationSplit: 0.2, splitMode: 'end', testSplit: 0, shuffle: true, seed: 1 },
    });
    const embedded = path.join(work, 'embedded.neurite');
    writeFileSync(embedded, JSON.stringify(project({ kind: 'folder', name: 'tones', sha256, size: bytes.length, embedded: bytes.toString('base64') })));
    const stored = path.join(work, 'stored.neurite');
    writeFileSync(stored, JSON.stringify(project({ kind: 'folder', name: 'tones', sha256, size: bytes.length })));

    const fromProject = neurite({ NEURITE_DATA_DIR: path.join(work, 'empty') }, 'train', embedded, '--json');
    expect(fromProject.code, fromProject.stderr).toBe(0);
    expect(fromProject.stdout).toMatch(/"val_acc(uracy)?":1\b/);
    const fromStore = neurite({ NEURITE_DATA_DIR: store }, 'train', stored, '--json');
    expect(fromStore.code, fromStore.stderr).toBe(0);
    const missing = neurite({ NEURITE_DATA_DIR: path.join(work, 'empty') }, 'train', stored);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/The images of "tones" are not in this computer's data store .* Import the image folder again/);
  }, 120_000);
});
