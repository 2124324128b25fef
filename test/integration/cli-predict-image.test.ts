import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { builtCli, ROOT } from '../tools/cli';
import { importImageFolder } from '../../src/main/data/image-folder';
import { packImages } from '../../src/main/data/image-pack';
import { chain, node } from '../../src/shared/graph/fixtures';

/**
 * Trial 5 F15: `neurite predict --help` said nothing about image projects. It now says how an
 * image is given as a row (H×W×C raw values, row-major HWC), and `--image FILE` decodes a file
 * exactly as the folder import did (same decoder and resize), so the prediction of a training
 * image equals the prediction of its imported row.
 */
const { work, neurite } = builtCli('cli-predict-image');

describe('neurite predict on image projects (trial 5 F15)', () => {
  it('--help says how an image project takes its rows, and names --image', () => {
    const help = neurite('predict', '--help').stdout;
    expect(help).toMatch(/image project/i);
    expect(help).toMatch(/row-major/);
    expect(help).toMatch(/--image <file>/);
  });

  it('--image predicts what the imported row of the same file predicts', async () => {
    // 9 wide × 7 high RGB images, imported at 6×6 grayscale: the resize and the colour conversion matter.
    const folder = path.join(work, 'tones');
    for (const [name, base] of [['dark', 30], ['light', 200]] as const) {
      mkdirSync(path.join(folder, name), { recursive: true });
      for (let k = 0; k < 12; k++) {
        const pixels = Buffer.alloc(7 * 9 * 3);
        for (let i = 0; i < pixels.length; i++) pixels[i] = (base + ((i * 37 + k * 11) % 50)) & 255;
        writeFileSync(path.join(folder, name, `${k}.png`), await sharp(pixels, { raw: { width: 9, height: 7, channels: 3 } }).png().toBuffer());
      }
    }
    const { images } = await importImageFolder({ path: folder, kind: 'folder' }, { height: 6, width: 6, channels: 1 });
    const bytes = packImages(images);
    const project = {
      format: 'neurite',
      formatVersion: 5,
      appVersion: '0.1.0',
      savedAt: '2026-11-29T00:00:00.000Z',
      name: 'tones',
      graph: chain(node('in', 'Input', { shape: [6, 6, 1] }), node('f', 'Flatten'), node('out', 'Dense', { units: 2, activation: 'softmax' })),
      dataset: { kind: 'images', source: { kind: 'folder', name: 'tones', sha256: (await import('node:crypto')).createHash('sha256').update(bytes).digest('hex'), size: bytes.length, embedded: bytes.toString('base64') }, height: 6, width: 6, channels: 1, maxValue: 255, classNames: ['dark', 'light'], rows: images.rows, labelEncoding: 'index', scaling: 'unit' },
      training: { optimizer: { type: 'adam', learningRate: 0.05 }, loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'], epochs: 3, batchSize: 8, validationSplit: 0.2, splitMode: 'end', testSplit: 0, shuffle: true, seed: 1 },
    };
    const file = path.join(work, 'tones.neurite');
    const trained = path.join(work, 'tones-trained.neurite');
    writeFileSync(file, JSON.stringify(project));
    const train = neurite('train', file, '--save', trained);
    expect(train.code, train.stderr).toBe(0);

    const target = 'light/5.png';
    const row = images.files.indexOf(target);
    expect(row).toBeGreaterThanOrEqual(0);
    const size = 6 * 6;
    const values = Array.from(images.pixels.subarray(row * size, (row + 1) * size));
    const byRow = neurite('predict', trained, '--input', values.join(','), '--json');
    expect(byRow.code, byRow.stderr).toBe(0);
    const byFile = neurite('predict', trained, '--image', path.join(folder, target), '--json');
    expect(byFile.code, byFile.stderr).toBe(0);
    const outputs = (text: string) => (JSON.parse(text) as { outputs: number[][] }).outputs;
    expect(outputs(byFile.stdout)).toEqual(outputs(byRow.stdout));

    // Not an image: named, exit 2.
    const notImage = path.join(work, 'notes.png');
    writeFileSync(notImage, 'hello');
    const bad = neurite('predict', trained, '--image', notImage);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/notes\.png/);
    // A project without images: --image refused with what to give instead.
    const csv = neurite('predict', path.join(ROOT, 'resources/templates/keras-tutorial-classifier.neurite'), '--image', path.join(folder, target));
    expect(csv.code).toBe(2);
    expect(csv.stderr).toMatch(/--image .*image dataset/);
  }, 120_000);
});
