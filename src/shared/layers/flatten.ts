import { formatShape, product } from './params';
import { codeCall, tfjsLayerCode } from './keras';
import type { LayerDefinition } from './types';
import { shapeFailure } from './shape-text';

export const Flatten: LayerDefinition = {
  type: 'Flatten',
  label: 'Flatten',
  category: 'Reshaping',
  description: 'Turns each example into a flat list of numbers, e.g. a 28×28 image into 784 values.',
  params: [],
  arity: { min: 1, max: 1 },
  inferOutputShape(inputs) {
    const input = inputs[0];
    if (!input) return shapeFailure('shape.needsOne', { layer: 'Flatten' });
    if (input.length < 2) return shapeFailure('shape.atLeastOneFeatureAxis', { layer: 'Flatten', got: formatShape(input) });
    const size = product(input.slice(1));
    if (size === null) return shapeFailure('shape.allAxesKnown', { layer: 'Flatten', got: formatShape(input) });
    return { ok: true, shape: [input[0], size] };
  },
  countParams() {
    return { trainable: 0, nonTrainable: 0 };
  },
  toTfjs() {
    return { className: 'Flatten', config: {} };
  },
  keras: {
    classNames: ['Flatten'],
    // channels_first would flatten in another order; Neurite's tensors are channels-last.
    drops: { data_format: 'channels_last' },
    fromKeras: () => ({ ok: true, params: {} }),
  },
  code: {
    python: () => codeCall('layers.Flatten'),
    typescript: (_params, tfjs) => tfjsLayerCode(tfjs),
  },
  onnx: { emit: (c) => void c.b.node('Flatten', [c.inputs[0]], c.output, { axis: { int: 1 } }) },
  examples: [
    { params: {}, inputs: [[null, 28, 28]] },
    { params: {}, inputs: [[null, 2, 3, 4]] },
  ],
};
