import { globalPooling2d } from './pooling';

/** Keras 3 `keras.layers.GlobalMaxPooling2D` (keepdims=False): `(batch, h, w, c)` → `(batch, c)`; see `globalPooling2d`. */
export const GlobalMaxPooling2D = globalPooling2d({
  type: 'GlobalMaxPooling2D',
  onnxOp: 'ReduceMax',
  description: 'Keeps the largest value of each channel over the whole image, giving one number per channel.',
});
