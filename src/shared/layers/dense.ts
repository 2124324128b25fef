import { onnxInputRank } from './onnx';
import { quoteValue } from '../api/quote';
import { DENSE_ACTIVATION_IDS, writeOnnxActivation } from '../activations';
import { BIAS_INITIALIZERS, KERNEL_INITIALIZERS, initializerConfig } from './initializers';
import { activationFromKeras, activationToKeras, codeCall, initializerFromKeras, initializerToKeras, isKerasObject, kerasGet, kerasParams, paramDefault, tfjsLayerCode } from './keras';
import { formatShape } from './params';
import type { LayerDefinition, LayerParams, Shape } from './types';
import { isShapeFailure, shapeFailure, type ShapeFailure } from './shape-text';

/** Activations tfjs accepts as a Dense `activation` string: src/shared/activations. */
export const DENSE_ACTIVATIONS = DENSE_ACTIVATION_IDS;

function inputFeatures(inputs: Shape[]): number | ShapeFailure {
  const input = inputs[0];
  if (!input) return shapeFailure('shape.needsOne', { layer: 'Dense' });
  if (input.length < 2) return shapeFailure('shape.atLeastOneFeatureAxis', { layer: 'Dense', got: formatShape(input) });
  const last = input[input.length - 1];
  if (last === null) return shapeFailure('shape.lastAxisKnown', { layer: 'Dense', got: formatShape(input) });
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
    { name: 'units', label: 'Units', kind: 'int', default: 8, min: 1, max: 100_000, help: 'How many outputs (neurons) the layer has.', keras: 'units' },
    {
      name: 'activation',
      label: 'Activation',
      kind: 'enum',
      default: 'linear',
      options: DENSE_ACTIVATIONS,
      help: 'The function applied to each output. linear means none; relu is a good default for hidden layers; softmax turns the outputs into class probabilities.',
    },
    { name: 'useBias', label: 'Use bias', kind: 'bool', default: true, help: 'Whether each output adds a learned constant.', keras: 'use_bias' },
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
      appliesWhen: (params) => params.useBias !== false,
    },
    { name: 'l1', label: 'L1 regularization', kind: 'float', default: 0, min: 0, help: 'Penalty on the sum of absolute weights; pushes weights to exactly zero. 0 turns it off.' },
    { name: 'l2', label: 'L2 regularization', kind: 'float', default: 0, min: 0, help: 'Penalty on the sum of squared weights; keeps weights small. 0 turns it off.' },
  ],
  arity: { min: 1, max: 1 },
  summaryParams: ['units', 'activation'],
  inferOutputShape(inputs, params) {
    const features = inputFeatures(inputs);
    if (isShapeFailure(features)) return features;
    return { ok: true, shape: [...inputs[0].slice(0, -1), params.units as number] };
  },
  weightNames: (params) => (params.useBias ? ['kernel', 'bias'] : ['kernel']),
  countParams(inputs, params) {
    const features = inputFeatures(inputs);
    if (isShapeFailure(features)) return { trainable: 0, nonTrainable: 0 };
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
  head: { activationParam: 'activation', decidesWidth: true },
  fused: (params) => ({
    kind: 'dense',
    units: params.units as number,
    activation: params.activation as string,
    useBias: params.useBias as boolean,
    l1: params.l1 as number,
    l2: params.l2 as number,
  }),
  keras: {
    classNames: ['Dense'],
    reads: ['activation', 'kernel_initializer', 'bias_initializer', 'kernel_regularizer'],
    drops: { bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null, lora_rank: null, quantization_config: null },
    fromKeras(config, context) {
      const raw = kerasGet(config, 'activation');
      // Keras' Dense default activation=None is linear, this layer's default.
      const activation = activationFromKeras(raw, paramDefault(Dense, 'activation') as string);
      if (!(DENSE_ACTIVATIONS as readonly string[]).includes(activation)) return { ok: false, unsupported: `${context.className} with activation ${quoteValue(raw)}` };
      const params = kerasParams(Dense, config);
      const initializer = (key: string, param: string, allowed: readonly string[]) =>
        initializerFromKeras(kerasGet(config, key), paramDefault(Dense, param) as string, allowed, context);
      params.activation = activation;
      params.kernelInitializer = initializer('kernel_initializer', 'kernelInitializer', KERNEL_INITIALIZERS);
      params.biasInitializer = initializer('bias_initializer', 'biasInitializer', BIAS_INITIALIZERS);
      params.l1 = paramDefault(Dense, 'l1');
      params.l2 = paramDefault(Dense, 'l2');
      // Keras' L1L2, L1 and L2 regularizers write l1 and/or l2; what one leaves out is the param's default (no penalty).
      const reg = kerasGet(config, 'kernel_regularizer');
      const regClass = isKerasObject(reg) ? String(reg.class_name ?? reg.className ?? '') : '';
      const regConfig = isKerasObject(reg) && isKerasObject(reg.config) ? reg.config : {};
      const penalty = (key: 'l1' | 'l2') => (typeof regConfig[key] === 'number' ? regConfig[key] : paramDefault(Dense, key));
      if (reg !== undefined && reg !== null && !['L1L2', 'L1', 'L2', 'l1_l2', 'l1', 'l2'].includes(regClass)) {
        context.warn(`${context.layerName}: kernel_regularizer ${quoteValue(regClass || reg)} is not offered and was not carried over; only L1 and L2 penalties are.`);
      } else {
        params.l1 = penalty('l1');
        params.l2 = penalty('l2');
      }
      return { ok: true, params };
    },
  },
  code: {
    python(params) {
      const l1 = params.l1 as number;
      const l2 = params.l2 as number;
      return codeCall(
        'layers.Dense',
        [params.units as number],
        [
          ['activation', activationToKeras(params.activation)],
          ['use_bias', params.useBias as boolean],
          ['kernel_initializer', initializerToKeras(params.kernelInitializer)],
          ['bias_initializer', initializerToKeras(params.biasInitializer)],
          ['kernel_regularizer', l1 > 0 || l2 > 0 ? codeCall('regularizers.L1L2', [], [['l1', l1], ['l2', l2]]) : null],
        ],
      );
    },
    typescript: (_params, tfjs) => tfjsLayerCode(tfjs),
  },
  affineInput: { kernel: 'kernel', bias: 'bias' },
  // Gemm on [batch, features], else MatMul (+ Add) over the last axis; then the activation.
  onnx: {
    emit(c) {
      const { b, node } = c;
      const kernel = c.weight('kernel');
      const activation = node.params.activation as string;
      const w = b.floatConstant(`${node.name}/kernel`, kernel.shape, kernel.values);
      const bias = node.params.useBias ? c.weight('bias') : null;
      const biasName = bias ? b.floatConstant(`${node.name}/bias`, bias.shape, bias.values) : null;
      const pre = activation === 'linear' ? c.output : b.fresh(`${node.name}/pre_activation`);
      if (onnxInputRank(c) === 2) {
        b.node('Gemm', biasName ? [c.inputs[0], w, biasName] : [c.inputs[0], w], pre);
      } else if (biasName) {
        b.node('Add', [b.node('MatMul', [c.inputs[0], w], b.fresh(`${node.name}/MatMul`)), biasName], pre);
      } else {
        b.node('MatMul', [c.inputs[0], w], pre);
      }
      if (activation !== 'linear') writeOnnxActivation(b, activation, pre, c.output);
    },
  },
  examples: [
    { params: {}, inputs: [[null, 4]] },
    { params: { units: 10, activation: 'softmax', useBias: false }, inputs: [[null, 100]] },
    { params: { units: 3, activation: 'gelu', kernelInitializer: 'heNormal', biasInitializer: 'ones', l1: 0.01, l2: 0.001 }, inputs: [[null, 5, 7]] },
    { params: { units: 2, activation: 'hardSigmoid', kernelInitializer: 'truncatedNormal' }, inputs: [[null, 1]] },
  ],
};
