import { quoteValue } from '../api/quote';
import { writeOnnxActivation } from '../activations';
import { DENSE_ACTIVATIONS } from './dense';
import { BIAS_INITIALIZERS, KERNEL_INITIALIZERS, initializerConfig } from './initializers';
import { activationFromKeras, activationToKeras, codeCall, initializerFromKeras, initializerToKeras, kerasGet, kerasParams, paramDefault, tfjsLayerCode } from './keras';
import { formatShape } from './params';
import { channelsFirstKernel, imageInput, kerasTuple, onnxChannelsFirstChain, onnxPads, sequenceInput, spatialOutput, type OnnxChannelsFirstStep } from './spatial';
import type { OnnxLayerContext } from './onnx';
import type { FromKerasResult, KerasConfig, KerasImportContext, LayerDefinition, LayerExample, LayerParams, ParamSpec, Shape } from './types';
import { isShapeFailure, shapeFailure, type ShapeFailure } from './shape-text';

/**
 * What the convolution layers (Conv1D, Conv2D, DepthwiseConv2D, SeparableConv2D) share: their
 * common params (activation, use_bias, bias_initializer, with the Keras 3 defaults None / True /
 * 'zeros'), the input check for their rank, the activation on import, and the ONNX Conv written
 * channels-first with the activation after it.
 */

/** Keras 3 `activation=None` (tfjs 'linear'): the function applied to each output. */
export const ACTIVATION_PARAM: ParamSpec = {
  name: 'activation',
  label: 'Activation',
  kind: 'enum',
  default: 'linear',
  options: DENSE_ACTIVATIONS,
  help: 'The function applied to each output. linear means none; relu is the usual choice after a convolution.',
};
/** Keras 3 `use_bias=True`. */
export const USE_BIAS_PARAM: ParamSpec = { name: 'useBias', label: 'Use bias', kind: 'bool', default: true, help: 'Whether each output channel adds a learned constant.', keras: 'use_bias' };
/** Keras 3 `bias_initializer='zeros'`. */
export const BIAS_INITIALIZER_PARAM: ParamSpec = { name: 'biasInitializer', label: 'Bias initializer', kind: 'enum', default: 'zeros', options: BIAS_INITIALIZERS, help: 'How the biases are set before training starts.', appliesWhen: (params) => params.useBias !== false };

/** The Keras config keys every convolution drops at their neutral values. */
export const CONV_DROPS = {
  data_format: 'channels_last',
  bias_regularizer: null,
  activity_regularizer: null,
  bias_constraint: null,
} as const;

/**
 * The channels-last input of a convolution of `rank` spatial axes (1: `[batch, steps, channels]`,
 * 2: `[batch, h, w, channels]`) with a known channel count, or a message naming the fix.
 * `counterpart` is the layer for the other kind of input (Conv2D for Conv1D and back), named in the message.
 */
export function convInput(layer: string, inputs: Shape[], rank: 1 | 2, counterpart?: string): { input: Shape; channels: number } | ShapeFailure {
  const input = rank === 1 ? sequenceInput(layer, inputs, counterpart) : imageInput(layer, inputs, counterpart);
  if (isShapeFailure(input)) return input;
  const last = input[input.length - 1];
  if (last === null) return shapeFailure('shape.channelsKnown', { layer, got: formatShape(input) });
  return { input, channels: last };
}

/** The Keras `activation` of a convolution's config as Neurite's id, or the unsupported result naming it. */
export function convActivationFromKeras(def: Pick<LayerDefinition, 'params'>, config: KerasConfig, context: KerasImportContext): string | FromKerasResult {
  const raw = kerasGet(config, 'activation');
  const activation = activationFromKeras(raw, paramDefault(def, 'activation') as string);
  if (!(DENSE_ACTIVATIONS as readonly string[]).includes(activation)) return { ok: false, unsupported: `${context.className} with activation ${quoteValue(raw)}` };
  return activation;
}

/**
 * Writes an ONNX Conv (channels-first, between transposes) computing `pre`, then the node's
 * activation into the layer's output. `inputs` are the weight (and bias) initializers;
 * `attributes` add to kernel_shape/strides/pads/dilations (e.g. `group`).
 */
export function emitConvOnnx(c: OnnxLayerContext, inputs: string[], window: number[], strides: number[], attributes: Record<string, { int: number }> = {}): void {
  emitConvChainOnnx(c, [convStep(c, inputs, window, strides, attributes)]);
}

/** An ONNX Conv step with TensorFlow's padding of the node (`onnxPads`), dilation 1. */
export function convStep(c: OnnxLayerContext, inputs: string[], window: number[], strides: number[], attributes: Record<string, { int: number }> = {}): OnnxChannelsFirstStep {
  return { op: 'Conv', extra: inputs, attributes: { kernel_shape: { ints: window }, strides: { ints: strides }, pads: { ints: onnxPads(c, window, strides) }, dilations: { ints: window.map(() => 1) }, ...attributes } };
}

/** Channels-first steps (Conv, then Conv for SeparableConv2D) between transposes, then the node's activation into the layer's output. */
export function emitConvChainOnnx(c: OnnxLayerContext, steps: OnnxChannelsFirstStep[]): void {
  const { b, node } = c;
  const activation = node.params.activation as string;
  const pre = activation === 'linear' ? c.output : b.fresh(`${node.name}/pre_activation`);
  onnxChannelsFirstChain(c, steps, pre);
  if (activation !== 'linear') writeOnnxActivation(b, activation, pre, c.output);
}

/**
 * Keras 3 `keras.layers.Conv1D` / `Conv2D` (keras/src/layers/convolutional/base_conv.py): strides 1,
 * padding='valid', data_format channels_last, dilation_rate 1, groups=1, activation=None,
 * use_bias=True, kernel_initializer='glorot_uniform', bias_initializer='zeros'; tfjs
 * `tf.layers.conv1d` / `conv2d` have the same defaults. Keras requires `filters` and
 * `kernel_size`; Neurite starts a new node at 8 filters of 3 (×3). Output
 * `(batch, ...spatial', filters)` with the spatial sizes from `spatialOutput`; kernel
 * `(...kernel_size, channels, filters)`, then the bias (base_conv.py build() order).
 */
export function convolution(spec: {
  type: 'Conv1D' | 'Conv2D';
  rank: 1 | 2;
  classNames: readonly string[];
  description: string;
  paddings: readonly string[];
  paddingHelp: string;
  examples: readonly LayerExample[];
}): LayerDefinition {
  const { type, rank } = spec;
  const otherRank = rank === 1 ? 'Conv2D' : 'Conv1D';
  const ones = Array.from({ length: rank }, () => 1);
  const def: LayerDefinition = {
    type,
    label: type,
    category: 'Convolution',
    description: spec.description,
    params: [
      { name: 'filters', label: 'Filters', kind: 'int', default: 8, min: 1, max: 10_000, help: 'How many filters (output channels) the layer learns.', keras: 'filters' },
      rank === 1
        ? { name: 'kernelSize', label: 'Kernel size', kind: 'shape', default: [3], help: 'Length of each filter in steps, e.g. [3].', keras: 'kernel_size' }
        : { name: 'kernelSize', label: 'Kernel size', kind: 'shape', default: [3, 3], help: 'Height and width of each filter in pixels, e.g. [3, 3].', keras: 'kernel_size' },
      rank === 1
        ? { name: 'strides', label: 'Strides', kind: 'shape', default: [1], help: 'How many steps the filter moves each time; [2] halves the length.', keras: 'strides' }
        : { name: 'strides', label: 'Strides', kind: 'shape', default: [1, 1], help: 'How many pixels the filter moves each step (height, width); [2, 2] halves the image size.', keras: 'strides' },
      { name: 'padding', label: 'Padding', kind: 'enum', default: 'valid', options: spec.paddings, help: spec.paddingHelp, keras: 'padding' },
      ACTIVATION_PARAM,
      USE_BIAS_PARAM,
      { name: 'kernelInitializer', label: 'Kernel initializer', kind: 'enum', default: 'glorotUniform', options: KERNEL_INITIALIZERS, help: 'How the filter weights are set before training starts.' },
      BIAS_INITIALIZER_PARAM,
    ],
    arity: { min: 1, max: 1 },
    summaryParams: ['filters', 'kernelSize', 'activation'],
    inferOutputShape(inputs, params) {
      const checked = convInput(type, inputs, rank, otherRank);
      if (isShapeFailure(checked)) return checked;
      const out = spatialOutput(type, checked.input, params.kernelSize as number[], params.strides as number[], params.padding as string, 'kernelSize');
      if (isShapeFailure(out)) return out;
      return { ok: true, shape: [...out, params.filters as number] };
    },
    // keras/src/layers/convolutional/base_conv.py build(): kernel, then bias.
    weightNames: (params) => (params.useBias ? ['kernel', 'bias'] : ['kernel']),
    countParams(inputs, params) {
      const checked = convInput(type, inputs, rank, otherRank);
      if (isShapeFailure(checked)) return { trainable: 0, nonTrainable: 0 };
      const area = (params.kernelSize as number[]).reduce((a, b) => a * b, 1);
      const filters = params.filters as number;
      return { trainable: area * checked.channels * filters + (params.useBias ? filters : 0), nonTrainable: 0 };
    },
    toTfjs(params) {
      return {
        className: type,
        config: {
          filters: params.filters,
          kernelSize: [...(params.kernelSize as number[])],
          strides: [...(params.strides as number[])],
          padding: params.padding,
          // tfjs' Conv1D is channels-last only and leaves dataFormat out of its config.
          ...(rank === 2 ? { dataFormat: 'channelsLast' } : {}),
          dilationRate: ones,
          activation: params.activation,
          useBias: params.useBias,
          kernelInitializer: initializerConfig(params.kernelInitializer as string),
          biasInitializer: initializerConfig(params.biasInitializer as string),
          kernelRegularizer: null,
          biasRegularizer: null,
          activityRegularizer: null,
          kernelConstraint: null,
          biasConstraint: null,
        },
      };
    },
    head: { activationParam: 'activation' },
    keras: {
      classNames: spec.classNames,
      reads: ['activation', 'kernel_initializer', 'bias_initializer'],
      drops: { ...CONV_DROPS, dilation_rate: ones, groups: 1, kernel_regularizer: null, kernel_constraint: null, lora_rank: null },
      fromKeras(config, context) {
        const activation = convActivationFromKeras(def, config, context);
        if (typeof activation !== 'string') return activation;
        const padding = kerasGet(config, 'padding');
        if (padding !== undefined && padding !== null && !spec.paddings.includes(String(padding))) return { ok: false, unsupported: `${context.className} with padding ${quoteValue(padding)}` };
        const params: LayerParams = kerasParams(def, config);
        params.kernelSize = kerasTuple(kerasGet(config, 'kernel_size'), rank, paramDefault(def, 'kernelSize') as number[]);
        params.strides = kerasTuple(kerasGet(config, 'strides'), rank, paramDefault(def, 'strides') as number[]);
        params.activation = activation;
        params.kernelInitializer = initializerFromKeras(kerasGet(config, 'kernel_initializer'), paramDefault(def, 'kernelInitializer') as string, KERNEL_INITIALIZERS, context);
        params.biasInitializer = initializerFromKeras(kerasGet(config, 'bias_initializer'), paramDefault(def, 'biasInitializer') as string, BIAS_INITIALIZERS, context);
        return { ok: true, params };
      },
    },
    code: {
      python: (params) =>
        codeCall(
          `layers.${type}`,
          [params.filters as number, [...(params.kernelSize as number[])]],
          [
            ['strides', [...(params.strides as number[])]],
            ['padding', params.padding as string],
            ['activation', activationToKeras(params.activation)],
            ['use_bias', params.useBias as boolean],
            ['kernel_initializer', initializerToKeras(params.kernelInitializer)],
            ['bias_initializer', initializerToKeras(params.biasInitializer)],
          ],
        ),
      // tfjs' factories are `tf.layers.conv1d` / `conv2d`.
      typescript: (_params, tfjs) => tfjsLayerCode(tfjs, type.toLowerCase()),
    },
    /** ONNX Conv is channels-first: transpose, Conv with the kernel as (filters, channels, ...kernel_size), transpose back; then the activation. */
    onnx: {
      emit(c) {
        const kernel = channelsFirstKernel(c.weight('kernel'));
        const inputs = [c.b.floatConstant(`${c.node.name}/kernel`, kernel.dims, kernel.values)];
        if (c.node.params.useBias) inputs.push(c.b.floatConstant(`${c.node.name}/bias`, [kernel.dims[0]], c.weight('bias').values));
        emitConvOnnx(c, inputs, kernel.dims.slice(2), c.node.params.strides as number[]);
      },
    },
    examples: spec.examples,
  };
  return def;
}
