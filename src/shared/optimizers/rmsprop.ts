import { KERAS_EPSILON, epsilon, learningRate, momentum, rho } from './fields';
import type { OptimizerDefinition } from './types';

/**
 * RMSprop, Keras' `compile()` default optimizer.
 * Keras 3 `keras.optimizers.RMSprop(learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-07,
 * centered=False)` (keras/src/optimizers/rmsprop.py). tfjs names rho `decay` and has no default
 * learning rate; its epsilon default is the backend epsilon (1e-7), passed explicitly here. Both
 * divide by sqrt(ms + ε).
 */
export const rmsprop: OptimizerDefinition = {
  id: 'rmsprop',
  label: 'RMSprop',
  kerasClass: 'RMSprop',
  tfjsClass: 'RMSProp',
  kerasNeutral: { centered: false },
  description: 'Divides each step by a running root-mean-square of recent gradients, so every weight gets its own step size.',
  fields: [learningRate(0.001), rho(0.9), momentum(0), epsilon(KERAS_EPSILON)],
  tfjs: (s) => ({ factory: 'rmsprop', args: [s.learningRate, s.rho!, s.momentum!, s.epsilon!, false] }),
  tfjsConfig: (s) => ({ learningRate: s.learningRate, decay: s.rho!, momentum: s.momentum!, epsilon: s.epsilon!, centered: false }),
  fused: 'rmsprop',
};
