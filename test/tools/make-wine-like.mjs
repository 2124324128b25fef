#!/usr/bin/env node
// Writes test/fixtures/csv/wine-like.csv: a deterministic stand-in for the UCI wine data set
// (https://archive.ics.uci.edu/dataset/109/wine), which this machine cannot download. It keeps
// the properties that matter for training: 178 rows (59, 71 and 48 of classes 1, 2, 3), the
// 13 features of the original under their names, on the original's very different scales
// (proline ~300–1700 next to hue ~0.5–1.7), classes separable once normalised, and rows sorted
// by class with the class in the first column, as wine.data is. The values are Gaussian draws
// around per-class means and spreads read off the published data set's class summaries.
//
// Usage: node test/tools/make-wine-like.mjs [out.csv]   (same output every run)
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FEATURES = [
  // name, [mean of class 1, 2, 3], [std of class 1, 2, 3], decimals, [min, max]
  ['Alcohol', [13.74, 12.28, 13.15], [0.46, 0.54, 0.53], 2, [11, 14.9]],
  ['Malic acid', [2.01, 1.93, 3.33], [0.69, 1.02, 1.09], 2, [0.74, 5.8]],
  ['Ash', [2.46, 2.24, 2.44], [0.23, 0.32, 0.18], 2, [1.36, 3.23]],
  ['Alcalinity of ash', [17.04, 20.24, 21.42], [2.55, 3.35, 2.26], 1, [10.6, 30]],
  ['Magnesium', [106.3, 94.5, 99.3], [10.5, 16.8, 10.9], 0, [70, 162]],
  ['Total phenols', [2.84, 2.26, 1.68], [0.34, 0.55, 0.36], 2, [0.98, 3.88]],
  ['Flavanoids', [2.98, 2.08, 0.78], [0.4, 0.7, 0.29], 2, [0.34, 5.08]],
  ['Nonflavanoid phenols', [0.29, 0.36, 0.45], [0.07, 0.12, 0.12], 2, [0.13, 0.66]],
  ['Proanthocyanins', [1.9, 1.63, 1.15], [0.41, 0.6, 0.41], 2, [0.41, 3.58]],
  ['Color intensity', [5.53, 3.09, 7.4], [1.24, 0.92, 2.31], 2, [1.28, 13]],
  ['Hue', [1.06, 1.06, 0.68], [0.12, 0.2, 0.11], 3, [0.48, 1.71]],
  ['OD280/OD315 of diluted wines', [3.16, 2.79, 1.68], [0.36, 0.5, 0.27], 2, [1.27, 4]],
  ['Proline', [1116, 520, 630], [221, 158, 115], 0, [278, 1680]],
];
const CLASS_ROWS = [59, 71, 48];

/** mulberry32: a small seeded generator, so the file is the same on every machine. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function wineLikeCsv(seed = 109) {
  const next = random(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const lines = [['Class', ...FEATURES.map(([name]) => name)].join(',')];
  CLASS_ROWS.forEach((count, c) => {
    for (let r = 0; r < count; r++) {
      const values = FEATURES.map(([, means, stds, decimals, [min, max]]) => {
        const v = Math.min(max, Math.max(min, means[c] + stds[c] * gaussian()));
        return v.toFixed(decimals);
      });
      lines.push([c + 1, ...values].join(','));
    }
  });
  return lines.join('\n') + '\n';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'csv', 'wine-like.csv');
  writeFileSync(out, wineLikeCsv());
  process.stdout.write(`wrote ${out}\n`);
}
