import { globalPooling2d } from './pooling';

/** Keras 3 `keras.layers.GlobalAveragePooling2D` (keepdims=False): `(batch, h, w, c)` → `(batch, c)`; see `globalPooling2d`. */
export const GlobalAveragePooling2D = globalPooling2d({
  type: 'GlobalAveragePooling2D',
  onnxOp: 'ReduceMean',
  description: 'Averages each channel over the whole image, giving one number per channel: the usual bridge from convolutions to Dense layers.',
});
