import { learningRate } from './fields';
import type { OptimizerDefinition } from './types';

/**
 * Plain stochastic gradient descent: w ← w − lr·g.
 * Keras 3 `keras.optimizers.SGD(learning_rate=0.01, momentum=0.0, nesterov=False)`
 * (keras/src/optimizers/sgd.py); with momentum see `momentum.ts`. tfjs' `tf.train.sgd` has no
 * default learning rate, so the registry always passes it.
 */
export const sgd: OptimizerDefinition = {
  id: 'sgd',
  label: 'SGD',
  kerasClass: 'SGD',
  tfjsClass: 'SGD',
  // Keras' SGD with momentum 0 (its default) is this entry; with momentum > 0 it is `momentum`.
  kerasMatch: (config) => !(typeof config.momentum === 'number' && config.momentum > 0),
  kerasNeutral: { momentum: 0, nesterov: false },
  description: 'Plain gradient descent: each step moves every weight against its gradient, scaled by the learning rate.',
  fields: [learningRate(0.01)],
  tfjs: (s) => ({ factory: 'sgd', args: [s.learningRate] }),
  tfjsConfig: (s) => ({ learningRate: s.learningRate }),
  fused: 'sgd',
};
