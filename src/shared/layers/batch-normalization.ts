import { formatShape } from './params';
import type { LayerDefinition, Shape } from './types';

function channels(inputs: Shape[]): number | string {
  const input = inputs[0];
  if (!input) return 'BatchNormalization needs one input.';
  if (input.length < 2) return `BatchNormalization needs an input with a feature axis; got ${formatShape(input)}.`;
  const last = input[input.length - 1];
  if (last === null) return `BatchNormalization needs the last axis of its input to have a known size; got ${formatShape(input)}.`;
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
    },
    { name: 'epsilon', label: 'Epsilon', kind: 'float', default: 0.001, min: 0, exclusiveMin: true, help: 'A small number added to the variance to avoid dividing by zero.' },
    { name: 'center', label: 'Center', kind: 'bool', default: true, help: 'Learn an offset (beta) added after normalizing.' },
    { name: 'scale', label: 'Scale', kind: 'bool', default: true, help: 'Learn a factor (gamma) multiplied after normalizing.' },
  ],
  arity: { min: 1, max: 1 },
  summaryParams: ['momentum'],
  inferOutputShape(inputs) {
    const c = channels(inputs);
    if (typeof c === 'string') return { ok: false, message: c };
    return { ok: true, shape: [...inputs[0]] };
  },
  countParams(inputs, params) {
    const c = channels(inputs);
    if (typeof c === 'string') return { trainable: 0, nonTrainable: 0 };
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
};
