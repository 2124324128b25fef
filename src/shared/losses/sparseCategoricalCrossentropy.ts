import type { LossDefinition } from './types';

/**
 * Keras 3 `keras.losses.SparseCategoricalCrossentropy` (`"sparse_categorical_crossentropy"`):
 * categorical crossentropy with the label given as one class number per example.
 */
export const sparseCategoricalCrossentropy: LossDefinition = {
  id: 'sparseCategoricalCrossentropy',
  label: 'sparse categorical crossentropy',
  helpKey: 'help.loss.sparseCategoricalCrossentropy',
  kerasClass: 'SparseCategoricalCrossentropy',
  kerasName: 'sparse_categorical_crossentropy',
  kerasAliases: [],
  labels: 'index',
  output: 'softmax',
  tfjsName: 'sparseCategoricalCrossentropy',
  perSample: (tf, t, p) =>
    tf.tidy(() => {
      const classes = p.shape[p.shape.length - 1];
      const indices = tf.cast(tf.floor(tf.reshape(t, [-1])), 'int32');
      return tf.metrics.categoricalCrossentropy(tf.reshape(tf.oneHot(indices, classes), [...p.shape]), p);
    }),
  fused: 'sparseCategoricalCrossentropy',
};
