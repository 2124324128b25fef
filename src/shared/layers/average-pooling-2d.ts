import { pooling2d } from './pooling';

/** Keras 3 `keras.layers.AveragePooling2D` (pool_size=(2, 2), strides=pool size, padding='valid'); see `pooling2d`. */
export const AveragePooling2D = pooling2d({
  type: 'AveragePooling2D',
  onnxOp: 'AveragePool',
  description: 'Averages each small window of each channel, shrinking the image (2×2 windows halve height and width).',
});
