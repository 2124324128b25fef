import { formatShape, product } from './params';
import { codeCall, kerasParams, tfjsLayerCode } from './keras';
import type { LayerDefinition } from './types';
import { shapeFailure } from './shape-text';

export const Reshape: LayerDefinition = {
  type: 'Reshape',
  label: 'Reshape',
  category: 'Reshaping',
  description: 'Rearranges each example into a new shape with the same number of values.',
  params: [
    {
      name: 'targetShape',
      label: 'Target shape',
      kind: 'shape',
      default: [1],
      allowInfer: true,
      help: 'The new shape of one example, without the batch. One entry may be -1 to take whatever size is left.',
      keras: 'target_shape',
    },
  ],
  arity: { min: 1, max: 1 },
  summaryParams: ['targetShape'],
  inferOutputShape(inputs, params) {
    const input = inputs[0];
    if (!input) return shapeFailure('shape.needsOne', { layer: 'Reshape' });
    const target = params.targetShape as number[];
    const size = product(input.slice(1));
    if (size === null) return shapeFailure('shape.allAxesKnown', { layer: 'Reshape', got: formatShape(input) });
    const known = target.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
    const inferAt = target.indexOf(-1);
    if (inferAt >= 0) {
      if (known === 0 || size % known !== 0) {
        return shapeFailure('shape.reshape.notMultiple', { layer: 'Reshape', size, target: `[${target.join(', ')}]`, known });
      }
      const shape = [...target];
      shape[inferAt] = size / known;
      return { ok: true, shape: [input[0], ...shape] };
    }
    if (known !== size) {
      return shapeFailure('shape.reshape.mismatch', { layer: 'Reshape', target: `[${target.join(', ')}]`, known, input: formatShape(input), size });
    }
    return { ok: true, shape: [input[0], ...target] };
  },
  countParams() {
    return { trainable: 0, nonTrainable: 0 };
  },
  toTfjs(params, inputs) {
    // tfjs leaves a -1 axis unknown in its symbolic shapes, which breaks a Flatten after it; give it the size we inferred.
    const inferred = inputs[0] ? Reshape.inferOutputShape(inputs, params) : null;
    const targetShape = inferred?.ok ? inferred.shape.slice(1) : params.targetShape;
    return { className: 'Reshape', config: { targetShape } };
  },
  shapeParam: 'targetShape',
  keras: {
    classNames: ['Reshape'],
    fromKeras: (config) => ({ ok: true, params: kerasParams(Reshape, config) }),
  },
  code: {
    // The target as compiled (a -1 replaced by the size it stands for).
    python: (params, tfjs) => codeCall('layers.Reshape', [(tfjs.config.targetShape as number[] | undefined) ?? (params.targetShape as number[])]),
    typescript: (_params, tfjs) => tfjsLayerCode(tfjs),
  },
  onnx: {
    emit(c) {
      const out = c.node.output.ok ? c.node.output.shape.slice(1) : [];
      // The plan resolved any -1 in the target; -1 here is the batch axis, whatever its size.
      c.b.node('Reshape', [c.inputs[0], c.b.int64Constant(`${c.node.name}/shape`, [-1, ...(out as number[])])], c.output);
    },
  },
  examples: [
    { params: {}, inputs: [[null, 1]] },
    { params: { targetShape: [2, 3] }, inputs: [[null, 6]] },
    { params: { targetShape: [-1, 2] }, inputs: [[null, 3, 4]], importsAs: { targetShape: [6, 2] } },
    { params: { targetShape: [12] }, inputs: [[null, 3, 4]] },
  ],
};
