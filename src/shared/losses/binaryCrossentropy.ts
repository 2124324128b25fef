import type { LossDefinition } from './types';

/** Keras 3 `keras.losses.BinaryCrossentropy` (`"binary_crossentropy"`): −[y·log(ŷ) + (1 − y)·log(1 − ŷ)] averaged over the last axis. */
export const binaryCrossentropy: LossDefinition = {
  id: 'binaryCrossentropy',
  label: 'binary crossentropy',
  helpKey: 'help.loss.binaryCrossentropy',
  kerasClass: 'BinaryCrossentropy',
  kerasName: 'binary_crossentropy',
  kerasAliases: [],
  labels: 'binary',
  output: 'sigmoid',
  tfjsName: 'binaryCrossentropy',
  perSample: (tf, t, p) => tf.metrics.binaryCrossentropy(t, p),
  fused: 'binaryCrossentropy',
};
