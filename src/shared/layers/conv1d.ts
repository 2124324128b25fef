import { convolution } from './convolution';
import { PADDINGS } from './spatial';

/**
 * Keras 3 `keras.layers.Conv1D` (strides=1, padding='valid', data_format channels_last,
 * dilation_rate=1, groups=1, activation=None, use_bias=True, kernel_initializer='glorot_uniform',
 * bias_initializer='zeros'); tfjs `tf.layers.conv1d` has the same defaults. Keras requires
 * `filters` and `kernel_size`; Neurite starts a new node at 8 filters of length 3.
 * Input `(batch, steps, channels)`, output `(batch, steps', filters)`; kernel
 * `(kernel_size, channels, filters)`. Keras' padding='causal' is
 * not offered: tfjs 4.22's Conv1D throws "The support for CAUSAL padding mode in conv1dWithBias is
 * not implemented yet"; it is refused on import, naming it. See `convolution`.
 */
export const Conv1D = convolution({
  type: 'Conv1D',
  rank: 1,
  classNames: ['Conv1D', 'Convolution1D'],
  description: 'Slides small learned filters along a sequence (a signal, a time series); each filter gives one output channel that responds to a local pattern.',
  paddings: PADDINGS,
  paddingHelp: 'valid: no padding, the sequence shrinks by the filter length minus one. same: pads with zeros at both ends so the length only shrinks by the strides.',
  examples: [
    { params: {}, inputs: [[null, 12, 1]] },
    { params: { filters: 4, kernelSize: [5], strides: [2], padding: 'same', activation: 'relu' }, inputs: [[null, 11, 3]] },
    { params: { filters: 3, kernelSize: [3], useBias: false, kernelInitializer: 'heNormal' }, inputs: [[null, 9, 2]] },
    { params: { filters: 2, kernelSize: [2], strides: [3], activation: 'tanh' }, inputs: [[null, 10, 4]] },
  ],
});
