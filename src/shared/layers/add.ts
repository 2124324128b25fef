import { formatShape } from './params';
import { codeCall, tfjsLayerCode } from './keras';
import type { LayerDefinition, Shape } from './types';
import { shapeFailure, shapesFailure } from './shape-text';

function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => i === 0 || d === b[i]);
}

export const Add: LayerDefinition = {
  type: 'Add',
  label: 'Add',
  category: 'Merging',
  description: 'Adds two or more inputs of the same shape, value by value (as in a residual connection).',
  params: [],
  arity: { min: 2, max: Infinity },
  inferOutputShape(inputs) {
    if (inputs.length < 2) return shapeFailure('shape.atLeastTwo', { layer: 'Add', got: inputs.length });
    const first = inputs[0];
    const other = inputs.find((s) => !sameShape(s, first));
    if (other) {
      return shapesFailure('shape.sameShape', { layer: 'Add' }, inputs.map(formatShape));
    }
    return { ok: true, shape: [...first] };
  },
  countParams() {
    return { trainable: 0, nonTrainable: 0 };
  },
  toTfjs() {
    return { className: 'Add', config: {} };
  },
  keras: {
    classNames: ['Add'],
    fromKeras: () => ({ ok: true, params: {} }),
  },
  code: {
    python: () => codeCall('layers.Add'),
    typescript: (_params, tfjs) => tfjsLayerCode(tfjs),
  },
  // A chain of binary Adds (ONNX Sum would do too; Add keeps broadcasting the same as tfjs').
  onnx: {
    emit(c) {
      let sum = c.inputs[0];
      c.inputs.slice(1).forEach((x, i) => {
        sum = c.b.node('Add', [sum, x], i === c.inputs.length - 2 ? c.output : c.b.fresh(`${c.node.name}/partial`));
      });
    },
  },
  examples: [
    { params: {}, inputs: [[null, 3], [null, 3]] },
    { params: {}, inputs: [[null, 2, 4], [null, 2, 4], [null, 2, 4]] },
  ],
};
