import type { OptimizerName } from '../project/schema';

/*
 * TEMPORARY — to be replaced by the optimizer registry (`src/shared/optimizers/`, issue 9 helper A),
 * which owns each optimizer's Keras defaults. Until it lands, the run outcome's "use the
 * optimizer's default learning rate" remedy reads this one table; nothing else should.
 */

/**
 * Keras 3 default `learning_rate` of each optimizer Neurite offers: `keras.optimizers.SGD` 0.01
 * (also with `momentum`), `RMSprop` 0.001, `Adam` 0.001, `Adagrad` 0.001, `Adadelta` 0.001,
 * `Adamax` 0.001 (keras/src/optimizers/*.py).
 */
export const KERAS_DEFAULT_LEARNING_RATE: Record<OptimizerName, number> = {
  sgd: 0.01,
  momentum: 0.01,
  rmsprop: 0.001,
  adam: 0.001,
  adagrad: 0.001,
  adadelta: 0.001,
  adamax: 0.001,
};

/** Keras' class names, for messages ("RMSprop's default learning rate"). */
export const KERAS_OPTIMIZER_LABEL: Record<OptimizerName, string> = {
  sgd: 'SGD',
  momentum: 'SGD with momentum',
  rmsprop: 'RMSprop',
  adam: 'Adam',
  adagrad: 'Adagrad',
  adadelta: 'Adadelta',
  adamax: 'Adamax',
};
