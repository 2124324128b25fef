import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_FOLDER_LIMITS, imageFolderHealth } from '../../shared/data/image-folder';
import { resizeImage, rgbToGray } from '../../shared/data/image-resize';
import { imagesToDataset } from '../../shared/data/images';
import { chain, node } from '../../shared/graph/fixtures';
import { parseProject } from '../../shared/project/load';
import { translator, type MessageKey } from '../../shared/i18n/translate';
import type { ImagesDataset, Project } from '../../shared/project/schema';
import { initBackend } from '../engine/backend';
import { disposeModel, runProject } from '../engine/run-project';
import { decodeExample, importImageFolder, inspectImageFolder, interleaveByClass, unsafeZipPath } from './image-folder';
import { packImages, packedImagesPath, readPackedImages, unpackImages, writePackedImages } from './image-pack';
import { loadImagesDataset, loadRawImages, restoreFolderImages } from './load-images';
import { sourceNotePath } from './store';

/** Issue 14 (image folders): real files written with sharp itself, real zips written with fflate. */

const roots: string[] = [];
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'neurite-images-'));
  roots.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of roots) rmSync(dir, { recursive: true, force: true });
});

/** An RGB image filled by `colour(row, col)`, encoded as PNG or JPEG. */
async function encode(height: number, width: number, colour: (r: number, c: number) => [number, number, number], format: 'png' | 'jpeg' = 'png', gray = false): Promise<Buffer> {
  const raw = Buffer.alloc(height * width * 3);
  for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) raw.set(colour(r, c), (r * width + c) * 3);
  const rgb = sharp(raw, { raw: { width, height, channels: 3 } });
  const image = gray ? rgb.toColourspace('b-w') : rgb;
  return format === 'png' ? image.png().toBuffer() : image.jpeg({ quality: 95 }).toBuffer();
}

const RED: [number, number, number] = [255, 0, 0];
const GREEN: [number, number, number] = [0, 255, 0];
const BLUE: [number, number, number] = [0, 0, 255];
const WHITE: [number, number, number] = [255, 255, 255];
/** 4×4: red, green on top; blue, white below (2×2 blocks). */
const quadrants = (r: number, c: number) => (r < 2 ? (c < 2 ? RED : GREEN) : c < 2 ? BLUE : WHITE);

/** A folder of `classes` with `perClass` small grayscale PNGs each (class i is mostly brightness 40 + 60·i, with a white stripe). */
async function writeFolder(root: string, classes: string[], perClass: number): Promise<void> {
  for (const [i, name] of classes.entries()) {
    mkdirSync(join(root, name), { recursive: true });
    for (let k = 0; k < perClass; k++) {
      const v = 40 + 60 * i;
      writeFileSync(join(root, name, `img${String(k).padStart(2, '0')}.png`), await encode(6, 6, (_r, c) => (c === k % 6 ? [255, 255, 255] : [v, v, v]), 'png', true));
    }
  }
}

beforeAll(async () => {
  await initBackend();
});

describe('decoding and resizing (shared resize, sharp decode)', () => {
  it('a 4×4 PNG of four colour blocks shrinks to exactly those four colours (area averaging)', async () => {
    const example = await decodeExample(await encode(4, 4, quadrants), { height: 2, width: 2, channels: 3 });
    expect(Array.from(example.data)).toEqual([...RED, ...GREEN, ...BLUE, ...WHITE]);
  });

  it('grayscale is BT.601 luma in Pillow fixed point: red 76, green 150, blue 29, white 255', async () => {
    const example = await decodeExample(await encode(4, 4, quadrants), { height: 2, width: 2, channels: 1 });
    expect(Array.from(example.data)).toEqual([76, 150, 29, 255]);
    expect(Array.from(rgbToGray({ height: 1, width: 2, channels: 3, data: Uint8Array.from([10, 10, 10, 200, 200, 200]) }).data)).toEqual([10, 200]);
  });

  it('shrinks by a fraction with covered-area weights, and enlarges bilinearly with half-pixel centres', () => {
    // 3 → 2: out[0] = (a + b/2) / 1.5, out[1] = (b/2 + c) / 1.5.
    const shrunk = resizeImage({ height: 1, width: 3, channels: 1, data: Uint8Array.from([0, 90, 180]) }, 1, 2);
    expect(Array.from(shrunk.data)).toEqual([30, 150]);
    // 2 → 4: centres at −0.25, 0.25, 0.75, 1.25 → clamped 0, 0.25, 0.75, 1.
    const grown = resizeImage({ height: 1, width: 2, channels: 1, data: Uint8Array.from([0, 200]) }, 1, 4);
    expect(Array.from(grown.data)).toEqual([0, 50, 150, 200]);
  });

  it('a JPEG decodes close to its colours (lossy), resized to the chosen size', async () => {
    const example = await decodeExample(await encode(16, 16, () => [200, 100, 50], 'jpeg'), { height: 8, width: 8, channels: 3 });
    expect(example.data.length).toBe(8 * 8 * 3);
    for (let i = 0; i < example.data.length; i += 3) {
      expect(Math.abs(example.data[i] - 200)).toBeLessThanOrEqual(4);
      expect(Math.abs(example.data[i + 1] - 100)).toBeLessThanOrEqual(4);
      expect(Math.abs(example.data[i + 2] - 50)).toBeLessThanOrEqual(4);
    }
  });
});

describe('importing a folder of class folders', () => {
  it('lists a broken file with its reason and still imports the rest; non-images are skipped and counted', async () => {
    const root = join(scratch(), 'shapes');
    await writeFolder(root, ['circle', 'square'], 12);
    writeFileSync(join(root, 'circle', 'broken.png'), Buffer.from('this is not a png'));
    // A truncated JPEG: its header reads, its data does not.
    writeFileSync(join(root, 'square', 'cut.jpg'), (await encode(64, 64, (r, c) => [r * 4, c * 4, 0], 'jpeg')).subarray(0, 400));
    writeFileSync(join(root, 'square', 'notes.txt'), 'not an image');
    writeFileSync(join(root, 'README.md'), 'outside the classes');
    const imported = await importImageFolder({ path: root, kind: 'folder' }, { height: 6, width: 6, channels: 1 });
    expect(imported.summary.classNames).toEqual(['circle', 'square']);
    expect(imported.summary.classCounts).toEqual([12, 12]);
    expect(imported.images.rows).toBe(24);
    expect(imported.summary.unreadable.map((u) => u.file)).toEqual(['circle/broken.png', 'square/cut.jpg']);
    expect(imported.summary.unreadable[0].reason).toMatch(/not an image Neurite can read/);
    expect(imported.summary.skipped).toMatchObject({ nonImage: 1, outsideClasses: 1 });
    const kinds = imageFolderHealth(imported.summary).map((h) => h.kind);
    expect(kinds).toContain('unreadable-files');
    expect(kinds).toContain('skipped-files');
    // Known pixels: circle/img00.png has a white first column on gray 40.
    const row = imported.images.files.indexOf('circle/img00.png');
    const pixels = Array.from(imported.images.pixels.subarray(row * 36, row * 36 + 6));
    expect(pixels).toEqual([255, 40, 40, 40, 40, 40]);
    expect(imported.images.labels[row]).toBe(0);
  });

  // Trial 5, F12: "circle/broken.png: Input buffer has corrupt header:" (sharp's words, dangling colon).
  // F11: sizes were "from 36×40 to 40×48", a per-axis min/max naming sizes no image has.
  it('says why a damaged file cannot be read in plain words, and lists the actual image sizes (height × width) with counts', async () => {
    const root = join(scratch(), 'shapes2');
    await writeFolder(root, ['circle', 'square'], 4);
    for (let i = 0; i < 3; i++) writeFileSync(join(root, 'square', `wide${i}.png`), await encode(36, 48, () => [9, 9, 9]));
    writeFileSync(join(root, 'circle', 'broken.png'), (await encode(40, 40, () => [1, 2, 3])).subarray(0, 40));
    writeFileSync(join(root, 'square', 'cut.jpg'), (await encode(64, 64, (r, c) => [r * 4, c * 4, 0], 'jpeg')).subarray(0, 400));
    const imported = await importImageFolder({ path: root, kind: 'folder' }, { height: 6, width: 6, channels: 1 });
    expect(imported.summary.unreadable.map((u) => u.file)).toEqual(['circle/broken.png', 'square/cut.jpg']);
    for (const { reason } of imported.summary.unreadable) {
      expect(reason).toBe('it cannot be decoded: the file is damaged or cut short, or not an image of a supported type (JPEG, PNG, WebP, GIF, TIFF, AVIF)');
    }
    const sizes = imported.summary.sizes;
    expect(sizes.distinct).toBe(2);
    expect(sizes.common).toEqual([
      { height: 6, width: 6, count: 8 },
      { height: 36, width: 48, count: 3 },
    ]);
    const mixed = imageFolderHealth(imported.summary, { height: 6, width: 6 }).find((h) => h.kind === 'mixed-sizes');
    expect(mixed?.message).toContain('6×6 (8 images) and 36×48 (3 images)');
    expect(mixed?.message).not.toContain('from');
  });

  it('interleaves the classes so any tail (the validation split) holds each in proportion', () => {
    const order = interleaveByClass([6, 2]);
    expect(order.map((o) => o.classIndex)).toEqual([0, 0, 1, 0, 0, 0, 1, 0]);
  });

  it('refuses one class, and no images, naming the folder and what to do; an empty class folder is reported', async () => {
    const one = join(scratch(), 'cats');
    await writeFolder(one, ['cat'], 3);
    mkdirSync(join(one, 'dog'));
    writeFileSync(join(one, 'dog', 'readme.txt'), 'no images');
    await expect(inspectImageFolder({ path: one, kind: 'folder' }, undefined)).rejects.toMatchObject({ code: 'one-class', message: expect.stringMatching(/cats has one class only \("cat"; "dog" holds no readable image\)/) });
    const none = join(scratch(), 'empty');
    mkdirSync(join(none, 'a'), { recursive: true });
    await expect(inspectImageFolder({ path: none, kind: 'folder' }, undefined)).rejects.toMatchObject({ code: 'no-images', message: expect.stringMatching(/sub-folder named after the class/) });
  });

  it('says so in Chinese too (issue 16): the refusal carries its id and params, the English rendered from them', async () => {
    const one = join(scratch(), 'cats');
    await writeFolder(one, ['cat'], 3);
    const error = (await inspectImageFolder({ path: one, kind: 'folder' }, undefined).then(
      () => null,
      (e: unknown) => e,
    )) as { messageId: string; params: Record<string, string | number>; message: string };
    expect(error.messageId).toBe('images.oneClass');
    expect(translator('en')(error.messageId as MessageKey, error.params)).toBe(error.message);
    expect(translator('zh-CN')(error.messageId as MessageKey, error.params)).toBe('cats 只有一个类别（“cat”）：分类器至少需要两个。请为其他每个类别添加一个图像子文件夹。');
  });

  it('inspects: counts, a default size (median, longest side ≤ 64), gray detection, a preview decoded at the size, health items', async () => {
    const root = join(scratch(), 'few');
    await writeFolder(root, ['a', 'b'], 3);
    for (let k = 0; k < 9; k++) writeFileSync(join(root, 'b', `big${k}.png`), await encode(12, 12, () => [9, 9, 9], 'png', true));
    const inspection = await inspectImageFolder({ path: root, kind: 'folder' }, undefined);
    expect(inspection.summary.classCounts).toEqual([3, 12]);
    expect(inspection.summary.allGray).toBe(true);
    expect(inspection.defaults).toEqual({ height: 12, width: 12, channels: 1 });
    expect(inspection.preview.filter((p) => p.classIndex === 0)).toHaveLength(3);
    expect(inspection.preview[0].pixels.length).toBe(144);
    expect(imageFolderHealth(inspection.summary).map((h) => h.kind)).toEqual(['class-imbalance', 'few-images', 'mixed-sizes']);
  });
});

describe('importing a zip', () => {
  it('refuses a zip with an entry that climbs out of the folder, naming the entry', async () => {
    const png = await encode(4, 4, quadrants);
    const path = join(scratch(), 'evil.zip');
    writeFileSync(path, zipSync({ 'a/1.png': png, 'b/1.png': png, '../escape/1.png': png }));
    await expect(inspectImageFolder({ path, kind: 'zip' }, undefined)).rejects.toMatchObject({ code: 'zip-unsafe-path', message: expect.stringContaining('"../escape/1.png"') });
    expect(unsafeZipPath('/etc/passwd')).toMatch(/absolute/);
    expect(unsafeZipPath('C:/x.png')).toMatch(/drive/);
    expect(unsafeZipPath('a\\..\\..\\b.png')).toMatch(/climbs out/);
    expect(unsafeZipPath('cat\\1.png')).toBeNull();
    expect(unsafeZipPath('cat/1.png')).toBeNull();
  });

  it('refuses an entry that declares more than the per-image limit (a bomb) by listing it, and reads a wrapped zip (one top folder)', async () => {
    const png = await encode(4, 4, quadrants);
    const files: Record<string, Uint8Array> = {};
    for (let k = 0; k < 3; k++) {
      files[`pets/cat/${k}.png`] = png;
      files[`pets/dog/${k}.png`] = png;
    }
    files['pets/dog/huge.png'] = new Uint8Array(65 * 1024 * 1024); // zeros: deflates to almost nothing
    files['pets/README.txt'] = new TextEncoder().encode('in the wrapping folder, outside the classes');
    const path = join(scratch(), 'pets.zip');
    writeFileSync(path, zipSync(files, { level: 9 }));
    const imported = await importImageFolder({ path, kind: 'zip', name: 'pets.zip' }, { height: 2, width: 2, channels: 3 });
    expect(imported.summary.name).toBe('pets.zip');
    expect(imported.summary.classNames).toEqual(['cat', 'dog']);
    expect(imported.summary.skipped).toMatchObject({ outsideClasses: 1, examples: ['README.txt'] });
    expect(imported.summary.unreadable).toEqual([{ file: 'dog/huge.png', reason: expect.stringMatching(/more than the 64 MB one image may be/) }]);
    expect(Array.from(imported.images.pixels.subarray(0, 12))).toEqual([...RED, ...GREEN, ...BLUE, ...WHITE]);
  });
});

describe('limits (the same checks as the real limits, at small numbers)', () => {
  const small = { ...IMAGE_FOLDER_LIMITS, maxFiles: 10, maxTotalBytes: 1000, maxPackedBytes: 100 };
  it('refuses a zip or a folder of more files than the limit before decoding any, saying the limit', async () => {
    const files: Record<string, Uint8Array> = {};
    for (let k = 0; k <= small.maxFiles; k++) files[`c${k % 2}/${k}.txt`] = new Uint8Array(0);
    const path = join(scratch(), 'many.zip');
    writeFileSync(path, zipSync(files));
    await expect(inspectImageFolder({ path, kind: 'zip', limits: small }, undefined)).rejects.toMatchObject({ code: 'too-many-files', message: expect.stringMatching(/many\.zip holds more than 10 files, the most one import reads/) });
    const root = join(scratch(), 'many');
    for (let k = 0; k <= small.maxFiles; k++) {
      mkdirSync(join(root, `c${k % 2}`), { recursive: true });
      writeFileSync(join(root, `c${k % 2}`, `${k}.txt`), '');
    }
    await expect(inspectImageFolder({ path: root, kind: 'folder', limits: small }, undefined)).rejects.toMatchObject({ code: 'too-many-files' });
  });

  it('refuses a zip whose entries declare more bytes of images than the limit (a bomb), and a dataset too large to pack', async () => {
    const png = await encode(4, 4, quadrants);
    const bomb = join(scratch(), 'bomb.zip');
    writeFileSync(bomb, zipSync({ 'a/1.png': new Uint8Array(600), 'b/1.png': new Uint8Array(600) }));
    await expect(inspectImageFolder({ path: bomb, kind: 'zip', limits: small }, undefined)).rejects.toMatchObject({ code: 'zip-too-large', message: expect.stringMatching(/It may be a zip bomb/) });
    const ok = join(scratch(), 'ok.zip');
    writeFileSync(ok, zipSync({ 'a/1.png': png, 'b/1.png': png }));
    await expect(importImageFolder({ path: ok, kind: 'zip', limits: small }, { height: 8, width: 8, channels: 1 })).rejects.toMatchObject({
      code: 'too-large',
      message: expect.stringMatching(/2 images of 8×8×1 need .* Choose a smaller size or grayscale \(about 1 images fit/),
    });
  });
});

describe('the packed images in the data store', () => {
  it('pack → store → load gives the same images; a changed byte is not trusted', async () => {
    const root = join(scratch(), 'rt');
    await writeFolder(root, ['x', 'y', 'z'], 4);
    const { images } = await importImageFolder({ path: root, kind: 'folder' }, { height: 3, width: 3, channels: 3 });
    const bytes = packImages(images);
    const dir = scratch();
    const sha256 = writePackedImages(dir, bytes);
    const source = { kind: 'folder' as const, name: 'rt', sha256, size: bytes.length };
    const spec: ImagesDataset = {
      kind: 'images',
      source,
      height: 3,
      width: 3,
      channels: 3,
      maxValue: 255,
      classNames: ['x', 'y', 'z'],
      rows: 12,
      labelEncoding: 'index',
      scaling: 'unit',
    };
    const loaded = loadRawImages(spec, dir);
    expect(loaded).toEqual(unpackImages(bytes));
    expect(Array.from(loaded.pixels)).toEqual(Array.from(images.pixels));
    expect(Array.from(loaded.labels)).toEqual(Array.from(images.labels));
    // Embedded (small sets): the same images without the store.
    expect(loadRawImages({ ...spec, source: { ...source, embedded: bytes.toString('base64') } }, scratch())).toEqual(loaded);
    const changed = Buffer.from(readFileSync(packedImagesPath(dir, sha256)));
    changed[changed.length - 1] ^= 1;
    writeFileSync(packedImagesPath(dir, sha256), changed);
    expect(readPackedImages(dir, sha256)).toBeNull();
    expect(() => loadRawImages(spec, dir)).toThrow(/not in this computer's data store .* Import the image folder again/);
  });

  it('a project with a folder source trains in the trainer path (runProject) and re-opens from its file', async () => {
    const root = join(scratch(), 'bw');
    await writeFolder(root, ['dark', 'light'], 20);
    const { images } = await importImageFolder({ path: root, kind: 'folder' }, { height: 6, width: 6, channels: 1 });
    const bytes = packImages(images);
    const dir = scratch();
    const sha256 = writePackedImages(dir, bytes);
    const saved = process.env.NEURITE_DATA_DIR;
    process.env.NEURITE_DATA_DIR = dir;
    try {
      const project = {
        format: 'neurite',
        formatVersion: 5,
        appVersion: '0.1.0',
        savedAt: '2026-11-29T00:00:00.000Z',
        name: 'bw',
        graph: chain(node('in', 'Input', { shape: [6, 6, 1] }), node('f', 'Flatten'), node('out', 'Dense', { units: 2, activation: 'softmax' })),
        dataset: {
          kind: 'images',
          source: { kind: 'folder', name: 'bw', sha256, size: bytes.length },
          height: 6,
          width: 6,
          channels: 1,
          maxValue: 255,
          classNames: ['dark', 'light'],
          rows: 40,
          labelEncoding: 'index',
          scaling: 'unit',
        },
        training: { optimizer: { type: 'adam', learningRate: 0.05 }, loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'], epochs: 15, batchSize: 8, validationSplit: 0.25, splitMode: 'end', testSplit: 0, shuffle: true, seed: 3 },
      };
      const reopened = parseProject(JSON.stringify(project), 'bw.neurite');
      if (!reopened.ok) throw new Error(reopened.error.message);
      expect(reopened.project.dataset).toEqual(project.dataset);
      const run = await runProject(reopened.project as Project);
      try {
        expect(run.outcome.reason).toBe('completed');
        expect(run.dataset.rows).toBe(40);
        expect(run.outcome.finalLogs.val_acc ?? run.outcome.finalLogs.val_accuracy).toBe(1);
      } finally {
        disposeModel(run.model);
      }
      expect(loadImagesDataset(reopened.project.dataset as ImagesDataset).x).toEqual(imagesToDataset(reopened.project.dataset as ImagesDataset, images).x);
    } finally {
      if (saved === undefined) delete process.env.NEURITE_DATA_DIR;
      else process.env.NEURITE_DATA_DIR = saved;
    }
  }, 60_000);

  it('a store copy that is missing is imported again from where the folder was picked, only if it still packs to the same bytes', async () => {
    const root = join(scratch(), 'again');
    await writeFolder(root, ['p', 'q'], 4);
    const size = { height: 5, width: 5, channels: 1 as const };
    const bytes = packImages((await importImageFolder({ path: root, kind: 'folder' }, size)).images);
    const dir = scratch();
    const sha256 = writePackedImages(dir, bytes);
    rmSync(packedImagesPath(dir, sha256));
    const spec: ImagesDataset = { kind: 'images', source: { kind: 'folder', name: 'again', sha256, size: bytes.length }, ...size, maxValue: 255, classNames: ['p', 'q'], rows: 8, labelEncoding: 'index', scaling: 'unit' };
    expect(() => loadRawImages(spec, dir)).toThrow(/not in this computer's data store/);
    mkdirSync(join(dir, 'sources'), { recursive: true });
    writeFileSync(sourceNotePath(dir, sha256), root);
    await restoreFolderImages(spec, dir);
    expect(readPackedImages(dir, sha256)).toEqual(bytes);
    rmSync(packedImagesPath(dir, sha256));
    writeFileSync(join(root, 'q', 'img00.png'), await encode(5, 5, () => [1, 2, 3]));
    await expect(restoreFolderImages(spec, dir)).rejects.toThrow(/has changed since .* Import the folder again/);
  });
});
