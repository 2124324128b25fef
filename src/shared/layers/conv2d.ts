import { convolution } from './convolution';
import { PADDINGS } from './spatial';

/**
 * Keras 3 `keras.layers.Conv2D` (strides=(1, 1), padding='valid', data_format channels_last,
 * dilation_rate=(1, 1), groups=1, activation=None, use_bias=True, kernel_initializer='glorot_uniform',
 * bias_initializer='zeros'); tfjs `tf.layers.conv2d` has the same defaults. Keras requires
 * `filters` and `kernel_size`; Neurite starts a new node at 8 filters of 3×3.
 * Output `(batch, h', w', filters)`; kernel `(kh, kw, channels, filters)`. See `convolution`.
 */
export const Conv2D = convolution({
  type: 'Conv2D',
  rank: 2,
  classNames: ['Conv2D', 'Convolution2D'],
  description: 'Slides small learned filters over an image; each filter gives one output channel that responds to a local pattern (an edge, a stroke).',
  paddings: PADDINGS,
  paddingHelp: "valid: no padding, the image shrinks by the filter size minus one. same: pads with zeros so the size only shrinks by the strides.",
  examples: [
    { params: {}, inputs: [[null, 8, 8, 1]] },
    { params: { filters: 4, kernelSize: [3, 2], strides: [2, 2], padding: 'same', activation: 'relu' }, inputs: [[null, 7, 9, 3]] },
    { params: { filters: 2, kernelSize: [5, 5], useBias: false, kernelInitializer: 'heNormal', biasInitializer: 'ones' }, inputs: [[null, 12, 10, 2]] },
    { params: { filters: 3, kernelSize: [2, 2], strides: [1, 2], activation: 'softmax' }, inputs: [[null, 6, 6, 4]] },
  ],
});

