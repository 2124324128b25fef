import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../../shared/data/generators';
import type { Dataset } from '../../../shared/data/types';
import { classificationResult, datasetStats, predictChunkRows, predictedClass, regressionResult, rowChunks, visibleRows } from './datastats';

const tiny: Dataset = {
  rows: 4,
  x: new Float32Array([1, 10, 2, 10, 3, 20, 4, 20]),
  y: new Float32Array([1, 0, 0, 1, 0, 1, 1, 0]),
  numFeatures: 2,
  task: 'classification',
  labelEncoding: 'onehot',
  labelWidth: 2,
  numClasses: 2,
  classNames: ['a', 'b'],
  featureNames: ['f', 'g'],
};

describe('datasetStats', () => {
  it('gives min, max, mean, population std and distinct count per feature, and the label as a class index', () => {
    const [f, g, label] = datasetStats(tiny);
    expect(f).toMatchObject({ name: 'f', min: 1, max: 4, mean: 2.5, distinct: 4 });
    expect(f.std).toBeCloseTo(Math.sqrt(1.25), 6);
    expect(g).toMatchObject({ min: 10, max: 20, mean: 15, std: 5, distinct: 2 });
    expect(label).toMatchObject({ name: 'label', kind: 'label', min: 0, max: 1, distinct: 2 });
  });

  it('matches the linear generator: x spans [0, 1] evenly', () => {
    const [x, y] = datasetStats(generateDataset({ kind: 'generator', generator: 'linear', seed: 1 }));
    expect(x.min).toBe(0);
    expect(x.max).toBe(1);
    expect(x.mean).toBeCloseTo(0.5, 5);
    expect(x.distinct).toBe(100);
    expect(y.kind).toBe('label');
  });
});

describe('results', () => {
  it('builds the confusion matrix with true classes as rows', () => {
    const outputs = [
      [0.9, 0.1], // true 0, predicted 0
      [0.8, 0.2], // true 1, predicted 0
      [0.3, 0.7], // true 1, predicted 1
      [0.6, 0.4], // true 0, predicted 0
    ];
    const r = classificationResult(tiny, outputs);
    expect(r.matrix).toEqual([
      [2, 0],
      [1, 1],
    ]);
    expect(r.perClass).toEqual([
      { total: 2, correct: 2 },
      { total: 2, correct: 1 },
    ]);
    expect(r.accuracy).toBe(0.75);
  });

  it('reads a single sigmoid output as P(class 1)', () => {
    expect(predictedClass([0.7])).toBe(1);
    expect(predictedClass([0.2])).toBe(0);
    expect(predictedClass([0.1, 0.5, 0.4])).toBe(1);
  });

  it('pairs regression predictions with the truth and gives the RMSE', () => {
    const data = generateDataset({ kind: 'generator', generator: 'linear', seed: 1, samples: 3, noise: 0 });
    // The generator gives linspace(0, 1, 3) in shuffled order; one prediction is off by 1.
    const truth = Array.from(data.y);
    expect([...truth].sort()).toEqual([0, 0.5, 1]);
    const r = regressionResult(data, truth.map((v, i) => [v + (i === 1 ? 1 : 0)]));
    expect(r.truth).toEqual(truth);
    expect(r.rmse).toBeCloseTo(Math.sqrt(1 / 3), 6);
  });
});

describe('chunks and windows', () => {
  it('splits the rows into predict-sized chunks covering every row once', () => {
    const data = generateDataset({ kind: 'generator', generator: 'classification', seed: 1, samples: 4500 });
    expect(predictChunkRows(100)).toBe(2000);
    const chunks = [...rowChunks(data)];
    expect(chunks.map((c) => c.length)).toEqual([2000, 2000, 500]);
    expect(chunks[1][0]).toEqual(Array.from(data.x.subarray(2000 * 100, 2001 * 100)));
  });

  it('renders only the visible rows plus overscan', () => {
    expect(visibleRows(0, 220, 22, 1000, 5)).toEqual({ first: 0, last: 15 });
    expect(visibleRows(2200, 220, 22, 1000, 5)).toEqual({ first: 95, last: 115 });
    expect(visibleRows(22_000, 220, 22, 1000, 5)).toEqual({ first: 995, last: 1000 });
  });
});
