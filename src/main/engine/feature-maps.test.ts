import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtinImagesSpec } from '../../shared/data/images';
import { chain, node } from '../../shared/graph/fixtures';
import { planGraph } from '../../shared/graph/plan';
import type { ImagesDataset } from '../../shared/project/schema';
import { digitsCnnGraph, digitsSpec, rawDigitRows } from '../../../test/tools/image-project';
import { buildModel } from './compile';
import { featureMaps, featureMapsForRow } from './feature-maps';
import { inputTransform } from './run-project';

/**
 * Issue 14, "for a chosen image: the feature maps of each convolutional layer, and the learned
 * filters of the first one": checked against a hand computation (a Conv2D with known weights on a
 * known image, through the pipeline's 0–1 scaling), and for leaks (tf.memory().numTensors).
 */
beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** 4×4 grayscale images of 0…4 (scaled by 1/4 by the pipeline). */
const SPEC: ImagesDataset = { ...builtinImagesSpec('digits'), height: 4, width: 4, maxValue: 4 };

function handModel() {
  const graph = chain(
    node('in', 'Input', { shape: [4, 4, 1] }),
    node('c', 'Conv2D', { filters: 2, kernelSize: [2, 2] }),
    node('p', 'MaxPooling2D', { poolSize: [2, 2], strides: [1, 1] }),
    node('g', 'GlobalAveragePooling2D'),
    node('out', 'Dense', { units: 2 }),
  );
  const model = buildModel(graph, { seed: 1 });
  // Kernel [kh, kw, in, out]: filter 0 = [[1, 0], [0, -1]] (a diagonal difference), filter 1 = all 0.5; biases 0.5 and -1.
  const kernel = tf.tensor4d([1, 0.5, 0, 0.5, 0, 0.5, -1, 0.5], [2, 2, 1, 2]);
  const bias = tf.tensor1d([0.5, -1]);
  const plan = planGraph(graph);
  model.getLayer(plan.byId.get('c')!.name).setWeights([kernel, bias]);
  tf.dispose([kernel, bias]);
  return { graph, model, plan };
}

describe('feature maps and first filters (issue 14)', () => {
  it('equal a hand computation: the raw image goes through the pipeline (x / 4), then Conv2D and MaxPooling2D', () => {
    const { model, plan } = handModel();
    // Raw pixels 0…15 are beyond maxValue 4 on purpose: the scaling is x / 4 whatever the values.
    const raw = Array.from({ length: 16 }, (_, i) => i);
    const maps = featureMapsForRow(model, plan, inputTransform(SPEC, 16), raw);
    const name = (id: string) => plan.byId.get(id)!.name;
    expect(maps.layers.map((l) => [l.nodeId, l.name, l.type, l.shape])).toEqual([
      ['c', name('c'), 'Conv2D', [3, 3, 2]],
      ['p', name('p'), 'MaxPooling2D', [2, 2, 2]],
    ]);
    // x(i, j) = (4i + j) / 4. Filter 0: x(i, j) − x(i+1, j+1) + 0.5 = −5/4 + 0.5 = −0.75 everywhere.
    // Filter 1: 0.5 · (x(i, j) + x(i, j+1) + x(i+1, j) + x(i+1, j+1)) − 1 = (4(4i + j) + 10) / 8 − 1.
    const conv = (i: number, j: number, f: number) => (f === 0 ? -0.75 : (4 * (4 * i + j) + 10) / 8 - 1);
    const want: number[] = [];
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let f = 0; f < 2; f++) want.push(conv(i, j, f));
    expect(maps.layers[0].values).toEqual(want.map((v) => expect.closeTo(v, 5)));
    expect(maps.layers[0].values.slice(0, 2)).toEqual([expect.closeTo(-0.75, 6), expect.closeTo(0.25, 6)]);
    // Max over each 2×2 window (stride 1): filter 1 grows with i and j, so its maximum is at (i+1, j+1).
    const pooled: number[] = [];
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) for (let f = 0; f < 2; f++) pooled.push(conv(i + 1, j + 1, f));
    expect(maps.layers[1].values).toEqual(pooled.map((v) => expect.closeTo(v, 5)));
    expect(maps.filters).toEqual({ nodeId: 'c', name: name('c'), shape: [2, 2, 1, 2], values: [1, 0.5, 0, 0.5, 0, 0.5, -1, 0.5] });
    model.dispose();
  });

  it('leaves no tensor behind, over repeated calls on a trained-size CNN', () => {
    const graph = digitsCnnGraph();
    const model = buildModel(graph, { seed: 2 });
    const plan = planGraph(graph);
    const transform = inputTransform(digitsSpec('unit'), 64);
    const [row] = rawDigitRows(1);
    featureMapsForRow(model, plan, transform, row);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) {
      const maps = featureMapsForRow(model, plan, transform, row);
      expect(maps.layers.map((l) => l.shape)).toEqual([[8, 8, 4], [4, 4, 4], [3, 3, 3]]);
      expect(maps.filters?.shape).toEqual([3, 3, 1, 4]);
    }
    expect(tf.memory().numTensors).toBe(before);
    // The model still predicts: its layers were shared, not disposed.
    const out = tf.tidy(() => (model.predict(tf.zeros([1, 8, 8, 1])) as tf.Tensor).shape);
    expect(out).toEqual([1, 10]);
    model.dispose();
  });

  it('a model without convolutions gives no maps and no filters; a wrong-sized image is refused, naming sizes', () => {
    const graph = chain(node('in', 'Input', { shape: [64] }), node('out', 'Dense', { units: 10 }));
    const model = buildModel(graph, { seed: 1 });
    expect(featureMaps(model, planGraph(graph), new Float32Array(64))).toEqual({ layers: [], filters: null });
    const cnn = handModel();
    expect(() => featureMapsForRow(cnn.model, cnn.plan, inputTransform(SPEC, 16), [1, 2, 3])).toThrow(/Row 1 has 3 values; expected 16/);
    model.dispose();
    cnn.model.dispose();
  });
});
