import { quoteValue } from '../api/quote';
import { ACTIVATION_PARAM, BIAS_INITIALIZER_PARAM, CONV_DROPS, USE_BIAS_PARAM, convActivationFromKeras, convInput, convStep, emitConvChainOnnx } from './convolution';
import { BIAS_INITIALIZERS, KERNEL_INITIALIZERS, initializerConfig } from './initializers';
import { activationToKeras, codeCall, initializerFromKeras, initializerToKeras, kerasGet, kerasParams, paramDefault, tfjsLayerCode } from './keras';
import { PADDINGS, channelsFirstKernel, kerasPair, spatialOutput } from './spatial';
import type { LayerDefinition, LayerParams } from './types';
import { isShapeFailure } from './shape-text';

/**
 * Keras 3 `keras.layers.SeparableConv2D` (strides=(1, 1), padding='valid', depth_multiplier=1,
 * data_format channels_last, dilation_rate=(1, 1), activation=None, use_bias=True,
 * depthwise_initializer='glorot_uniform', pointwise_initializer='glorot_uniform',
 * bias_initializer='zeros'); tfjs `tf.layers.separableConv2d` has the same defaults. Keras
 * requires `filters` and `kernel_size`; Neurite starts a new node at 8 filters of 3×3.
 * A depthwise convolution (kernel `(kh, kw, c, 1)`), then a 1×1 convolution mixing the channels
 * (`(1, 1, c, filters)`), then the bias (base_separable_conv.py build() order).
 * One initializer for both kernels (Keras' depthwise_initializer and pointwise_initializer): tfjs
 * 4.22's SeparableConv2D builds its pointwise kernel with `depthwiseInitializer` whatever
 * `pointwiseInitializer` says (convolutional.js, SeparableConv constructor), so Neurite offers
 * the one it honours and writes it as both in Keras code; a Keras file whose two differ is
 * imported with a warning (loaded weights are not affected).
 * Depth multiplier 1 only: tfjs 4.22's SeparableConv2D leaves `depthMultiplier` out of its
 * config (`getConfig`), so a saved model would reload with 1; other values are refused on import.
 */
export const SeparableConv2D: LayerDefinition = {
  type: 'SeparableConv2D',
  label: 'SeparableConv2D',
  category: 'Convolution',
  description: 'A lighter Conv2D: filters each channel on its own, then mixes the channels with 1×1 filters. Far fewer weights for the same output size.',
  params: [
    { name: 'filters', label: 'Filters', kind: 'int', default: 8, min: 1, max: 10_000, help: 'How many output channels the layer learns.', keras: 'filters' },
    { name: 'kernelSize', label: 'Kernel size', kind: 'shape', default: [3, 3], help: 'Height and width of each per-channel filter in pixels, e.g. [3, 3].', keras: 'kernel_size' },
    { name: 'strides', label: 'Strides', kind: 'shape', default: [1, 1], help: 'How many pixels the filter moves each step (height, width); [2, 2] halves the image size.', keras: 'strides' },
    { name: 'padding', label: 'Padding', kind: 'enum', default: 'valid', options: PADDINGS, help: "valid: no padding, the image shrinks by the filter size minus one. same: pads with zeros so the size only shrinks by the strides.", keras: 'padding' },
    ACTIVATION_PARAM,
    USE_BIAS_PARAM,
    { name: 'depthwiseInitializer', label: 'Kernel initializer', kind: 'enum', default: 'glorotUniform', options: KERNEL_INITIALIZERS, help: 'How the weights of both steps (the per-channel filters and the 1×1 channel mixing) are set before training starts.' },
    BIAS_INITIALIZER_PARAM,
  ],
  arity: { min: 1, max: 1 },
  summaryParams: ['filters', 'kernelSize', 'activation'],
  inferOutputShape(inputs, params) {
    const checked = convInput('SeparableConv2D', inputs, 2);
    if (isShapeFailure(checked)) return checked;
    const out = spatialOutput('SeparableConv2D', checked.input, params.kernelSize as number[], params.strides as number[], params.padding as string, 'kernelSize');
    if (isShapeFailure(out)) return out;
    return { ok: true, shape: [...out, params.filters as number] };
  },
  weightNames: (params) => (params.useBias ? ['depthwise_kernel', 'pointwise_kernel', 'bias'] : ['depthwise_kernel', 'pointwise_kernel']),
  countParams(inputs, params) {
    const checked = convInput('SeparableConv2D', inputs, 2);
    if (isShapeFailure(checked)) return { trainable: 0, nonTrainable: 0 };
    const [kh, kw] = params.kernelSize as number[];
    const filters = params.filters as number;
    return { trainable: kh * kw * checked.channels + checked.channels * filters + (params.useBias ? filters : 0), nonTrainable: 0 };
  },
  toTfjs(params) {
    return {
      className: 'SeparableConv2D',
      config: {
        filters: params.filters,
        kernelSize: [...(params.kernelSize as number[])],
        strides: [...(params.strides as number[])],
        padding: params.padding,
        dataFormat: 'channelsLast',
        dilationRate: [1, 1],
        activation: params.activation,
        useBias: params.useBias,
        depthwiseInitializer: initializerConfig(params.depthwiseInitializer as string),
        pointwiseInitializer: initializerConfig(params.depthwiseInitializer as string),
        biasInitializer: initializerConfig(params.biasInitializer as string),
        depthwiseRegularizer: null,
        pointwiseRegularizer: null,
        biasRegularizer: null,
        activityRegularizer: null,
        depthwiseConstraint: null,
        pointwiseConstraint: null,
        biasConstraint: null,
      },
    };
  },
  head: { activationParam: 'activation' },
  keras: {
    classNames: ['SeparableConv2D', 'SeparableConvolution2D'],
    reads: ['activation', 'depthwise_initializer', 'pointwise_initializer', 'bias_initializer', 'depth_multiplier'],
    drops: { ...CONV_DROPS, dilation_rate: [1, 1], depthwise_regularizer: null, pointwise_regularizer: null, depthwise_constraint: null, pointwise_constraint: null },
    fromKeras(config, context) {
      const multiplier = kerasGet(config, 'depth_multiplier');
      if (multiplier !== undefined && multiplier !== null && multiplier !== 1) return { ok: false, unsupported: `${context.className} with depth_multiplier ${quoteValue(multiplier)} (Neurite's, as tfjs', keeps 1)` };
      const activation = convActivationFromKeras(SeparableConv2D, config, context);
      if (typeof activation !== 'string') return activation;
      const params: LayerParams = kerasParams(SeparableConv2D, config);
      params.kernelSize = kerasPair(kerasGet(config, 'kernel_size'), paramDefault(SeparableConv2D, 'kernelSize') as number[]);
      params.strides = kerasPair(kerasGet(config, 'strides'), paramDefault(SeparableConv2D, 'strides') as number[]);
      params.activation = activation;
      params.depthwiseInitializer = initializerFromKeras(kerasGet(config, 'depthwise_initializer'), paramDefault(SeparableConv2D, 'depthwiseInitializer') as string, KERNEL_INITIALIZERS, context);
      const pointwise = initializerFromKeras(kerasGet(config, 'pointwise_initializer'), paramDefault(SeparableConv2D, 'depthwiseInitializer') as string, KERNEL_INITIALIZERS, context);
      if (pointwise !== params.depthwiseInitializer) context.warn(`${context.layerName}: pointwise_initializer ${quoteValue(pointwise)} differs from depthwise_initializer ${quoteValue(params.depthwiseInitializer)}; Neurite (as tfjs) initializes both kernels with the depthwise one. Weights loaded from files are not affected.`);
      params.biasInitializer = initializerFromKeras(kerasGet(config, 'bias_initializer'), paramDefault(SeparableConv2D, 'biasInitializer') as string, BIAS_INITIALIZERS, context);
      return { ok: true, params };
    },
  },
  code: {
    python: (params) =>
      codeCall(
        'layers.SeparableConv2D',
        [params.filters as number, [...(params.kernelSize as number[])]],
        [
          ['strides', [...(params.strides as number[])]],
          ['padding', params.padding as string],
          ['activation', activationToKeras(params.activation)],
          ['use_bias', params.useBias as boolean],
          ['depthwise_initializer', initializerToKeras(params.depthwiseInitializer)],
          ['pointwise_initializer', initializerToKeras(params.depthwiseInitializer)],
          ['bias_initializer', initializerToKeras(params.biasInitializer)],
        ],
      ),
    typescript: (_params, tfjs) => tfjsLayerCode(tfjs, 'separableConv2d'),
  },
  /** ONNX: the depthwise step as a grouped Conv (group = channels, no bias), then a 1×1 Conv with the bias, channels-first between transposes; then the activation. */
  onnx: {
    emit(c) {
      const { b, node } = c;
      const depthwise = c.weight('depthwise_kernel');
      const [kh, kw, cin] = depthwise.shape;
      const dw = channelsFirstKernel({ shape: [kh, kw, 1, cin], values: depthwise.values });
      const pw = channelsFirstKernel(c.weight('pointwise_kernel'));
      const pointwise = [b.floatConstant(`${node.name}/pointwise_kernel`, pw.dims, pw.values)];
      if (node.params.useBias) pointwise.push(b.floatConstant(`${node.name}/bias`, [pw.dims[0]], c.weight('bias').values));
      emitConvChainOnnx(c, [
        convStep(c, [b.floatConstant(`${node.name}/depthwise_kernel`, dw.dims, dw.values)], [kh, kw], node.params.strides as number[], { group: { int: cin } }),
        { op: 'Conv', extra: pointwise, attributes: { kernel_shape: { ints: [1, 1] }, strides: { ints: [1, 1] }, pads: { ints: [0, 0, 0, 0] }, dilations: { ints: [1, 1] } } },
      ]);
    },
  },
  examples: [
    { params: {}, inputs: [[null, 8, 8, 3]] },
    { params: { filters: 4, kernelSize: [3, 2], strides: [2, 2], padding: 'same', activation: 'relu' }, inputs: [[null, 7, 9, 2]] },
    { params: { filters: 2, kernelSize: [5, 5], useBias: false, depthwiseInitializer: 'heNormal', biasInitializer: 'ones' }, inputs: [[null, 10, 10, 1]] },
  ],
};
