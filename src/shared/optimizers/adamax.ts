import { KERAS_EPSILON, beta1, beta2, epsilon, learningRate } from './fields';
import type { OptimizerDefinition } from './types';

/**
 * Adamax, Adam with the infinity norm. Keras 3 `keras.optimizers.Adamax(learning_rate=0.001,
 * beta_1=0.9, beta_2=0.999, epsilon=1e-07)` (keras/src/optimizers/adamax.py). tfjs'
 * `tf.train.adamax` defaults to learning rate 0.002 (the paper's), not Keras' 0.001, and takes a
 * learning-rate `decay` (0 here, as Keras has none): both passed explicitly.
 */
export const adamax: OptimizerDefinition = {
  id: 'adamax',
  label: 'Adamax',
  kerasClass: 'Adamax',
  tfjsClass: 'Adamax',
  description: 'A variant of Adam that divides by the largest recent gradient instead of a running average of squares.',
  fields: [learningRate(0.001), beta1(0.9), beta2(0.999), epsilon(KERAS_EPSILON)],
  tfjs: (s) => ({ factory: 'adamax', args: [s.learningRate, s.beta1!, s.beta2!, s.epsilon!, 0] }),
  tfjsConfig: (s) => ({ learningRate: s.learningRate, beta1: s.beta1!, beta2: s.beta2!, epsilon: s.epsilon!, decay: 0 }),
  fused: 'adamax',
};
