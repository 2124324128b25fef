import { quoteValue } from '../api/quote';
import { writeOnnxActivation } from '../activations';
import { DENSE_ACTIVATIONS } from './dense';
import { BIAS_INITIALIZERS, KERNEL_INITIALIZERS, initializerConfig } from './initializers';
import { activationFromKeras, activationToKeras, codeCall, initializerFromKeras, initializerToKeras, kerasGet, kerasParams, paramDefault, tfjsLayerCode } from './keras';
import { formatShape } from './params';
import { PADDINGS, imageInput, kerasPair, onnxChannelsFirst, onnxPads, spatialOutput } from './spatial';
import type { LayerDefinition, LayerParams, Shape } from './types';

function channels(inputs: Shape[]): number | string {
  const input = imageInput('Conv2D', inputs);
  if (typeof input === 'string') return input;
  const last = input[3];
  if (last === null) return `Conv2D needs the channels axis of its input to have a known size; got ${formatShape(input)}.`;
  return last;
}

/**
 * Keras 3 `keras.layers.Conv2D` (strides=(1, 1), padding='valid', data_format channels_last,
 * dilation_rate=(1, 1), groups=1, activation=None, use_bias=True, kernel_initializer='glorot_uniform',
 * bias_initializer='zeros'); tfjs `tf.layers.conv2d` has the same defaults. Keras requires
 * `filters` and `kernel_size`; Neurite starts a new node at 8 filters of 3×3.
 * Output `(batch, h', w', filters)` with h', w' from `spatialOutput`; kernel `(kh, kw, channels, filters)`.
 */
export const Conv2D: LayerDefinition = {
  type: 'Conv2D',
  label: 'Conv2D',
  category: 'Convolution',
  description: 'Slides small learned filters over an image; each filter gives one output channel that responds to a local pattern (an edge, a stroke).',
  params: [
    { name: 'filters', label: 'Filters', kind: 'int', default: 8, min: 1, max: 10_000, help: 'How many filters (output channels) the layer learns.', keras: 'filters' },
    { name: 'kernelSize', label: 'Kernel size', kind: 'shape', default: [3, 3], help: 'Height and width of each filter in pixels, e.g. [3, 3].', keras: 'kernel_size' },
    { name: 'strides', label: 'Strides', kind: 'shape', default: [1, 1], help: 'How many pixels the filter moves each step (height, width); [2, 2] halves the image size.', keras: 'strides' },
    { name: 'padding', label: 'Padding', kind: 'enum', default: 'valid', options: PADDINGS, help: "valid: no padding, the image shrinks by the filter size minus one. same: pads with zeros so the size only shrinks by the strides.", keras: 'padding' },
    {
      name: 'activation',
      label: 'Activation',
      kind: 'enum',
      default: 'linear',
      options: DENSE_ACTIVATIONS,
      help: 'The function applied to each output. linear means none; relu is the usual choice after a convolution.',
    },
    { name: 'useBias', label: 'Use bias', kind: 'bool', default: true, help: 'Whether each filter adds a learned constant.', keras: 'use_bias' },
    { name: 'kernelInitializer', label: 'Kernel initializer', kind: 'enum', default: 'glorotUniform', options: KERNEL_INITIALIZERS, help: 'How the filter weights are set before training starts.' },
    { name: 'biasInitializer', label: 'Bias initializer', kind: 'enum', default: 'zeros', options: BIAS_INITIALIZERS, help: 'How the biases are set before training starts.' },
  ],
  arity: { min: 1, max: 1 },
  summaryParams: ['filters', 'kernelSize', 'activation'],
  inferOutputShape(inputs, params) {
    const c = channels(inputs);
    if (typeof c === 'string') return { ok: false, message: c };
    const out = spatialOutput('Conv2D', inputs[0], params.kernelSize as number[], params.strides as number[], params.padding as string, 'kernel size');
    if (typeof out === 'string') return { ok: false, message: out };
    return { ok: true, shape: [...out, params.filters as number] };
  },
  // keras/src/layers/convolutional/base_conv.py build(): kernel, then bias.
  weightNames: (params) => (params.useBias ? ['kernel', 'bias'] : ['kernel']),
  countParams(inputs, params) {
    const c = channels(inputs);
    if (typeof c === 'string') return { trainable: 0, nonTrainable: 0 };
    const [kh, kw] = params.kernelSize as number[];
    const filters = params.filters as number;
    return { trainable: kh * kw * c * filters + (params.useBias ? filters : 0), nonTrainable: 0 };
  },
  toTfjs(params) {
    return {
      className: 'Conv2D',
      config: {
        filters: params.filters,
        kernelSize: [...(params.kernelSize as number[])],
        strides: [...(params.strides as number[])],
        padding: params.padding,
        dataFormat: 'channelsLast',
        dilationRate: [1, 1],
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
    classNames: ['Conv2D', 'Convolution2D'],
    reads: ['activation', 'kernel_initializer', 'bias_initializer'],
    drops: {
      data_format: 'channels_last',
      dilation_rate: [1, 1],
      groups: 1,
      kernel_regularizer: null,
      bias_regularizer: null,
      activity_regularizer: null,
      kernel_constraint: null,
      bias_constraint: null,
      lora_rank: null,
    },
    fromKeras(config, context) {
      const raw = kerasGet(config, 'activation');
      const activation = activationFromKeras(raw, paramDefault(Conv2D, 'activation') as string);
      if (!(DENSE_ACTIVATIONS as readonly string[]).includes(activation)) return { ok: false, unsupported: `${context.className} with activation ${quoteValue(raw)}` };
      const params: LayerParams = kerasParams(Conv2D, config);
      params.kernelSize = kerasPair(kerasGet(config, 'kernel_size'), paramDefault(Conv2D, 'kernelSize') as number[]);
      params.strides = kerasPair(kerasGet(config, 'strides'), paramDefault(Conv2D, 'strides') as number[]);
      params.activation = activation;
      params.kernelInitializer = initializerFromKeras(kerasGet(config, 'kernel_initializer'), paramDefault(Conv2D, 'kernelInitializer') as string, KERNEL_INITIALIZERS, context);
      params.biasInitializer = initializerFromKeras(kerasGet(config, 'bias_initializer'), paramDefault(Conv2D, 'biasInitializer') as string, BIAS_INITIALIZERS, context);
      return { ok: true, params };
    },
  },
  code: {
    python: (params) =>
      codeCall(
        'layers.Conv2D',
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
    // tfjs' factory is `tf.layers.conv2d`.
    typescript: (_params, tfjs) => tfjsLayerCode(tfjs, 'conv2d'),
  },
  /** ONNX Conv is channels-first: Transpose to NCHW, Conv with the kernel as (filters, channels, kh, kw), Transpose back; then the activation. */
  onnx: {
    emit(c) {
      const { b, node } = c;
      const kernel = c.weight('kernel');
      const [kh, kw, cin, cout] = kernel.shape;
      const oihw = new Float32Array(kernel.values.length);
      for (let h = 0; h < kh; h++) for (let w = 0; w < kw; w++) for (let i = 0; i < cin; i++) for (let o = 0; o < cout; o++) oihw[((o * cin + i) * kh + h) * kw + w] = kernel.values[((h * kw + w) * cin + i) * cout + o];
      const inputs = [b.floatConstant(`${node.name}/kernel`, [cout, cin, kh, kw], oihw)];
      if (node.params.useBias) inputs.push(b.floatConstant(`${node.name}/bias`, [cout], c.weight('bias').values));
      const activation = node.params.activation as string;
      const strides = node.params.strides as number[];
      const pre = activation === 'linear' ? c.output : b.fresh(`${node.name}/pre_activation`);
      onnxChannelsFirst(c, 'Conv', inputs, { kernel_shape: { ints: [kh, kw] }, strides: { ints: strides }, pads: { ints: onnxPads(c, [kh, kw], strides) }, dilations: { ints: [1, 1] } }, pre);
      if (activation !== 'linear') writeOnnxActivation(b, activation, pre, c.output);
    },
  },
  examples: [
    { params: {}, inputs: [[null, 8, 8, 1]] },
    { params: { filters: 4, kernelSize: [3, 2], strides: [2, 2], padding: 'same', activation: 'relu' }, inputs: [[null, 7, 9, 3]] },
    { params: { filters: 2, kernelSize: [5, 5], useBias: false, kernelInitializer: 'heNormal', biasInitializer: 'ones' }, inputs: [[null, 12, 10, 2]] },
    { params: { filters: 3, kernelSize: [2, 2], strides: [1, 2], activation: 'softmax' }, inputs: [[null, 6, 6, 4]] },
  ],
};
