import { onnxInputRank } from './onnx';
import { formatShape } from './params';
import { codeCall, kerasParams, tfjsLayerCode } from './keras';
import type { LayerDefinition } from './types';
import { shapeFailure, shapesFailure } from './shape-text';

export const Concatenate: LayerDefinition = {
  type: 'Concatenate',
  label: 'Concatenate',
  category: 'Merging',
  description: 'Joins two or more inputs side by side along one axis, e.g. 3 features and 4 features into 7.',
  params: [
    {
      name: 'axis',
      label: 'Axis',
      kind: 'int',
      default: -1,
      help: 'The axis to join along; -1 is the last axis (the features). The batch axis 0 cannot be used.',
      keras: 'axis',
    },
  ],
  arity: { min: 2, max: Infinity },
  summaryParams: ['axis'],
  inferOutputShape(inputs, params) {
    if (inputs.length < 2) return shapeFailure('shape.atLeastTwo', { layer: 'Concatenate', got: inputs.length });
    const rank = inputs[0].length;
    if (inputs.some((s) => s.length !== rank)) {
      return shapesFailure('shape.sameRank', { layer: 'Concatenate' }, inputs.map(formatShape));
    }
    const requested = params.axis as number;
    const axis = requested < 0 ? rank + requested : requested;
    if (axis < 1 || axis >= rank) {
      return shapeFailure('shape.concatAxis', { layer: 'Concatenate', shape: formatShape(inputs[0]), last: rank - 1, got: requested });
    }
    const out: (number | null)[] = [...inputs[0]];
    for (let i = 1; i < rank; i++) {
      if (i === axis) continue;
      if (inputs.some((s) => s[i] !== inputs[0][i])) {
        return shapesFailure('shape.concatOtherAxes', { layer: 'Concatenate', axis: requested }, inputs.map(formatShape));
      }
    }
    let total: number | null = 0;
    for (const s of inputs) total = total === null || s[axis] === null ? null : total + (s[axis] as number);
    out[axis] = total;
    return { ok: true, shape: out };
  },
  countParams() {
    return { trainable: 0, nonTrainable: 0 };
  },
  toTfjs(params, inputs) {
    // tfjs' concat kernel mishandles negative axes other than -1 at run time, so name the axis positively.
    const axis = params.axis as number;
    const rank = inputs[0]?.length;
    return { className: 'Concatenate', config: { axis: axis < -1 && rank ? rank + axis : axis } };
  },
  shapeParam: 'axis',
  keras: {
    classNames: ['Concatenate'],
    fromKeras: (config) => ({ ok: true, params: kerasParams(Concatenate, config) }),
  },
  code: {
    // The axis as compiled (made positive where tfjs needs it), so the scripts build what the app builds.
    python: (_params, tfjs) => codeCall('layers.Concatenate', [], [['axis', tfjs.config.axis as number]]),
    typescript: (_params, tfjs) => tfjsLayerCode(tfjs),
  },
  onnx: {
    emit(c) {
      const axis = c.node.params.axis as number;
      c.b.node('Concat', c.inputs, c.output, { axis: { int: axis < 0 ? onnxInputRank(c) + axis : axis } });
    },
  },
  examples: [
    { params: {}, inputs: [[null, 3], [null, 4]] },
    { params: { axis: 1 }, inputs: [[null, 2, 5], [null, 3, 5]] },
    { params: { axis: -2 }, inputs: [[null, 2, 5], [null, 1, 5], [null, 4, 5]], importsAs: { axis: 1 } },
  ],
};
