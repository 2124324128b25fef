import { quoteValue } from '../api/quote';
import { ACTIVATION_LAYER_IDS, writeOnnxActivation } from '../activations';
import { activationFromKeras, activationToKeras, codeCall, kerasGet, paramDefault, tfjsLayerCode } from './keras';
import type { LayerDefinition, LayerParams } from './types';
import { shapeFailure } from './shape-text';

/** The Activation layer's functions: src/shared/activations. */
export const ACTIVATIONS = ACTIVATION_LAYER_IDS;

/**
 * The slope of Keras 3's `keras.activations.leaky_relu(x, negative_slope=0.2)`, which an
 * `Activation("leaky_relu")` layer applies (keras/src/activations/activations.py). The LeakyReLU
 * *layer*'s default, 0.3, is this file's `alpha` default.
 */
export const KERAS_LEAKY_RELU_FUNCTION_SLOPE = 0.2;

const isKerasZero = (v: unknown) => v === undefined || v === null || v === 0;

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
      appliesWhen: (params) => params.activation === 'leakyRelu',
    },
  ],
  arity: { min: 1, max: 1 },
  summaryParams: ['activation'],
  inferOutputShape(inputs) {
    if (!inputs[0]) return shapeFailure('shape.needsOne', { layer: 'Activation' });
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
  head: { activationParam: 'activation' },
  fused: (params) => ({ kind: 'activation', activation: params.activation as string }),
  keras: {
    classNames: ['Activation', 'ReLU', 'Softmax', 'LeakyReLU'],
    reads: ['activation', 'alpha', 'negative_slope', 'max_value', 'threshold', 'axis'],
    fromKeras(config, context) {
      const withActivation = (activation: string, alpha = paramDefault(Activation, 'alpha')): { ok: true; params: LayerParams } => ({ ok: true, params: { activation, alpha } });
      switch (context.className) {
        case 'LeakyReLU':
          // Keras 2 and tfjs call the slope alpha, Keras 3 negative_slope; both default to the layer's 0.3.
          return withActivation('leakyRelu', Number(kerasGet(config, 'alpha') ?? kerasGet(config, 'negative_slope') ?? paramDefault(Activation, 'alpha')));
        case 'ReLU': {
          // ReLU(max_value=6) or a leak or threshold is another function, which Neurite does not offer.
          const extra = (['max_value', 'negative_slope', 'threshold'] as const).find((k) => !isKerasZero(kerasGet(config, k)));
          if (extra) return { ok: false, unsupported: `ReLU with ${extra} ${quoteValue(kerasGet(config, extra))}` };
          return withActivation('relu');
        }
        case 'Softmax': {
          const axis = kerasGet(config, 'axis');
          if (axis !== undefined && axis !== null && axis !== -1) context.warn(`${context.layerName}: Softmax axis ${quoteValue(axis)} imported as the last axis.`);
          return withActivation('softmax');
        }
        default: {
          const raw = kerasGet(config, 'activation');
          const activation = activationFromKeras(raw, paramDefault(Activation, 'activation') as string);
          if (!(ACTIVATIONS as readonly string[]).includes(activation)) return { ok: false, unsupported: `${context.className} with activation ${quoteValue(raw)}` };
          return activation === 'leakyRelu' ? withActivation(activation, KERAS_LEAKY_RELU_FUNCTION_SLOPE) : withActivation(activation);
        }
      }
    },
  },
  code: {
    python: (params) =>
      params.activation === 'leakyRelu'
        ? codeCall('layers.LeakyReLU', [], [['negative_slope', params.alpha as number]])
        : codeCall('layers.Activation', [activationToKeras(params.activation)]),
    typescript: (_params, tfjs) => tfjsLayerCode(tfjs),
  },
  onnx: { emit: (c) => writeOnnxActivation(c.b, c.node.params.activation as string, c.inputs[0], c.output, c.node.params.alpha as number) },
  examples: [
    { params: {}, inputs: [[null, 3]] },
    ...['linear', 'sigmoid', 'tanh', 'softmax', 'elu', 'selu', 'softplus', 'softsign', 'swish', 'gelu', 'hardSigmoid'].map((activation) => ({ params: { activation }, inputs: [[null, 6]] })),
    { params: { activation: 'leakyRelu', alpha: 0.2 }, inputs: [[null, 2, 3]] },
  ],
};
