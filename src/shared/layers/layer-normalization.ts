import { formatShape } from './params';
import { codeCall, kerasParams, tfjsLayerCode, warnUnlessLastAxis } from './keras';
import type { LayerDefinition, Shape } from './types';
import { isShapeFailure, shapeFailure, type ShapeFailure } from './shape-text';

function features(inputs: Shape[]): number | ShapeFailure {
  const input = inputs[0];
  if (!input) return shapeFailure('shape.needsOne', { layer: 'LayerNormalization' });
  if (input.length < 2) return shapeFailure('shape.featureAxis', { layer: 'LayerNormalization', got: formatShape(input) });
  const last = input[input.length - 1];
  if (last === null) return shapeFailure('shape.lastAxisKnown', { layer: 'LayerNormalization', got: formatShape(input) });
  return last;
}

/** Keras 3 `keras.layers.LayerNormalization` (axis=-1, epsilon=1e-3, center=True, scale=True); tfjs `tf.layers.layerNormalization` has the same defaults. */
export const LayerNormalization: LayerDefinition = {
  type: 'LayerNormalization',
  label: 'LayerNormalization',
  category: 'Normalization',
  description: 'Rescales the features of each sample to zero mean and unit variance (over the last axis), the same at training and prediction time.',
  params: [
    { name: 'epsilon', label: 'Epsilon', kind: 'float', default: 0.001, min: 0, exclusiveMin: true, help: 'A small number added to the variance to avoid dividing by zero.', keras: 'epsilon' },
    { name: 'center', label: 'Center', kind: 'bool', default: true, help: 'Learn an offset (beta) added after normalizing.', keras: 'center' },
    { name: 'scale', label: 'Scale', kind: 'bool', default: true, help: 'Learn a factor (gamma) multiplied after normalizing.', keras: 'scale' },
  ],
  arity: { min: 1, max: 1 },
  summaryParams: ['epsilon'],
  inferOutputShape(inputs) {
    const f = features(inputs);
    if (isShapeFailure(f)) return f;
    return { ok: true, shape: [...inputs[0]] };
  },
  // keras/src/layers/normalization/layer_normalization.py build() and tfjs-layers LayerNormalization.build(): gamma (scale), then beta (center).
  weightNames: (params) => [...(params.scale ? ['gamma'] : []), ...(params.center ? ['beta'] : [])],
  countParams(inputs, params) {
    const f = features(inputs);
    if (isShapeFailure(f)) return { trainable: 0, nonTrainable: 0 };
    return { trainable: (params.center ? f : 0) + (params.scale ? f : 0), nonTrainable: 0 };
  },
  toTfjs(params) {
    return {
      className: 'LayerNormalization',
      config: {
        axis: -1,
        epsilon: params.epsilon,
        center: params.center,
        scale: params.scale,
        betaInitializer: { className: 'Zeros', config: {} },
        gammaInitializer: { className: 'Ones', config: {} },
        betaRegularizer: null,
        gammaRegularizer: null,
      },
    };
  },
  keras: {
    classNames: ['LayerNormalization'],
    reads: ['axis'],
    drops: {
      beta_initializer: 'zeros',
      gamma_initializer: 'ones',
      beta_regularizer: null,
      gamma_regularizer: null,
      beta_constraint: null,
      gamma_constraint: null,
      rms_scaling: false,
    },
    fromKeras(config, context) {
      warnUnlessLastAxis(config, context, 'LayerNormalization');
      return { ok: true, params: kerasParams(LayerNormalization, config) };
    },
  },
  code: {
    python: (params) =>
      codeCall('layers.LayerNormalization', [], [
        ['epsilon', params.epsilon as number],
        ['center', params.center as boolean],
        ['scale', params.scale as boolean],
      ]),
    typescript: (_params, tfjs) => tfjsLayerCode(tfjs),
  },
  /** ONNX LayerNormalization (opset 17) over the last axis; a layer without scale or center gets ones or zeros. */
  onnx: {
    emit(c) {
      const { b, node } = c;
      const size = node.inputShapes[0][node.inputShapes[0].length - 1] as number;
      const gamma = node.params.scale ? c.weight('gamma').values : new Float32Array(size).fill(1);
      const beta = node.params.center ? c.weight('beta').values : new Float32Array(size);
      b.node('LayerNormalization', [c.inputs[0], b.floatConstant(`${node.name}/gamma`, [size], gamma), b.floatConstant(`${node.name}/beta`, [size], beta)], c.output, {
        axis: { int: -1 },
        epsilon: node.params.epsilon as number,
      });
    },
  },
  examples: [
    { params: {}, inputs: [[null, 6]] },
    { params: { epsilon: 1e-5, center: false }, inputs: [[null, 4, 3]] },
    { params: { scale: false }, inputs: [[null, 5]] },
  ],
};
