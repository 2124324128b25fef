import { DENSE_ACTIVATION_IDS } from '../activations';
import { BIAS_INITIALIZERS, KERNEL_INITIALIZERS, initializerConfig } from './initializers';
import { formatShape } from './params';
import type { LayerDefinition, LayerParams, Shape } from './types';

/** Activations tfjs accepts as a Dense `activation` string: src/shared/activations. */
export const DENSE_ACTIVATIONS = DENSE_ACTIVATION_IDS;

function inputFeatures(inputs: Shape[]): number | string {
  const input = inputs[0];
  if (!input) return 'Dense needs one input.';
  if (input.length < 2) return `Dense needs an input with at least one feature axis; got ${formatShape(input)}.`;
  const last = input[input.length - 1];
  if (last === null) return `Dense needs the last axis of its input to have a known size; got ${formatShape(input)}.`;
  return last;
}

function regularizer(params: LayerParams): { className: string; config: { l1: number; l2: number } } | null {
  const l1 = params.l1 as number;
  const l2 = params.l2 as number;
  return l1 > 0 || l2 > 0 ? { className: 'L1L2', config: { l1, l2 } } : null;
}

export const Dense: LayerDefinition = {
  type: 'Dense',
  label: 'Dense',
  category: 'Core',
  description: 'A fully connected layer: every output is a weighted sum of all inputs plus a bias, then an activation.',
  params: [
    { name: 'units', label: 'Units', kind: 'int', default: 8, min: 1, max: 100_000, help: 'How many outputs (neurons) the layer has.' },
    {
      name: 'activation',
      label: 'Activation',
      kind: 'enum',
      default: 'linear',
      options: DENSE_ACTIVATIONS,
      help: 'The function applied to each output. linear means none; relu is a good default for hidden layers; softmax turns the outputs into class probabilities.',
    },
    { name: 'useBias', label: 'Use bias', kind: 'bool', default: true, help: 'Whether each output adds a learned constant.' },
    {
      name: 'kernelInitializer',
      label: 'Kernel initializer',
      kind: 'enum',
      default: 'glorotUniform',
      options: KERNEL_INITIALIZERS,
      help: 'How the weights are set before training starts.',
    },
    {
      name: 'biasInitializer',
      label: 'Bias initializer',
      kind: 'enum',
      default: 'zeros',
      options: BIAS_INITIALIZERS,
      help: 'How the biases are set before training starts.',
    },
    { name: 'l1', label: 'L1 regularization', kind: 'float', default: 0, min: 0, help: 'Penalty on the sum of absolute weights; pushes weights to exactly zero. 0 turns it off.' },
    { name: 'l2', label: 'L2 regularization', kind: 'float', default: 0, min: 0, help: 'Penalty on the sum of squared weights; keeps weights small. 0 turns it off.' },
  ],
  arity: { min: 1, max: 1 },
  summaryParams: ['units', 'activation'],
  inferOutputShape(inputs, params) {
    const features = inputFeatures(inputs);
    if (typeof features === 'string') return { ok: false, message: features };
    return { ok: true, shape: [...inputs[0].slice(0, -1), params.units as number] };
  },
  countParams(inputs, params) {
    const features = inputFeatures(inputs);
    if (typeof features === 'string') return { trainable: 0, nonTrainable: 0 };
    const units = params.units as number;
    return { trainable: features * units + (params.useBias ? units : 0), nonTrainable: 0 };
  },
  toTfjs(params) {
    return {
      className: 'Dense',
      config: {
        units: params.units,
        activation: params.activation,
        useBias: params.useBias,
        kernelInitializer: initializerConfig(params.kernelInitializer as string),
        biasInitializer: initializerConfig(params.biasInitializer as string),
        kernelRegularizer: regularizer(params),
        biasRegularizer: null,
        activityRegularizer: null,
        kernelConstraint: null,
        biasConstraint: null,
      },
    };
  },
};
