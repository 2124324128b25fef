import { codeCall, kerasParams, tfjsLayerCode } from './keras';
import type { LayerDefinition } from './types';
import { shapeFailure } from './shape-text';

export const Dropout: LayerDefinition = {
  type: 'Dropout',
  label: 'Dropout',
  category: 'Regularization',
  description: 'During training, sets a random fraction of its inputs to zero to reduce overfitting. Does nothing at prediction time.',
  params: [
    {
      name: 'rate',
      label: 'Rate',
      kind: 'float',
      default: 0.5,
      min: 0,
      max: 1,
      exclusiveMax: true,
      help: 'The fraction of inputs dropped at each training step, e.g. 0.2 drops one in five.',
      keras: 'rate',
    },
  ],
  arity: { min: 1, max: 1 },
  summaryParams: ['rate'],
  inferOutputShape(inputs) {
    if (!inputs[0]) return shapeFailure('shape.needsOne', { layer: 'Dropout' });
    return { ok: true, shape: [...inputs[0]] };
  },
  countParams() {
    return { trainable: 0, nonTrainable: 0 };
  },
  toTfjs(params) {
    return { className: 'Dropout', config: { rate: params.rate, noiseShape: null } };
  },
  head: {},
  trainingOnly: true,
  // Dropout does nothing at prediction time.
  onnx: { emit: (c) => void c.b.node('Identity', [c.inputs[0]], c.output) },
  // Rate 0 is the identity (tfjs skips it too); 0 ≤ rate < 1 is the param's own limit.
  fused: (params) => ({ kind: 'dropout', rate: params.rate as number }),
  keras: {
    classNames: ['Dropout'],
    drops: { noise_shape: null, seed: null },
    fromKeras: (config) => ({ ok: true, params: kerasParams(Dropout, config) }),
  },
  code: {
    python: (params) => codeCall('layers.Dropout', [params.rate as number]),
    typescript: (_params, tfjs) => tfjsLayerCode(tfjs),
  },
  examples: [
    { params: {}, inputs: [[null, 8]] },
    { params: { rate: 0 }, inputs: [[null, 2, 2]] },
  ],
};
