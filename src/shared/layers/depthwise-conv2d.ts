import { ACTIVATION_PARAM, BIAS_INITIALIZER_PARAM, CONV_DROPS, USE_BIAS_PARAM, convActivationFromKeras, convInput, emitConvOnnx } from './convolution';
import { BIAS_INITIALIZERS, KERNEL_INITIALIZERS, initializerConfig } from './initializers';
import { activationToKeras, codeCall, initializerFromKeras, initializerToKeras, kerasGet, kerasParams, paramDefault, tfjsLayerCode } from './keras';
import { PADDINGS, channelsFirstKernel, kerasPair, spatialOutput } from './spatial';
import type { LayerDefinition, LayerParams } from './types';
import { isShapeFailure } from './shape-text';

/**
 * Keras 3 `keras.layers.DepthwiseConv2D` (strides=(1, 1), padding='valid', depth_multiplier=1,
 * data_format channels_last, dilation_rate=(1, 1), activation=None, use_bias=True,
 * depthwise_initializer='glorot_uniform', bias_initializer='zeros'); tfjs
 * `tf.layers.depthwiseConv2d` has the same defaults. Keras requires `kernel_size`; Neurite starts
 * a new node at 3×3. Each input channel gets its own `depth_multiplier` filters:
 * `(batch, h, w, c)` → `(batch, h', w', c · depth_multiplier)`; kernel `(kh, kw, c, depth_multiplier)`
 * (Keras 3 names it `kernel`, tfjs and Keras 2 `depthwise_kernel`), then the bias.
 */
export const DepthwiseConv2D: LayerDefinition = {
  type: 'DepthwiseConv2D',
  label: 'DepthwiseConv2D',
  category: 'Convolution',
  description: 'Filters each channel of an image on its own (no mixing between channels): far fewer weights than Conv2D, the first half of a separable convolution.',
  params: [
    { name: 'kernelSize', label: 'Kernel size', kind: 'shape', default: [3, 3], help: 'Height and width of each filter in pixels, e.g. [3, 3].', keras: 'kernel_size' },
    { name: 'strides', label: 'Strides', kind: 'shape', default: [1, 1], help: 'How many pixels the filter moves each step (height, width); [2, 2] halves the image size.', keras: 'strides' },
    { name: 'padding', label: 'Padding', kind: 'enum', default: 'valid', options: PADDINGS, help: "valid: no padding, the image shrinks by the filter size minus one. same: pads with zeros so the size only shrinks by the strides.", keras: 'padding' },
    { name: 'depthMultiplier', label: 'Depth multiplier', kind: 'int', default: 1, min: 1, max: 1000, help: 'How many filters each input channel gets; the output has channels × this many channels.', keras: 'depth_multiplier' },
    ACTIVATION_PARAM,
    USE_BIAS_PARAM,
    { name: 'depthwiseInitializer', label: 'Depthwise initializer', kind: 'enum', default: 'glorotUniform', options: KERNEL_INITIALIZERS, help: 'How the filter weights are set before training starts.' },
    BIAS_INITIALIZER_PARAM,
  ],
  arity: { min: 1, max: 1 },
  summaryParams: ['kernelSize', 'depthMultiplier', 'activation'],
  inferOutputShape(inputs, params) {
    const checked = convInput('DepthwiseConv2D', inputs, 2);
    if (isShapeFailure(checked)) return checked;
    const out = spatialOutput('DepthwiseConv2D', checked.input, params.kernelSize as number[], params.strides as number[], params.padding as string, 'kernelSize');
    if (isShapeFailure(out)) return out;
    return { ok: true, shape: [...out, checked.channels * (params.depthMultiplier as number)] };
  },
  // keras/src/layers/convolutional/base_depthwise_conv.py build(): kernel, then bias; tfjs names the kernel depthwise_kernel.
  weightNames: (params) => (params.useBias ? ['depthwise_kernel', 'bias'] : ['depthwise_kernel']),
  kerasWeightNames: (params) => (params.useBias ? ['kernel', 'bias'] : ['kernel']),
  countParams(inputs, params) {
    const checked = convInput('DepthwiseConv2D', inputs, 2);
    if (isShapeFailure(checked)) return { trainable: 0, nonTrainable: 0 };
    const [kh, kw] = params.kernelSize as number[];
    const out = checked.channels * (params.depthMultiplier as number);
    return { trainable: kh * kw * out + (params.useBias ? out : 0), nonTrainable: 0 };
  },
  toTfjs(params) {
    return {
      className: 'DepthwiseConv2D',
      config: {
        kernelSize: [...(params.kernelSize as number[])],
        strides: [...(params.strides as number[])],
        padding: params.padding,
        depthMultiplier: params.depthMultiplier,
        dataFormat: 'channelsLast',
        dilationRate: [1, 1],
        activation: params.activation,
        useBias: params.useBias,
        depthwiseInitializer: initializerConfig(params.depthwiseInitializer as string),
        biasInitializer: initializerConfig(params.biasInitializer as string),
        depthwiseRegularizer: null,
        biasRegularizer: null,
        activityRegularizer: null,
        depthwiseConstraint: null,
        biasConstraint: null,
      },
    };
  },
  head: { activationParam: 'activation' },
  keras: {
    classNames: ['DepthwiseConv2D'],
    reads: ['activation', 'depthwise_initializer', 'bias_initializer'],
    drops: { ...CONV_DROPS, dilation_rate: [1, 1], depthwise_regularizer: null, depthwise_constraint: null },
    fromKeras(config, context) {
      const activation = convActivationFromKeras(DepthwiseConv2D, config, context);
      if (typeof activation !== 'string') return activation;
      const params: LayerParams = kerasParams(DepthwiseConv2D, config);
      params.kernelSize = kerasPair(kerasGet(config, 'kernel_size'), paramDefault(DepthwiseConv2D, 'kernelSize') as number[]);
      params.strides = kerasPair(kerasGet(config, 'strides'), paramDefault(DepthwiseConv2D, 'strides') as number[]);
      params.activation = activation;
      params.depthwiseInitializer = initializerFromKeras(kerasGet(config, 'depthwise_initializer'), paramDefault(DepthwiseConv2D, 'depthwiseInitializer') as string, KERNEL_INITIALIZERS, context);
      params.biasInitializer = initializerFromKeras(kerasGet(config, 'bias_initializer'), paramDefault(DepthwiseConv2D, 'biasInitializer') as string, BIAS_INITIALIZERS, context);
      return { ok: true, params };
    },
  },
  code: {
    python: (params) =>
      codeCall(
        'layers.DepthwiseConv2D',
        [[...(params.kernelSize as number[])]],
        [
          ['strides', [...(params.strides as number[])]],
          ['padding', params.padding as string],
          ['depth_multiplier', params.depthMultiplier as number],
          ['activation', activationToKeras(params.activation)],
          ['use_bias', params.useBias as boolean],
          ['depthwise_initializer', initializerToKeras(params.depthwiseInitializer)],
          ['bias_initializer', initializerToKeras(params.biasInitializer)],
        ],
      ),
    typescript: (_params, tfjs) => tfjsLayerCode(tfjs, 'depthwiseConv2d'),
  },
  /**
   * ONNX: a grouped Conv (group = input channels). The kernel (kh, kw, c, m) read as
   * (kh, kw, 1, c·m) is ONNX's (c·m, 1, kh, kw): output channel c·m + j filters input channel c, as tfjs orders them.
   */
  onnx: {
    emit(c) {
      const { b, node } = c;
      const kernel = c.weight('depthwise_kernel');
      const [kh, kw, cin, m] = kernel.shape;
      const onnxKernel = channelsFirstKernel({ shape: [kh, kw, 1, cin * m], values: kernel.values });
      const inputs = [b.floatConstant(`${node.name}/depthwise_kernel`, onnxKernel.dims, onnxKernel.values)];
      if (node.params.useBias) inputs.push(b.floatConstant(`${node.name}/bias`, [cin * m], c.weight('bias').values));
      emitConvOnnx(c, inputs, [kh, kw], node.params.strides as number[], { group: { int: cin } });
    },
  },
  examples: [
    { params: {}, inputs: [[null, 8, 8, 3]] },
    { params: { kernelSize: [3, 2], strides: [2, 2], padding: 'same', depthMultiplier: 2, activation: 'relu' }, inputs: [[null, 7, 9, 2]] },
    { params: { kernelSize: [5, 5], useBias: false, depthwiseInitializer: 'heNormal', biasInitializer: 'ones', depthMultiplier: 3 }, inputs: [[null, 10, 10, 1]] },
  ],
};
