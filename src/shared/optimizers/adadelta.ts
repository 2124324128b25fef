import { KERAS_EPSILON, epsilon, learningRate, rho } from './fields';
import type { OptimizerDefinition } from './types';

/**
 * Adadelta. Keras 3 `keras.optimizers.Adadelta(learning_rate=0.001, rho=0.95, epsilon=1e-07)`
 * (keras/src/optimizers/adadelta.py). tfjs' `tf.train.adadelta` has the same defaults (epsilon =
 * backend epsilon); passed explicitly.
 */
export const adadelta: OptimizerDefinition = {
  id: 'adadelta',
  label: 'Adadelta',
  kerasClass: 'Adadelta',
  tfjsClass: 'Adadelta',
  description: 'Scales each step by running averages of past updates and gradients, so it needs little learning-rate tuning.',
  fields: [learningRate(0.001), rho(0.95), epsilon(KERAS_EPSILON)],
  tfjs: (s) => ({ factory: 'adadelta', args: [s.learningRate, s.rho!, s.epsilon!] }),
  tfjsConfig: (s) => ({ learningRate: s.learningRate, rho: s.rho!, epsilon: s.epsilon! }),
  fused: 'adadelta',
};
