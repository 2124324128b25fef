import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ACTIVATION_LIST, getActivation } from '../../shared/activations';
import { getLayer, resolveParams } from '../../shared/layers';
import { chain, node } from '../../shared/graph/fixtures';
import { buildForTraining, instantiateLayer } from './compile';
import { planFastDense } from './fast-dense';

/**
 * Every activation of the registry built in tfjs the way the compiler builds it (the Activation
 * layer's config, or Dense's `activation` for the Dense-only ones) and checked against its
 * formula computed by hand on a small row. A new activation needs its formula in `REFERENCE`.
 */
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const softplus = (x: number) => Math.log1p(Math.exp(x));
/** Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7). */
function erf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return Math.sign(x) * y;
}
const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

/** Per element, except softmax (over the row). Formulas as tfjs-layers implements them (activations.ts). */
const REFERENCE: Record<string, (row: number[]) => number[]> = {
  linear: (r) => r,
  relu: (r) => r.map((x) => Math.max(x, 0)),
  relu6: (r) => r.map((x) => Math.min(Math.max(x, 0), 6)),
  sigmoid: (r) => r.map(sigmoid),
  tanh: (r) => r.map(Math.tanh),
  softmax: (r) => {
    const e = r.map((x) => Math.exp(x));
    const sum = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / sum);
  },
  elu: (r) => r.map((x) => (x > 0 ? x : Math.expm1(x))),
  selu: (r) => r.map((x) => SELU_SCALE * (x > 0 ? x : SELU_ALPHA * Math.expm1(x))),
  softplus: (r) => r.map(softplus),
  softsign: (r) => r.map((x) => x / (1 + Math.abs(x))),
  swish: (r) => r.map((x) => x * sigmoid(x)),
  mish: (r) => r.map((x) => x * Math.tanh(softplus(x))),
  gelu: (r) => r.map((x) => 0.5 * x * (1 + erf(x / Math.SQRT2))),
  // The Activation layer's default alpha, 0.3 (Keras 3 LeakyReLU negative_slope=0.3).
  leakyRelu: (r) => r.map((x) => (x > 0 ? x : 0.3 * x)),
  // tfjs' (and Keras 2's) hard sigmoid; Keras 3 differs (see the entry's kerasDiffers).
  hardSigmoid: (r) => r.map((x) => Math.min(Math.max(0.2 * x + 0.5, 0), 1)),
};

const ROW = [-3, -1.5, -0.5, 0, 0.5, 1.5, 7];

function layerFor(id: string): tf.layers.Layer {
  const def = getActivation(id);
  if (def.activationLayer) {
    const layer = getLayer('Activation')!;
    return instantiateLayer(layer.toTfjs(resolveParams(layer, { activation: id }), [[null, ROW.length]]), `act_${id}`);
  }
  return tf.layers.dense({ units: ROW.length, activation: id as 'relu', useBias: false, kernelInitializer: 'identity', inputShape: [ROW.length] });
}

describe('activation registry conformance (tfjs)', () => {
  it('has a reference formula for every entry', () => {
    expect(Object.keys(REFERENCE).sort()).toEqual(ACTIVATION_LIST.map((a) => a.id).sort());
  });

  it.each(ACTIVATION_LIST.map((a) => a.id))('%s: tfjs computes the hand-computed values', (id) => {
    const layer = layerFor(id);
    const out = layer.apply(tf.tensor2d([ROW])) as tf.Tensor;
    const got = Array.from(out.dataSync());
    const want = REFERENCE[id](ROW);
    got.forEach((v, i) => expect(v, `${id}(${ROW[i]})`).toBeCloseTo(want[i], 5));
    if (getActivation(id).layer) expect(layer.getClassName()).toBe(getActivation(id).layer!.className);
  });

  it.each(ACTIVATION_LIST.filter((a) => a.dense).map((a) => a.id))('%s: the fast Dense path takes it exactly when the registry says so', (id) => {
    const graph = chain(node('in', 'Input', { shape: [3] }), node('d', 'Dense', { units: 2, activation: id }));
    const { model, source } = buildForTraining(graph, { optimizer: { type: 'sgd', learningRate: 0.01 }, loss: 'meanSquaredError', metrics: [], epochs: 1, batchSize: 32, validationSplit: 0, splitMode: 'shuffle', testSplit: 0, shuffle: false, seed: 1 });
    const plan = planFastDense(source, model);
    if (getActivation(id).fused) expect(plan).not.toBeTypeOf('string');
    else expect(plan).toBe(`Dense activation ${id} is not in the fast path`);
    model.dispose();
  });
});
