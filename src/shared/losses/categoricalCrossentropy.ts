import type { LossDefinition } from './types';

/** Keras 3 `keras.losses.CategoricalCrossentropy` (`"categorical_crossentropy"`): −Σ y·log(ŷ) over one-hot rows and softmax probabilities. */
export const categoricalCrossentropy: LossDefinition = {
  id: 'categoricalCrossentropy',
  label: 'categorical crossentropy',
  helpKey: 'help.loss.categoricalCrossentropy',
  kerasClass: 'CategoricalCrossentropy',
  kerasName: 'categorical_crossentropy',
  kerasAliases: [],
  labels: 'onehot',
  output: 'softmax',
  tfjsName: 'categoricalCrossentropy',
  perSample: (tf, t, p) => tf.metrics.categoricalCrossentropy(t, p),
  fused: 'categoricalCrossentropy',
};
