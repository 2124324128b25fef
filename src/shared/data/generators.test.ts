import { describe, expect, it } from 'vitest';
import { findNonFinite, generateDataset } from './generators';
import { createRandom } from './random';
import { GENERATORS } from '../project/schema';
import { checkSplit, looksSortedByLabel, profileLabels, splitRows } from './split';

function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}
function std(values: ArrayLike<number>): number {
  const m = mean(values);
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += (values[i] - m) ** 2;
  return Math.sqrt(sum / values.length);
}

describe('createRandom', () => {
  it('repeats for the same seed and differs for another', () => {
    const a = createRandom(7);
    const b = createRandom(7);
    const c = createRandom(8);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
  });

  it('draws normals with mean 0 and std 1', () => {
    const rng = createRandom(1);
    const values = Array.from({ length: 20000 }, () => rng.normal());
    expect(Math.abs(mean(values))).toBeLessThan(0.03);
    expect(std(values)).toBeGreaterThan(0.97);
    expect(std(values)).toBeLessThan(1.03);
  });

  it('shuffles into a permutation', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    createRandom(3).shuffle(items);
    expect([...items].sort((p, q) => p - q)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(items).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});

describe('generateDataset', () => {
  it('linear: x = linspace(0, 1, 100), y = x + N(0, 0.1)', () => {
    const data = generateDataset({ kind: 'generator', generator: 'linear', seed: 42 });
    expect(data.rows).toBe(100);
    expect(data.numFeatures).toBe(1);
    expect(data.task).toBe('regression');
    // The points are linspace(0, 1, 100), in shuffled order.
    const xs = Array.from(data.x).sort((a, b) => a - b);
    expect(xs[0]).toBe(0);
    expect(xs[99]).toBe(1);
    expect(xs[50]).toBeCloseTo(50 / 99, 6);
    const residuals = Array.from(data.y, (y, i) => y - data.x[i]);
    expect(Math.abs(mean(residuals))).toBeLessThan(0.04);
    expect(std(residuals)).toBeGreaterThan(0.07);
    expect(std(residuals)).toBeLessThan(0.13);
  });

  it('linear: noise and samples are honoured', () => {
    const data = generateDataset({ kind: 'generator', generator: 'linear', seed: 1, samples: 5000, noise: 0.5 });
    const residuals = Array.from(data.y, (y, i) => y - data.x[i]);
    expect(data.rows).toBe(5000);
    expect(std(residuals)).toBeCloseTo(0.5, 1);
  });

  it('classification: 1000×100 uniform features, 10 one-hot classes', () => {
    const data = generateDataset({ kind: 'generator', generator: 'classification', seed: 42 });
    expect(data.rows).toBe(1000);
    expect(data.x.length).toBe(100_000);
    expect(data.y.length).toBe(10_000);
    expect(data.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(Math.min(...data.x)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...data.x)).toBeLessThan(1);
    expect(mean(data.x)).toBeCloseTo(0.5, 1);
    const counts = new Array(10).fill(0);
    for (let row = 0; row < 1000; row++) {
      const label = data.y.subarray(row * 10, row * 10 + 10);
      expect(label.reduce((a, b) => a + b, 0)).toBe(1);
      counts[label.indexOf(1)]++;
    }
    for (const count of counts) {
      expect(count).toBeGreaterThan(60);
      expect(count).toBeLessThan(140);
    }
  });

  it.each(['xor', 'circles', 'gaussians', 'spirals'] as const)('%s: 400 balanced 2-D points, one-hot', (generator) => {
    const data = generateDataset({ kind: 'generator', generator, seed: 3 });
    expect(data.rows).toBe(400);
    expect(data.numFeatures).toBe(2);
    expect(data.labelWidth).toBe(2);
    let ones = 0;
    for (let row = 0; row < 400; row++) {
      expect(data.y[row * 2] + data.y[row * 2 + 1]).toBe(1);
      ones += data.y[row * 2 + 1];
    }
    expect(ones).toBe(200);
    expect(findNonFinite(data)).toBeNull();
  });

  it('xor: without noise the class is the sign of x·y', () => {
    const data = generateDataset({ kind: 'generator', generator: 'xor', seed: 5, noise: 0 });
    for (let row = 0; row < data.rows; row++) {
      const sameSign = data.x[row * 2] * data.x[row * 2 + 1] > 0;
      expect(data.y[row * 2 + 1]).toBe(sameSign ? 1 : 0);
    }
  });

  it('circles: without noise the inner class is inside radius 0.5 and the ring outside 0.7', () => {
    const data = generateDataset({ kind: 'generator', generator: 'circles', seed: 5, noise: 0 });
    for (let row = 0; row < data.rows; row++) {
      const r = Math.hypot(data.x[row * 2], data.x[row * 2 + 1]);
      if (data.y[row * 2 + 1] === 1) expect(r).toBeGreaterThanOrEqual(0.7 - 1e-6);
      else expect(r).toBeLessThanOrEqual(0.5 + 1e-6);
    }
  });

  it('is deterministic per seed for every generator', () => {
    for (const generator of GENERATORS) {
      const a = generateDataset({ kind: 'generator', generator, seed: 11, samples: 50 });
      const b = generateDataset({ kind: 'generator', generator, seed: 11, samples: 50 });
      const c = generateDataset({ kind: 'generator', generator, seed: 12, samples: 50 });
      expect(a.x).toEqual(b.x);
      expect(a.y).toEqual(b.y);
      expect(Array.from(a.x).concat(Array.from(a.y))).not.toEqual(Array.from(c.x).concat(Array.from(c.y)));
    }
  });
});

describe('findNonFinite', () => {
  it('names the row and column of the first NaN', () => {
    const data = generateDataset({ kind: 'generator', generator: 'xor', seed: 1, samples: 10 });
    data.x[7] = Number.NaN;
    expect(findNonFinite(data)).toEqual({ where: 'feature', row: 3, column: 1, name: 'x2' });
  });
});

describe('generatorInfo', () => {
  it('describes exactly what generateDataset makes', async () => {
    const { generatorInfo } = await import('./generators');
    for (const generator of GENERATORS) {
      const spec = { kind: 'generator' as const, generator, seed: 1, samples: 30 };
      const { x, y, ...info } = generateDataset(spec);
      expect(x.length).toBe(info.rows * info.numFeatures);
      expect(y.length).toBe(info.rows * info.labelWidth);
      expect(generatorInfo(spec)).toEqual(info);
    }
  });
});

describe('generated rows come in shuffled order (issue 9)', () => {
  it("no generator's labels look sorted, and Keras' last-rows split holds every class and the whole range", () => {
    for (const generator of GENERATORS) {
      const data = generateDataset({ kind: 'generator', generator, seed: 42 });
      const profile = profileLabels(data);
      expect(looksSortedByLabel(profile), generator).toBe(false);
      expect(checkSplit(profile, { validationSplit: 0.2, splitMode: 'end', seed: 1 }), generator).toEqual([]);
    }
  });

  it('spirals: the last 20% of rows reach as far from the centre as the rest (they were the outer arms only)', () => {
    const data = generateDataset({ kind: 'generator', generator: 'spirals', seed: 42 });
    const split = splitRows(data, { validationSplit: 0.2, splitMode: 'end', seed: 1 });
    const radius = (row: number) => Math.hypot(data.x[row * 2], data.x[row * 2 + 1]);
    const meanRadius = (rows: Int32Array) => rows.reduce((sum, r) => sum + radius(r), 0) / rows.length;
    expect(Math.abs(meanRadius(split.validation) - meanRadius(split.train))).toBeLessThan(0.1);
    expect(Math.min(...Array.from(split.validation, radius))).toBeLessThan(0.2);
  });

  it('linear: x is not in increasing order any more', () => {
    const data = generateDataset({ kind: 'generator', generator: 'linear', seed: 42 });
    let increasing = 0;
    for (let i = 1; i < data.rows; i++) if (data.x[i] > data.x[i - 1]) increasing++;
    expect(increasing).toBeLessThan(70);
  });
});
