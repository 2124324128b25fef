import type * as tf from '@tensorflow/tfjs';

/**
 * Sets a tfjs optimizer's learning rate between steps. tfjs 4.22's SGD and Momentum keep the rate
 * as a kept scalar tensor `c` made by `setLearningRate` (which disposes the old one); RMSprop,
 * Adam, Adamax, Adagrad and Adadelta read their `learningRate` field at every `applyGradients`.
 * Their slots (moments, accumulators) are untouched, as Keras' `optimizer.learning_rate.assign`.
 * @throws RangeError for a rate that is not a positive finite number.
 */
export function setOptimizerLearningRate(optimizer: tf.Optimizer, learningRate: number): void {
  if (!(Number.isFinite(learningRate) && learningRate > 0)) throw new RangeError(`A learning rate must be a positive finite number; got ${learningRate}.`);
  const target = optimizer as unknown as { learningRate: number; setLearningRate?: (lr: number) => void };
  if (typeof target.setLearningRate === 'function') target.setLearningRate(learningRate);
  else target.learningRate = learningRate;
}
