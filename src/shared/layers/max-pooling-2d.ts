import { pooling2d } from './pooling';

/** Keras 3 `keras.layers.MaxPooling2D` (pool_size=(2, 2), strides=pool size, padding='valid'); see `pooling2d`. */
export const MaxPooling2D = pooling2d({
  type: 'MaxPooling2D',
  onnxOp: 'MaxPool',
  description: 'Keeps the largest value in each small window of each channel, shrinking the image (2×2 windows halve height and width).',
});
