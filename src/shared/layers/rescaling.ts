import { quoteValue } from '../api/quote';
import { codeCall, kerasGet, kerasParams, tfjsLayerCode } from './keras';
import type { LayerDefinition } from './types';
import { shapeFailure } from './shape-text';

/**
 * Keras 3 `keras.layers.Rescaling(scale, offset=0.0)`: `x * scale + offset`, the same at training
 * and prediction time (tfjs `tf.layers.rescaling`). Keras requires `scale`; Neurite starts a new
 * node at 1/255, which maps 0–255 pixels to 0–1. Only one scale and one offset for all values
 * (Keras also accepts per-channel lists; those are refused on import, naming the value).
 */
export const Rescaling: LayerDefinition = {
  type: 'Rescaling',
  label: 'Rescaling',
  category: 'Preprocessing',
  description: 'Multiplies every value by a scale and adds an offset inside the model, e.g. 1/255 turns 0–255 pixels into 0–1.',
  params: [
    { name: 'scale', label: 'Scale', kind: 'float', default: 1 / 255, help: 'The factor every input value is multiplied by; 1/255 ≈ 0.00392 maps 0–255 pixels to 0–1.', keras: 'scale' },
    { name: 'offset', label: 'Offset', kind: 'float', default: 0, help: 'The number added after scaling; e.g. scale 1/127.5 with offset -1 maps 0–255 to -1…1.', keras: 'offset' },
  ],
  arity: { min: 1, max: 1 },
  summaryParams: ['scale', 'offset'],
  inferOutputShape(inputs) {
    if (!inputs[0]) return shapeFailure('shape.needsOne', { layer: 'Rescaling' });
    return { ok: true, shape: [...inputs[0]] };
  },
  countParams: () => ({ trainable: 0, nonTrainable: 0 }),
  toTfjs: (params) => ({ className: 'Rescaling', config: { scale: params.scale, offset: params.offset } }),
  keras: {
    classNames: ['Rescaling'],
    fromKeras(config, context) {
      for (const key of ['scale', 'offset']) {
        const value = kerasGet(config, key);
        if (value !== undefined && value !== null && typeof value !== 'number') return { ok: false, unsupported: `${context.className} with a per-channel ${key} ${quoteValue(value)}` };
      }
      return { ok: true, params: kerasParams(Rescaling, config) };
    },
  },
  code: {
    python: (params) => codeCall('layers.Rescaling', [params.scale as number], [['offset', params.offset as number]]),
    typescript: (_params, tfjs) => tfjsLayerCode(tfjs),
  },
  // ONNX: Mul by the scale, then Add the offset (both broadcast as one-element tensors).
  onnx: {
    emit(c) {
      const { b, node } = c;
      const scaled = node.params.offset === 0 ? c.output : b.fresh(`${node.name}/scaled`);
      b.node('Mul', [c.inputs[0], b.floatConstant(`${node.name}/scale`, [1], [node.params.scale as number])], scaled);
      if (scaled !== c.output) b.node('Add', [scaled, b.floatConstant(`${node.name}/offset`, [1], [node.params.offset as number])], c.output);
    },
  },
  examples: [
    { params: {}, inputs: [[null, 8, 8, 1]] },
    { params: { scale: 1 / 127.5, offset: -1 }, inputs: [[null, 4]] },
    { params: { scale: 2, offset: 0.5 }, inputs: [[null, 3, 2]] },
  ],
};
