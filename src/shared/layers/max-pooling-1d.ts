import { pooling } from './pooling';

/** Keras 3 `keras.layers.MaxPooling1D` (pool_size=2, strides=None meaning the pool size, padding='valid'): `(batch, steps, c)` → `(batch, steps', c)`; see `pooling`. */
export const MaxPooling1D = pooling({
  type: 'MaxPooling1D',
  rank: 1,
  counterpart: 'MaxPooling2D',
  onnxOp: 'MaxPool',
  classNames: ['MaxPooling1D', 'MaxPool1D'],
  description: 'Keeps the largest value in each short window of each channel of a sequence, shortening it (windows of 2 halve the length).',
  examples: [
    { params: {}, inputs: [[null, 10, 3]] },
    { params: { poolSize: [3], strides: [2], padding: 'same' }, inputs: [[null, 9, 2]] },
    { params: { poolSize: [4], strides: [1] }, inputs: [[null, 7, 1]] },
  ],
});
