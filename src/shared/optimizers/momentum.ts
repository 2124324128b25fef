import { learningRate, momentum as momentumField, nesterov } from './fields';
import type { OptimizerDefinition } from './types';

/**
 * SGD with momentum (Keras has no separate class: `keras.optimizers.SGD(momentum=…, nesterov=…)`,
 * keras/src/optimizers/sgd.py). Keras' SGD defaults are learning_rate=0.01, momentum=0.0,
 * nesterov=False; momentum 0 would make this entry plain SGD, so it starts at 0.9, the value of
 * Keras' own momentum examples and of tfjs' `tf.train.momentum` docs (tfjs requires it explicitly).
 */
export const momentum: OptimizerDefinition = {
  id: 'momentum',
  label: 'SGD with momentum',
  kerasClass: 'SGD',
  tfjsClass: 'Momentum',
  kerasMatch: (config) => typeof config.momentum === 'number' && config.momentum > 0,
  description: 'Gradient descent that keeps a running velocity, so steps build up along consistent directions.',
  fields: [learningRate(0.01), momentumField(0.9), nesterov(false)],
  tfjs: (s) => ({ factory: 'momentum', args: [s.learningRate, s.momentum!, s.nesterov!] }),
  tfjsConfig: (s) => ({ learningRate: s.learningRate, momentum: s.momentum!, useNesterov: s.nesterov! }),
  fused: 'momentum',
};
