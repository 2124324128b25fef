import { onnxInputRank } from './onnx';
import { formatShape } from './params';
import { codeCall, kerasParams, tfjsLayerCode, warnUnlessLastAxis } from './keras';
import type { LayerDefinition, Shape } from './types';
import { isShapeFailure, shapeFailure, type ShapeFailure } from './shape-text';

function channels(inputs: Shape[]): number | ShapeFailure {
  const input = inputs[0];
  if (!input) return shapeFailure('shape.needsOne', { layer: 'BatchNormalization' });
  if (input.length < 2) return shapeFailure('shape.featureAxis', { layer: 'BatchNormalization', got: formatShape(input) });
  const last = input[input.length - 1];
  if (last === null) return shapeFailure('shape.lastAxisKnown', { layer: 'BatchNormalization', got: formatShape(input) });
  return last;
}

export const BatchNormalization: LayerDefinition = {
  type: 'BatchNormalization',
  label: 'BatchNormalization',
  category: 'Normalization',
  description: 'Rescales each feature to zero mean and unit variance over the batch, which often makes training faster and steadier.',
  params: [
    {
      name: 'momentum',
      label: 'Momentum',
      kind: 'float',
      default: 0.99,
      min: 0,
      max: 1,
      help: 'How slowly the running mean and variance used at prediction time follow the batches.',
      keras: 'momentum',
    },
    { name: 'epsilon', label: 'Epsilon', kind: 'float', default: 0.001, min: 0, exclusiveMin: true, help: 'A small number added to the variance to avoid dividing by zero.', keras: 'epsilon' },
    { name: 'center', label: 'Center', kind: 'bool', default: true, help: 'Learn an offset (beta) added after normalizing.', keras: 'center' },
    { name: 'scale', label: 'Scale', kind: 'bool', default: true, help: 'Learn a factor (gamma) multiplied after normalizing.', keras: 'scale' },
  ],
  arity: { min: 1, max: 1 },
  summaryParams: ['momentum'],
  inferOutputShape(inputs) {
    const c = channels(inputs);
    if (isShapeFailure(c)) return c;
    return { ok: true, shape: [...inputs[0]] };
  },
  // keras/src/layers/normalization/batch_normalization.py build(): gamma (scale), beta (center), then the moving statistics.
  weightNames: (params) => [...(params.scale ? ['gamma'] : []), ...(params.center ? ['beta'] : []), 'moving_mean', 'moving_variance'],
  countParams(inputs, params) {
    const c = channels(inputs);
    if (isShapeFailure(c)) return { trainable: 0, nonTrainable: 0 };
    // The moving mean and variance are weights too, but they are updated by statistics, not by gradients.
    return { trainable: (params.center ? c : 0) + (params.scale ? c : 0), nonTrainable: 2 * c };
  },
  toTfjs(params) {
    return {
      className: 'BatchNormalization',
      config: {
        axis: -1,
        momentum: params.momentum,
        epsilon: params.epsilon,
        center: params.center,
        scale: params.scale,
        betaInitializer: { className: 'Zeros', config: {} },
        gammaInitializer: { className: 'Ones', config: {} },
        movingMeanInitializer: { className: 'Zeros', config: {} },
        movingVarianceInitializer: { className: 'Ones', config: {} },
        betaRegularizer: null,
        gammaRegularizer: null,
        betaConstraint: null,
        gammaConstraint: null,
      },
    };
  },
  keras: {
    classNames: ['BatchNormalization'],
    reads: ['axis'],
    drops: {
      beta_initializer: 'zeros',
      gamma_initializer: 'ones',
      moving_mean_initializer: 'zeros',
      moving_variance_initializer: 'ones',
      beta_regularizer: null,
      gamma_regularizer: null,
      beta_constraint: null,
      gamma_constraint: null,
      renorm: false,
      renorm_clipping: null,
      renorm_momentum: 0.99,
      fused: null,
      virtual_batch_size: null,
      adjustment: null,
      synchronized: false,
    },
    fromKeras(config, context) {
      warnUnlessLastAxis(config, context, 'BatchNormalization');
      return { ok: true, params: kerasParams(BatchNormalization, config) };
    },
  },
  code: {
    python: (params) =>
      codeCall('layers.BatchNormalization', [], [
        ['momentum', params.momentum as number],
        ['epsilon', params.epsilon as number],
        ['center', params.center as boolean],
        ['scale', params.scale as boolean],
      ]),
    typescript: (_params, tfjs) => tfjsLayerCode(tfjs),
  },
  /**
   * Inference form over the last axis: y = (x − moving_mean) · gamma / √(moving_variance + ε) + beta.
   * A rank-2 input is ONNX BatchNormalization (channels on axis 1); for more axes, where ONNX's
   * channel axis 1 is not Keras' last axis, the same formula as Sub, Mul and Add.
   */
  onnx: {
    emit(c) {
      const { b, node } = c;
      const mean = c.weight('moving_mean');
      const variance = c.weight('moving_variance');
      const channels = mean.values.length;
      const gamma = node.params.scale ? c.weight('gamma').values : new Float32Array(channels).fill(1);
      const beta = node.params.center ? c.weight('beta').values : new Float32Array(channels);
      const epsilon = node.params.epsilon as number;
      if (onnxInputRank(c) === 2) {
        b.node(
          'BatchNormalization',
          [
            c.inputs[0],
            b.floatConstant(`${node.name}/gamma`, [channels], gamma),
            b.floatConstant(`${node.name}/beta`, [channels], beta),
            b.floatConstant(`${node.name}/moving_mean`, [channels], mean.values),
            b.floatConstant(`${node.name}/moving_variance`, [channels], variance.values),
          ],
          c.output,
          { epsilon },
        );
        return;
      }
      const factor = Float64Array.from(gamma, (g, i) => g / Math.sqrt(variance.values[i] + epsilon));
      const centered = b.node('Sub', [c.inputs[0], b.floatConstant(`${node.name}/moving_mean`, [channels], mean.values)], b.fresh(`${node.name}/centered`));
      const scaled = b.node('Mul', [centered, b.floatConstant(`${node.name}/factor`, [channels], factor)], b.fresh(`${node.name}/scaled`));
      b.node('Add', [scaled, b.floatConstant(`${node.name}/beta`, [channels], beta)], c.output);
    },
  },
  examples: [
    { params: {}, inputs: [[null, 6]] },
    { params: { momentum: 0.9, epsilon: 1e-5, center: false, scale: false }, inputs: [[null, 4, 3]] },
    { params: { center: false }, inputs: [[null, 5]] },
  ],
};
