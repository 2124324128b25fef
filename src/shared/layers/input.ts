import { codeCall, kerasGet, paramDefault } from './keras';
import type { LayerDefinition } from './types';

export const Input: LayerDefinition = {
  type: 'Input',
  label: 'Input',
  category: 'Input',
  description: 'Where the data enters the model. Its shape is the shape of one example, without the batch.',
  params: [
    {
      name: 'shape',
      label: 'Shape',
      kind: 'shape',
      default: [1],
      help: 'The size of one example: [4] for four numeric features, [28, 28] for a small grayscale image.',
    },
  ],
  arity: { min: 0, max: 0 },
  summaryParams: ['shape'],
  inferOutputShape(_inputs, params) {
    const shape = params.shape as number[];
    return { ok: true, shape: [null, ...shape] };
  },
  countParams() {
    return { trainable: 0, nonTrainable: 0 };
  },
  toTfjs(params) {
    const shape = params.shape as number[];
    return { className: 'InputLayer', config: { batchInputShape: [null, ...shape], dtype: 'float32', sparse: false } };
  },
  role: 'input',
  // The Input is a graph input, declared by the exporter.
  onnx: { graphInput: true },
  keras: {
    classNames: ['InputLayer'],
    // Keras 2 and tfjs write batch_input_shape, Keras 3 batch_shape; both lead with the batch axis.
    reads: ['batch_input_shape', 'batch_shape'],
    // Keras 3.6+ writes optional (an Input that may be None); false is the plain Input.
    drops: { sparse: false, ragged: false, optional: false },
    fromKeras(config) {
      const batchShape = kerasGet(config, 'batch_input_shape') ?? kerasGet(config, 'batch_shape');
      return { ok: true, params: { shape: Array.isArray(batchShape) ? batchShape.slice(1) : paramDefault(Input, 'shape') } };
    },
  },
  code: {
    python: (params) => codeCall('keras.Input', [], [['shape', params.shape as number[]]]),
    typescript: (params) => codeCall('tf.input', [], [['shape', params.shape as number[]]]),
  },
  examples: [
    { params: {}, inputs: [] },
    { params: { shape: [28, 28] }, inputs: [] },
  ],
};
