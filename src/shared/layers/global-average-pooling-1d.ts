import { globalPooling } from './pooling';

/** Keras 3 `keras.layers.GlobalAveragePooling1D` (data_format channels_last, keepdims=False): `(batch, steps, c)` → `(batch, c)`; see `globalPooling`. */
export const GlobalAveragePooling1D = globalPooling({
  type: 'GlobalAveragePooling1D',
  rank: 1,
  counterpart: 'GlobalAveragePooling2D',
  onnxOp: 'ReduceMean',
  classNames: ['GlobalAveragePooling1D', 'GlobalAvgPool1D'],
  description: 'Averages each channel over the whole sequence, giving one number per channel: the usual bridge from 1-D convolutions to Dense layers.',
  examples: [
    { params: {}, inputs: [[null, 6, 3]] },
    { params: {}, inputs: [[null, 1, 5]] },
  ],
});
