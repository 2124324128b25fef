import { KERAS_EPSILON, learningRate } from './fields';
import type { OptimizerDefinition } from './types';

/**
 * Adagrad. Keras 3 `keras.optimizers.Adagrad(learning_rate=0.001, initial_accumulator_value=0.1,
 * epsilon=1e-07)` (keras/src/optimizers/adagrad.py). tfjs' `tf.train.adagrad(learningRate,
 * initialAccumulatorValue=0.1)` has no default learning rate and no epsilon argument: it always
 * uses the backend epsilon, 1e-7, which is Keras' default. So epsilon is not editable here and
 * initial_accumulator_value is fixed at Keras' 0.1 (the project format has no field for it).
 */
/** Keras' initial_accumulator_value default, which is also tfjs'. */
export const ADAGRAD_INITIAL_ACCUMULATOR = 0.1;

export const adagrad: OptimizerDefinition = {
  id: 'adagrad',
  label: 'Adagrad',
  kerasClass: 'Adagrad',
  tfjsClass: 'Adagrad',
  // tfjs' spelling of the fixed initial_accumulator_value.
  kerasNeutral: { initialAccumulatorValue: ADAGRAD_INITIAL_ACCUMULATOR },
  description: 'Divides each step by the root of all past squared gradients, so often-updated weights slow down.',
  fields: [learningRate(0.001)],
  fixedKeras: { initial_accumulator_value: ADAGRAD_INITIAL_ACCUMULATOR, epsilon: KERAS_EPSILON },
  tfjs: (s) => ({ factory: 'adagrad', args: [s.learningRate, ADAGRAD_INITIAL_ACCUMULATOR] }),
  tfjsConfig: (s) => ({ learningRate: s.learningRate, initialAccumulatorValue: ADAGRAD_INITIAL_ACCUMULATOR }),
  fused: 'adagrad',
};
