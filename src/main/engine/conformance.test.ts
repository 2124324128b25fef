import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { LAYERS, defaultParams, getLayer, resolveParams, validateParams } from '../../shared/layers';
import type { LayerParams, Shape } from '../../shared/layers/types';
import { instantiateLayer } from './compile';

/**
 * Every registered layer, built by tfjs with defaults and a few variations: the registry's shape
 * inference and parameter count must equal tfjs' own, and the config must survive a
 * serialize/deserialize round trip. A layer missing here fails the "covers every layer" test.
 */
interface Case {
  params: LayerParams;
  inputs: Shape[];
}

const CASES: Record<string, Case[]> = {
  Input: [
    { params: {}, inputs: [] },
    { params: { shape: [28, 28] }, inputs: [] },
  ],
  Dense: [
    { params: {}, inputs: [[null, 4]] },
    { params: { units: 10, activation: 'softmax', useBias: false }, inputs: [[null, 100]] },
    { params: { units: 3, activation: 'gelu', kernelInitializer: 'heNormal', biasInitializer: 'ones', l1: 0.01, l2: 0.001 }, inputs: [[null, 5, 7]] },
    { params: { units: 2, activation: 'hardSigmoid', kernelInitializer: 'truncatedNormal' }, inputs: [[null, 1]] },
  ],
  Activation: [
    { params: {}, inputs: [[null, 3]] },
    ...['linear', 'sigmoid', 'tanh', 'softmax', 'elu', 'selu', 'softplus', 'softsign', 'swish', 'gelu', 'hardSigmoid'].map((activation) => ({ params: { activation }, inputs: [[null, 6]] as Shape[] })),
    { params: { activation: 'leakyRelu', alpha: 0.2 }, inputs: [[null, 2, 3]] },
  ],
  Dropout: [
    { params: {}, inputs: [[null, 8]] },
    { params: { rate: 0 }, inputs: [[null, 2, 2]] },
  ],
  BatchNormalization: [
    { params: {}, inputs: [[null, 6]] },
    { params: { momentum: 0.9, epsilon: 1e-5, center: false, scale: false }, inputs: [[null, 4, 3]] },
    { params: { center: false }, inputs: [[null, 5]] },
  ],
  Flatten: [
    { params: {}, inputs: [[null, 28, 28]] },
    { params: {}, inputs: [[null, 2, 3, 4]] },
  ],
  Reshape: [
    { params: {}, inputs: [[null, 1]] },
    { params: { targetShape: [2, 3] }, inputs: [[null, 6]] },
    { params: { targetShape: [-1, 2] }, inputs: [[null, 3, 4]] },
    { params: { targetShape: [12] }, inputs: [[null, 3, 4]] },
  ],
  Add: [
    { params: {}, inputs: [[null, 3], [null, 3]] },
    { params: {}, inputs: [[null, 2, 4], [null, 2, 4], [null, 2, 4]] },
  ],
  Concatenate: [
    { params: {}, inputs: [[null, 3], [null, 4]] },
    { params: { axis: 1 }, inputs: [[null, 2, 5], [null, 3, 5]] },
    { params: { axis: -2 }, inputs: [[null, 2, 5], [null, 1, 5], [null, 4, 5]] },
  ],
};

function fullShape(shape: Shape): (number | null)[] {
  return shape.map((d) => (d === null ? null : d));
}

/** tfjs writes an unset seed as undefined in a fresh layer and null after deserializing; both mean "none". */
function normalized(config: unknown): unknown {
  return JSON.parse(JSON.stringify(config, (_key, value: unknown) => (value === undefined ? null : value)));
}

function describeCase(c: Case): string {
  return `${JSON.stringify(c.params)} on ${JSON.stringify(c.inputs)}`;
}

describe('layer registry conformance with TensorFlow.js', () => {
  it('covers every registered layer with its defaults', () => {
    expect(Object.keys(CASES).sort()).toEqual(LAYERS.map((l) => l.type).sort());
    for (const def of LAYERS) expect(CASES[def.type].some((c) => Object.keys(c.params).length === 0), def.type).toBe(true);
  });

  it('has valid defaults for every layer', () => {
    for (const def of LAYERS) expect(validateParams(def, defaultParams(def)), def.type).toEqual([]);
  });

  for (const def of LAYERS) {
    describe(def.type, () => {
      for (const c of CASES[def.type] ?? []) {
        it(`agrees with tfjs for ${describeCase(c)}`, async () => {
          expect(validateParams(def, c.params)).toEqual([]);
          const params = resolveParams(def, c.params);
          const inferred = def.inferOutputShape(c.inputs, params);
          if (!inferred.ok) throw new Error(`${def.type} refused ${describeCase(c)}: ${inferred.message}`);
          const count = def.countParams(c.inputs, params);
          const spec = def.toTfjs(params, c.inputs);

          let model: tf.LayersModel;
          let layer: tf.layers.Layer;
          if (def.type === 'Input') {
            const input = tf.input({ batchShape: spec.config.batchInputShape as number[], name: 'conformance_input' });
            expect(input.shape).toEqual(fullShape(inferred.shape));
            model = tf.model({ inputs: input, outputs: input });
            layer = model.layers[0];
            expect(layer.getClassName()).toBe(spec.className);
          } else {
            const inputs = c.inputs.map((shape, i) => tf.input({ batchShape: shape, name: `in_${i}` }));
            layer = instantiateLayer(spec, 'layer_under_test');
            const output = layer.apply(inputs.length === 1 ? inputs[0] : inputs) as tf.SymbolicTensor;
            expect(output.shape, 'symbolic output shape').toEqual(fullShape(inferred.shape));
            const computed = layer.computeOutputShape(inputs.length === 1 ? inputs[0].shape : inputs.map((t) => t.shape));
            expect(computed, 'computeOutputShape').toEqual(fullShape(inferred.shape));
            model = tf.model({ inputs, outputs: output });
          }

          expect(layer.countParams(), 'parameter count').toBe(count.trainable + count.nonTrainable);
          const trainable = layer.trainableWeights.reduce((n, w) => n + w.shape.reduce((a: number, b) => a * (b ?? 1), 1), 0);
          expect(trainable, 'trainable parameters').toBe(count.trainable);

          // Running real data through checks the shape at execution time too.
          if (def.type !== 'Input') {
            const batch = c.inputs.map((shape) => tf.randomNormal([2, ...(shape.slice(1) as number[])]));
            const y = model.predict(batch.length === 1 ? batch[0] : batch) as tf.Tensor;
            expect(y.shape).toEqual([2, ...inferred.shape.slice(1)]);
          }

          const json = model.toJSON(undefined, false) as tf.io.ModelJSON['modelTopology'];
          const restored = await tf.models.modelFromJSON({ modelTopology: json });
          const restoredLayer = restored.getLayer(layer.name);
          expect(restoredLayer.getClassName()).toBe(layer.getClassName());
          expect(normalized(restoredLayer.getConfig())).toEqual(normalized(layer.getConfig()));
          expect(restored.outputs[0].shape).toEqual(model.outputs[0].shape);
          expect(restored.countParams()).toBe(model.countParams());
        });
      }
    });
  }

  it('keeps the registry config in the tfjs config (nothing silently dropped)', () => {
    const dense = getLayer('Dense')!;
    const params = resolveParams(dense, { units: 5, activation: 'tanh', useBias: false, l2: 0.5 });
    const layer = instantiateLayer(dense.toTfjs(params, [[null, 2]]), 'probe');
    expect(layer.getConfig()).toMatchObject({ units: 5, activation: 'tanh', useBias: false, kernelRegularizer: { className: 'L1L2', config: { l1: 0, l2: 0.5 } } });
  });
});
