import { KERAS_EPSILON, beta1, beta2, epsilon, learningRate } from './fields';
import type { OptimizerDefinition } from './types';

/**
 * Adam. Keras 3 `keras.optimizers.Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999,
 * epsilon=1e-07, amsgrad=False)` (keras/src/optimizers/adam.py). tfjs' `tf.train.adam` has the
 * same defaults (epsilon = backend epsilon 1e-7); the registry passes them explicitly anyway.
 */
export const adam: OptimizerDefinition = {
  id: 'adam',
  label: 'Adam',
  kerasClass: 'Adam',
  tfjsClass: 'Adam',
  kerasNeutral: { amsgrad: false },
  description: 'Momentum plus per-weight step sizes from running averages of the gradient and its square; a robust default.',
  fields: [learningRate(0.001), beta1(0.9), beta2(0.999), epsilon(KERAS_EPSILON)],
  tfjs: (s) => ({ factory: 'adam', args: [s.learningRate, s.beta1!, s.beta2!, s.epsilon!] }),
  tfjsConfig: (s) => ({ learningRate: s.learningRate, beta1: s.beta1!, beta2: s.beta2!, epsilon: s.epsilon! }),
  fused: 'adam',
};
