import { ACTIVATION_LAYER_IDS } from '../activations';
import type { LayerDefinition } from './types';

/** The Activation layer's functions: src/shared/activations. */
export const ACTIVATIONS = ACTIVATION_LAYER_IDS;

export const Activation: LayerDefinition = {
  type: 'Activation',
  label: 'Activation',
  category: 'Activation',
  description: 'Applies a function to every value of its input, without weights.',
  params: [
    {
      name: 'activation',
      label: 'Function',
      kind: 'enum',
      default: 'relu',
      options: ACTIVATIONS,
      help: 'relu for hidden layers; softmax to turn outputs into class probabilities; sigmoid for a yes/no probability; linear leaves values unchanged.',
    },
    {
      name: 'alpha',
      label: 'Leak (alpha)',
      kind: 'float',
      default: 0.3,
      min: 0,
      help: 'Only for leakyRelu: the slope for negative inputs.',
    },
  ],
  arity: { min: 1, max: 1 },
  summaryParams: ['activation'],
  inferOutputShape(inputs) {
    if (!inputs[0]) return { ok: false, message: 'Activation needs one input.' };
    return { ok: true, shape: [...inputs[0]] };
  },
  countParams() {
    return { trainable: 0, nonTrainable: 0 };
  },
  toTfjs(params) {
    // tfjs has no 'leakyRelu' activation string; Keras and tfjs model it as its own layer.
    if (params.activation === 'leakyRelu') return { className: 'LeakyReLU', config: { alpha: params.alpha } };
    return { className: 'Activation', config: { activation: params.activation } };
  },
};
