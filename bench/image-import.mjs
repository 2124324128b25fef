#!/usr/bin/env node
// Issue 14 (image folders): how fast an image folder imports — the header pass, sharp's decode
// and Neurite's own resize to 28×28 grayscale, as main's import worker runs them
// (importImageFolder). Writes JPEG photos with sharp into a temp folder first (not timed).
// Run: npm run build && node bench/image-import.mjs [--images 600] [--size 320x240]
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'out/main/bench.js');
if (!existsSync(bundle)) {
  console.error(`bench: ${bundle} is missing; run npm run build first.`);
  process.exit(1);
}
const require = createRequire(import.meta.url);
const engine = require(bundle);
const sharp = require('sharp');

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const total = Math.max(3, Number(option('--images', '600')));
const [width, height] = option('--size', '320x240').split('x').map(Number);
const classes = ['a', 'b', 'c'];

const folder = mkdtempSync(path.join(tmpdir(), 'neurite-bench-images-'));
try {
  for (const [i, name] of classes.entries()) {
    mkdirSync(path.join(folder, name));
    for (let k = 0; k < Math.ceil(total / classes.length); k++) {
      const raw = new Uint8Array(width * height * 3);
      for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) raw.set([(r * 7 + k + i) & 255, (c * 3) & 255, (r + c) & 255], (r * width + c) * 3);
      writeFileSync(path.join(folder, name, `${k}.jpg`), await sharp(raw, { raw: { width, height, channels: 3 } }).jpeg().toBuffer());
    }
  }
  const rows = [];
  for (const [label, size] of [['28×28 grayscale', { height: 28, width: 28, channels: 1 }], ['64×64 RGB', { height: 64, width: 64, channels: 3 }]]) {
    const started = performance.now();
    const { images } = await engine.importImageFolder({ path: folder, kind: 'folder' }, size);
    const ms = performance.now() - started;
    rows.push({ to: label, images: images.rows, seconds: (ms / 1000).toFixed(2), 'ms/image': (ms / images.rows).toFixed(1) });
  }
  console.log(`Image folder import: ${classes.length} classes of JPEG photos ${width}×${height} (width × height), header pass + decode (sharp) + resize (Neurite)`);
  console.table(rows);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
