import type * as tf from '@tensorflow/tfjs';

/**
 * The learning rate of a compiled model's tfjs optimizer, read and set between steps. tfjs 4.22's
 * optimizers read their `learningRate` field in every `applyGradients` (RMSProp, Adam, Adagrad,
 * Adadelta, Adamax), except SGD and Momentum, which keep `-learningRate` as a scalar `c` that
 * only `setLearningRate` renews (tfjs-core/src/optimizers/sgd_optimizer.ts). Keras 3 stores the
 * rate in a float32 variable; callers pass float32 values (Math.fround) to match.
 */
interface WithLearningRate {
  learningRate: number;
  setLearningRate?: (lr: number) => void;
}

/** The optimizer's current learning rate. @throws Error when the model has no optimizer with a numeric rate. */
export function optimizerLearningRate(optimizer: tf.Optimizer): number {
  const lr = (optimizer as unknown as WithLearningRate).learningRate;
  if (typeof lr !== 'number') throw new Error(`The ${optimizer.getClassName()} optimizer has no numeric learning rate to schedule.`);
  return lr;
}

/**
 * Sets a tfjs optimizer's learning rate between steps (the schedules, reduce-on-plateau and the
 * learning-rate finder all use this one). Slots (moments, accumulators) are untouched, as Keras'
 * `optimizer.learning_rate.assign`.
 * A rate of 0 is allowed: a warm-up starts there (Keras `CosineDecay` with `initial_learning_rate=0`).
 * @throws RangeError for a rate that is negative or not finite.
 */
export function setOptimizerLearningRate(optimizer: tf.Optimizer, learningRate: number): void {
  if (!(Number.isFinite(learningRate) && learningRate >= 0)) throw new RangeError(`A learning rate must be a finite number ≥ 0; got ${learningRate}.`);
  const o = optimizer as unknown as WithLearningRate;
  if (typeof o.setLearningRate === 'function') o.setLearningRate(learningRate);
  else o.learningRate = learningRate;
}

/** Sets the rate of the following steps on the tfjs optimizer and, when the fast path runs, on its fused twin. */
export function setLearningRate(optimizer: tf.Optimizer, lr: number, fast?: { setLearningRate(lr: number): void } | null): void {
  setOptimizerLearningRate(optimizer, lr);
  fast?.setLearningRate(lr);
}
