import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../shared/data/random';
import { chain, node } from '../../shared/graph/fixtures';
import { LAYERS, resolveParams } from '../../shared/layers';
import type { LayerDefinition, LayerExample } from '../../shared/layers/types';
import { initBackend } from './backend';
import { buildModel } from './compile';

/**
 * Issue 14: every layer of the registry that takes an image or a sequence trains on the wasm
 * backend (the trainer's, with the kernels of wasm-conv.ts registered by initBackend) as it does on
 * the cpu backend. For each example of each such layer file, the app's compiler builds
 * Input → a 1×1 Conv (so gradients flow back through the layer under test: its backprop kernels,
 * e.g. ResizeNearestNeighborGrad for UpSampling2D, the depthwise gradients for DepthwiseConv2D and
 * SeparableConv2D, Conv2DBackpropFilter for Conv1D) → the layer → Flatten → Dense(3, softmax);
 * three SGD steps from the same weights must give the same losses and weights to 1e-3, with no
 * tensor or wasm buffer left behind. (UpSampling2D needed the cpu side fixed: cpu-kernels.ts.)
 */

const rng = createRandom(1414);

/** The image layers (the Convolution, Pooling and Preprocessing groups, ZeroPadding2D, UpSampling2D) with their examples that take one image `[batch, h, w, c]` or sequence `[batch, steps, c]`. */
const IMAGE_LAYER = (def: LayerDefinition) => ['Convolution', 'Pooling', 'Preprocessing'].includes(def.category) || ['ZeroPadding2D', 'UpSampling2D'].includes(def.type);
const SPATIAL: { def: LayerDefinition; example: LayerExample; index: number }[] = LAYERS.filter(IMAGE_LAYER).flatMap((def) =>
  def.examples.map((example, index) => ({ def, example, index })).filter(({ example }) => example.inputs.length === 1 && [3, 4].includes(example.inputs[0].length) && example.inputs[0].slice(1).every((d) => d !== null)),
);

function graphFor(def: LayerDefinition, example: LayerExample) {
  const shape = example.inputs[0].slice(1) as number[];
  const rank = shape.length - 1;
  const channels = shape[shape.length - 1];
  const out = def.inferOutputShape(example.inputs, resolveParams(def, example.params));
  const flat = out.ok && out.shape.length > 2;
  return chain(
    node('in', 'Input', { shape }),
    node('mix', rank === 1 ? 'Conv1D' : 'Conv2D', { filters: channels, kernelSize: rank === 1 ? [1] : [1, 1] }),
    node('under_test', def.type, example.params),
    ...(flat ? [node('flat', 'Flatten')] : []),
    node('out', 'Dense', { units: 3, activation: 'softmax' }),
  );
}

async function trainSteps(backend: 'cpu' | 'wasm', def: LayerDefinition, example: LayerExample, weights: tf.Tensor[] | null, x: Float32Array, labels: number[]) {
  await tf.setBackend(backend);
  expect(tf.getBackend()).toBe(backend);
  const tensorsBefore = tf.memory().numTensors;
  const buffersBefore = tf.backend().numDataIds();
  const model = buildModel(graphFor(def, example), { seed: 7 });
  if (weights) model.setWeights(weights);
  const initial = model.getWeights().map((w) => w.dataSync().slice() as Float32Array);
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy' });
  const xs = tf.tensor(x, [labels.length, ...(example.inputs[0].slice(1) as number[])]);
  const ys = tf.oneHot(labels, 3);
  const losses: number[] = [];
  for (let step = 0; step < 3; step++) losses.push((await model.trainOnBatch(xs, ys)) as number);
  const trained = model.getWeights().map((w) => w.dataSync().slice() as Float32Array);
  tf.dispose([xs, ys]);
  model.optimizer.dispose();
  model.dispose();
  expect(tf.memory().numTensors, `${backend}: tensors left behind`).toBe(tensorsBefore);
  expect(tf.backend().numDataIds(), `${backend}: backend buffers left behind`).toBe(buffersBefore);
  return { losses, initial, trained };
}

function worst(a: Float32Array, b: Float32Array): number {
  let w = 0;
  for (let i = 0; i < a.length; i++) w = Math.max(w, Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i])));
  return w;
}

describe('image and sequence layers train on wasm as on cpu', () => {
  beforeAll(async () => {
    const info = await initBackend();
    if (info.name !== 'wasm') expect(await tf.setBackend('wasm')).toBe(true);
  });
  afterAll(async () => {
    await tf.setBackend('wasm');
  });

  it('covers every issue-14 layer', () => {
    const covered = new Set(SPATIAL.map((c) => c.def.type));
    for (const type of ['Conv1D', 'Conv2D', 'SeparableConv2D', 'DepthwiseConv2D', 'MaxPooling1D', 'MaxPooling2D', 'AveragePooling2D', 'GlobalAveragePooling1D', 'GlobalAveragePooling2D', 'GlobalMaxPooling2D', 'ZeroPadding2D', 'UpSampling2D', 'Rescaling']) {
      expect(covered.has(type), type).toBe(true);
    }
  });

  for (const { def, example, index } of SPATIAL) {
    it(`${def.type} example ${index} ${JSON.stringify(example.params)}: three SGD steps on wasm equal cpu to 1e-3`, async () => {
      const shape = example.inputs[0].slice(1) as number[];
      const batch = 6;
      const x = Float32Array.from({ length: batch * shape.reduce((a, b) => a * b, 1) }, () => rng.normal());
      const labels = Array.from({ length: batch }, (_, i) => i % 3);
      const cpu = await trainSteps('cpu', def, example, null, x, labels);
      await tf.setBackend('wasm');
      const shapes = (() => {
        const m = buildModel(graphFor(def, example), { seed: 7 });
        const s = m.getWeights().map((w) => w.shape);
        m.dispose();
        return s;
      })();
      const weights = cpu.initial.map((values, i) => tf.tensor(values, shapes[i]));
      const wasm = await trainSteps('wasm', def, example, weights, x, labels);
      tf.dispose(weights);
      expect(wasm.losses.every(Number.isFinite)).toBe(true);
      expect(worst(Float32Array.from(wasm.losses), Float32Array.from(cpu.losses))).toBeLessThan(1e-3);
      cpu.trained.forEach((w, i) => expect(worst(wasm.trained[i], w), `weight ${i}`).toBeLessThan(1e-3));
      // The 1×1 Conv before the layer moved, so the gradient did flow back through the layer under test.
      expect(worst(cpu.trained[0], cpu.initial[0])).toBeGreaterThan(1e-5);
    });
  }
});
