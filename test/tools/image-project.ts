import { builtinImagesSpec } from '../../src/shared/data/images';
import { chain, edge, node } from '../../src/shared/graph/fixtures';
import type { Graph } from '../../src/shared/graph/types';
import { FORMAT_VERSION, type ImagesDataset, type PixelScaling, type Project, type TrainingSettings } from '../../src/shared/project/schema';
import { loadBuiltinImages } from '../../src/main/data/builtin-images';
import { pixelStats } from '../../src/shared/data/images';

/**
 * Image projects for the issue-14 interop tests (exports, code export, feature maps): a small CNN
 * on the built-in 8×8 digits, Input [8, 8, 1] → Conv2D(4, 3×3, relu, same) → MaxPooling2D →
 * Conv2D(3, 2×2, relu) → Flatten → Dense(10, softmax).
 */
export const IMAGE_SETTINGS: TrainingSettings = {
  optimizer: { type: 'adam', learningRate: 0.01 },
  loss: 'sparseCategoricalCrossentropy',
  metrics: ['accuracy'],
  epochs: 1,
  batchSize: 32,
  validationSplit: 0.2,
  splitMode: 'stratified',
  testSplit: 0,
  shuffle: true,
  seed: 7,
};

export function digitsCnnGraph(): Graph {
  return chain(
    node('in', 'Input', { shape: [8, 8, 1] }),
    node('c1', 'Conv2D', { filters: 4, kernelSize: [3, 3], activation: 'relu', padding: 'same' }),
    node('p1', 'MaxPooling2D', {}),
    node('c2', 'Conv2D', { filters: 3, kernelSize: [2, 2], activation: 'relu' }),
    node('f', 'Flatten'),
    node('out', 'Dense', { units: 10, activation: 'softmax' }),
  );
}

/** Input feeding two layers (a functional model): Conv2D(2, 3×3, same) and Conv2D(2, 1×1) → Concatenate → Flatten → Dense(10). */
export function branchedGraph(): Graph {
  return {
    nodes: [
      node('in', 'Input', { shape: [8, 8, 1] }),
      node('a', 'Conv2D', { filters: 2, kernelSize: [3, 3], padding: 'same', activation: 'relu' }),
      node('b', 'Conv2D', { filters: 2, kernelSize: [1, 1] }),
      node('cat', 'Concatenate'),
      node('f', 'Flatten'),
      node('out', 'Dense', { units: 10, activation: 'softmax' }),
    ],
    edges: [edge('in', 'a'), edge('in', 'b'), edge('a', 'cat'), edge('b', 'cat'), edge('cat', 'f'), edge('f', 'out')],
  };
}

/** A flat Input of the 64 pixels (Neurite reshapes rows to the Input's shape) → Dense(8, relu) → Dense(10). */
export function flatGraph(): Graph {
  return chain(node('in', 'Input', { shape: [64] }), node('h', 'Dense', { units: 8, activation: 'relu' }), node('out', 'Dense', { units: 10, activation: 'softmax' }));
}

/** The digits dataset spec with a scaling; `zscore` gets the statistics of all 1,797 images. */
export function digitsSpec(scaling: PixelScaling, samples = 300): ImagesDataset {
  const spec = builtinImagesSpec('digits', { samples, scaling });
  return scaling === 'zscore' ? { ...spec, transform: pixelStats(loadBuiltinImages('digits')) } : spec;
}

export function imageProject(dataset: ImagesDataset, graph: Graph = digitsCnnGraph(), training: TrainingSettings = IMAGE_SETTINGS): Project {
  return { format: 'neurite', formatVersion: FORMAT_VERSION, appVersion: 'test', savedAt: '2026-01-01T00:00:00.000Z', name: 'digits-cnn', graph, training, dataset } as Project;
}

/** The first `count` raw digits images as rows of 64 pixel values (0–16). */
export function rawDigitRows(count: number, from = 0): number[][] {
  const raw = loadBuiltinImages('digits');
  return Array.from({ length: count }, (_, r) => Array.from(raw.pixels.subarray((from + r) * 64, (from + r + 1) * 64)));
}
